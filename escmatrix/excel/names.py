"""Readable, stable ids derived from names: ``Billing / payment`` -> ``billing-payment``.

Ids follow the matrix format (letters, digits, ``-``, ``_``, ``.``, starting with a letter
or a digit). Accents are folded to ASCII, everything else becomes a separator, and a
:class:`Slugger` keeps ids unique in their kind with ``-2``, ``-3`` suffixes.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 40

_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lower case, accents removed, dashes unified, spaces collapsed, no outer spaces."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLITERATE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def slugify(text: str, separator: str = "-", fallback: str = "item") -> str:
    """An id made of the ASCII words of ``text``, at most :data:`MAX_LENGTH` characters, or
    ``fallback`` when no letter or digit is left. A long name loses its short words first
    ("of", "di", "de" …), then is cut at a word boundary."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if not words:
        return fallback
    slug = separator.join(words)
    if len(slug) <= MAX_LENGTH:
        return slug
    words = [word for i, word in enumerate(words) if i == 0 or word not in _STOP_WORDS]
    kept: list[str] = []
    for word in words:
        if kept and len(separator.join([*kept, word])) > MAX_LENGTH:
            break
        kept.append(word[:MAX_LENGTH])
    return separator.join(kept)


# Short words that make a poor end for an id cut short ("…-refund-or" -> "…-refund").
_STOP_WORDS = frozenset(
    " ".join(
        (
            "a an and as at by for from in of on or the to with",
            "il lo la i gli le un una di da del della dei delle e o per con su al alla",
            "sul sulla sullo sui sugli sulle nel nella nello nei negli nelle dal dalla dai",
            "dalle dello degli allo ai agli alle col coi tra fra",
            "pelo pela pelos pelas num numa sobre",
            "about into onto its their your our",
            "l d dell all nell dall sull",  # Italian elisions: l'account, dell'ordine
            "o os as um uma de do da dos das em no na nos nas ou com por para ao",
            "el los las un una del y u en con por para al que",
        )
    ).split()
)


class Slugger:
    """Hands out unique ids for one kind of thing (levels, contacts, triggers …)."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def unique(self, base: str) -> str:
        candidate, number = base, 2
        while candidate in self.taken:
            candidate = f"{base}-{number}"
            number += 1
        self.taken.add(candidate)
        return candidate

    def new(self, text: str, separator: str = "-", fallback: str = "item") -> str:
        return self.unique(slugify(text, separator, fallback))
