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
    """An id made of the ASCII words of ``text``, at most :data:`MAX_LENGTH` characters
    (cut at a word boundary), or ``fallback`` when no letter or digit is left."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}{separator}{word}" if slug else word
        if len(candidate) > MAX_LENGTH and slug:
            break
        slug = candidate[:MAX_LENGTH]
    parts = slug.split(separator)
    if len(slug) < len("".join(words)) + len(words) - 1:  # cut short: end on a content word
        while len(parts) > 1 and parts[-1] in _STOP_WORDS:
            parts.pop()
    return separator.join(parts) or fallback


# Short words that make a poor end for an id cut short ("…-refund-or" -> "…-refund").
_STOP_WORDS = frozenset(
    " ".join(
        (
            "a an and as at by for from in of on or the to with",
            "il lo la i gli le un una di da del della dei delle e o per con su al alla",
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
