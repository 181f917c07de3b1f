"""Read a hand-made escalation matrix drawn like the call-center template.

The table is found by its labels, wherever it is on the sheet, in English, Italian,
Portuguese or Spanish::

    (title, blank rows …)
    Escalation level | Level 1          | Level 2               | …
    Point of contact | Representative   | Giulia Rossi (Manager)| …
    Timeline         | 15-30 minutes    | 30 minuti-1 ora       | …
    Billing          | Response:        | —                     | …
                     | • Check invoices |                       |
                     | Trigger:         |                       |
                     | • Customer asks… |                       |

- the header row is the row labelled ``Escalation level`` (``Livello di escalation``,
  ``Nível de escalonamento``, ``Nivel de escalamiento`` …), or the row above the
  ``Point of contact`` / ``Timeline`` rows; the level columns are the labelled columns to
  the right of the labels, up to the first empty one;
- merged cells count for every cell they cover; a category label merged over several
  rows makes those rows one category;
- the text above the table is the matrix name (first cell) and description (the rest);
- ``Timeline P1 (Critical)`` rows are per-priority windows; ``—``, ``-`` or ``n/a`` in a
  category cell means the category skips that level;
- a category cell holds ``Response:`` and ``Trigger:`` lists (``Risposta``/``Attivatore``,
  ``Resposta``/``Gatilho``, ``Respuesta``/``Disparador`` …) and ``Contact:`` for a
  functional contact, items one a line or separated by ``•``, ``;``, ``- `` or ``* ``;
  text before any heading is read as responses;
- ids are slugs of the names (``Billing / payment`` → ``billing-payment``), unique with
  ``-2`` suffixes; ``Level 3`` becomes ``L3``; each trigger wording becomes one trigger
  whose ``name`` keeps the wording and whose ``event`` is its slug.

Every other non-empty cell is reported with its ``Sheet!cell``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from escmatrix.durations import (
    Duration,
    DurationError,
    Window,
    as_working_time,
    format_window,
    parse_window,
)
from escmatrix.excel.importer import Reading, report_formulas, report_sheet
from escmatrix.excel.names import Slugger, fold
from escmatrix.excel.sheets import Book, Position, Sheet, WorkbookError, cell_text
from escmatrix.model import ALWAYS

__all__ = ["read_template"]


def _folded_set(*words: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


LEVEL_LABELS = _folded_set(
    "escalation level",
    "escalation levels",
    "level of escalation",
    "levels",
    "level",
    "livello di escalation",
    "livelli di escalation",
    "livello di escalation",
    "livello",
    "livelli",
    "nível de escalonamento",
    "nível de escalação",
    "nível de escalada",
    "níveis de escalonamento",
    "nível",
    "nivel de escalamiento",
    "nivel de escalación",
    "nivel de escalada",
    "niveles de escalamiento",
    "nivel",
)
CONTACT_LABELS = _folded_set(
    "point of contact",
    "points of contact",
    "contact",
    "contacts",
    "contact person",
    "punto di contatto",
    "punti di contatto",
    "contatto",
    "contatti",
    "referente",
    "ponto de contato",
    "ponto de contacto",
    "pontos de contato",
    "contato",
    "contatos",
    "punto de contacto",
    "puntos de contacto",
    "contacto",
    "contactos",
    "responsable",
)
TIMELINE_LABELS = _folded_set(
    "timeline",
    "time line",
    "timeframe",
    "time frame",
    "escalation time",
    "sequenza temporale",
    "tempistica",
    "tempistiche",
    "linha do tempo",
    "prazo",
    "cronograma",
    "cronologia",
    "cronología",
    "plazo",
    "línea de tiempo",
)
_CATEGORY_PREFIX = re.compile(
    r"^\s*(?:problem|issue|category|problema|questione|categoria|categoría|tema|asunto"
    r"|assunto|tipo)\s*:\s*",
    re.IGNORECASE,
)
OFF_PATH_MARKS = frozenset({"—", "–", "-", "--", "n/a", "na", "n.a.", "x"})
_GENERIC_SHEET = re.compile(
    r"^(sheet|foglio|planilha|hoja|folha|feuil|tabelle|blad|matri[xz]|matrice)\s*\d*$", re.I
)
_LEVEL_HEADER = re.compile(
    r"^(?:escalation level|level|livello|nivel|tier|step|stage|fase|etapa|l)\s*(\d+)"
    r"(?:\s*[-:.)\u2013\u2014]\s*(?P<rest>.+)|\s*\((?P<paren>[^()]+)\))?$"
)
_HEADINGS = {
    "response": r"responses?|rispost[ae]|respostas?|respuestas?|actions?|azion[ei]"
    r"|a[cç](?:[aã]o|[oõ]es)|acci[oó]n(?:es)?",
    "trigger": r"triggers?|attivator[ei]|gatilhos?|disparador(?:es)?",
    "contact": r"contacts?|contatt[oi]|contatos?|contactos?",
}
_HEADING = re.compile(
    r"(?<![^\s•;·])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _HEADINGS.items()) + r")\s*:",
    re.IGNORECASE,
)
_BULLETS = re.compile(r"[•·●▪◦;]")
_LEADING_BULLET = re.compile(r"^(?:[-*–—]\s+|\d{1,2}[.)]\s+)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ()./-]{5,}\d")
_TEAM_WORDS = _folded_set(
    "team",
    "teams",
    "group",
    "desk",
    "department",
    "board",
    "committee",
    "squad",
    "squadra",
    "gruppo",
    "reparto",
    "ufficio",
    "dipartimento",
    "comitato",
    "equipe",
    "grupo",
    "departamento",
    "setor",
    "equipo",
    "comite",
    "representatives",
    "rappresentanti",
    "agents",
    "agenti",
    "agentes",
)

# Words that make a text a job rather than a person: in "Team lead (Maria)" the person is
# Maria and her role the team lead; in "Giulia Rossi (Support manager)" the other way round.
_ROLE_TEXT = (
    "lead leader manager director head officer representative rep agent supervisor"
    " coordinator specialist engineer analyst owner admin administrator executive chief"
    " president vp ceo cto cio cfo coo support desk team operator technician consultant"
    " assistant staff sales service tier"
    " responsabile capo direttore direttrice tecnico operatore addetto referente"
    " coordinatore coordinatrice dirigente"
    " gerente diretor diretora coordenador coordenadora analista atendente chefe lider"
    " jefe jefa directora coordinador coordinadora agente encargado encargada"
)
_ROLE_WORDS = _folded_set(*_ROLE_TEXT.split())


def _is_role(text: str) -> bool:
    return bool(set(re.findall(r"\w+", fold(text))) & _ROLE_WORDS)


@dataclass
class _Grid:
    """A sheet's texts, with merged ranges filled in, and which cells were used."""

    sheet: Sheet
    text: dict[Position, str] = field(default_factory=dict)
    origin: dict[Position, Position] = field(default_factory=dict)
    used: set[Position] = field(default_factory=set)

    @classmethod
    def of(cls, sheet: Sheet) -> _Grid:
        grid = cls(sheet)
        for position, value in sheet.values.items():
            text = cell_text(value).strip()
            if text:
                grid.text[position] = text
        if grid.text:
            last_row = max(r for r, _ in grid.text)
            last_column = max(c for _, c in grid.text)
            for r1, c1, r2, c2 in sheet.merged:
                value = grid.text.get((r1, c1))
                for row in range(r1, min(r2, last_row) + 1):
                    for column in range(c1, min(c2, last_column) + 1):
                        grid.origin[(row, column)] = (r1, c1)
                        if value is not None:
                            grid.text[(row, column)] = value
        return grid

    def get(self, row: int, column: int) -> str:
        return self.text.get((row, column), "")

    def source(self, row: int, column: int) -> Position:
        return self.origin.get((row, column), (row, column))

    def use(self, row: int, column: int) -> str:
        self.used.add(self.source(row, column))
        return self.get(row, column)

    def ref(self, row: int, column: int) -> str:
        return self.sheet.ref(*self.source(row, column))

    def unused(self) -> list[Position]:
        return sorted(p for p in self.text if p == self.source(*p) and p not in self.used)


def _label(text: str) -> str:
    return fold(text).rstrip(" :")


def _label_kind(text: str) -> tuple[str, str]:
    """("level" | "contact" | "timeline" | "priority" | "category" | "", rest)."""
    label = _label(text)
    if not label:
        return "", ""
    if label in LEVEL_LABELS:
        return "level", ""
    if label in CONTACT_LABELS:
        return "contact", ""
    if label in TIMELINE_LABELS:
        return "timeline", ""
    for word in sorted(TIMELINE_LABELS, key=len, reverse=True):
        if label.startswith(word + " "):
            # the original text after the label word(s): "Timeline P1 (Critical)"
            words = len(word.split())
            rest = text.strip().split(None, words)[-1] if len(text.split()) > words else ""
            if _PRIORITY_WORD.match(fold(rest)):
                return "priority", rest.strip().lstrip("-–—:").strip()
    return "category", ""


# What follows "Timeline" in a per-priority row: an id with a digit (P1, Sev2, 1) or a
# priority word; "Timeline disputes" stays a category.
_PRIORITY_WORD = re.compile(
    r"^[-:(\s]*(?:[a-z]{0,4}\d+\b|priority|priorita|prioridade|prioridad|critical|high"
    r"|medium|normal|low|urgent|critica|alta|media|bassa|baixa|urgente|maxima|minima)"
)


@dataclass
class _Table:
    header_row: int
    label_column: int


def _find_table(grid: _Grid) -> _Table | None:
    first_label: Position | None = None
    for row, column in sorted(grid.text):
        if (row, column) != grid.source(row, column):
            continue
        kind, _ = _label_kind(grid.get(row, column))
        if kind == "level":
            return _Table(row, column)
        if kind in ("contact", "timeline") and first_label is None:
            first_label = (row, column)
    if first_label is None:
        return None
    row, column = first_label
    for above in range(row - 1, 0, -1):
        right = [(above, c) for (r, c) in grid.text if r == above and c > column]
        origins = {grid.source(*p) for p in right}
        if right and not (len(origins) == 1 and len(right) > 1):  # not one merged title
            return _Table(above, column)
    return _Table(row - 1, column)  # no header row: levels are numbered


@dataclass
class _Contact:
    id: str
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    kind: str = "person"
    where: str = ""


class _Builder:
    """Turns the cells of the table into the canonical form of a matrix."""

    def __init__(self, grid: _Grid, table: _Table, reading: Reading) -> None:
        self.grid, self.table, self.reading = grid, table, reading
        self.contacts: dict[str, _Contact] = {}  # folded name -> contact
        self.contact_by_id: dict[str, _Contact] = {}
        self.contact_rank: dict[str, int] = {}  # id -> when it was made: 0, 1, ...
        self.contact_ids = Slugger()
        self.trigger_ids = Slugger()
        self.event_ids = Slugger()
        self.triggers: dict[str, dict[str, Any]] = {}  # folded wording -> trigger

    # contacts

    def contact(self, entry: str, where: str) -> str | None:
        text = entry
        email = phone = None
        found = _EMAIL.search(text)
        if found:
            email = found.group()
            text = text.replace(email, " ")
        found = _PHONE.search(text)
        if found:
            phone = found.group().strip()
            text = text.replace(found.group(), " ")
        text = re.sub(r"[<>]|\(\s*\)|\[\s*\]", " ", text)
        text = re.sub(r"\s+", " ", text).strip(" ,;:|/-–—")
        role = None
        match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
        if match:
            text, role = match.group(1).strip(), match.group(2).strip()
            if _is_role(text) and not _is_role(role):  # "Team lead (Maria)"
                text, role = role, text
        name = text or email or phone
        if not name:
            return None
        key = fold(name)
        contact = self.contacts.get(key)
        if contact is None:
            kind = "team" if set(re.findall(r"\w+", key)) & _TEAM_WORDS else "person"
            contact = _Contact(
                self.contact_ids.new(name, fallback="contact"), name, kind=kind, where=where
            )
            self.contacts[key] = contact
            self.contact_by_id[contact.id] = contact
            self.contact_rank[contact.id] = len(self.contact_rank)
        contact.role = contact.role or role
        contact.email = contact.email or email
        contact.phone = contact.phone or phone
        return contact.id

    def contacts_in(self, text: str, where: str, commas: bool = False) -> list[str]:
        ids: list[str] = []
        for item in _items(text, commas=commas):
            contact_id = self.contact(item, where)
            if contact_id is not None and contact_id not in ids:
                ids.append(contact_id)
        return ids

    # triggers

    def trigger(self, wording: str, where: str) -> str:
        key = fold(wording)
        trigger = self.triggers.get(key)
        if trigger is None:
            trigger = {
                "id": self.trigger_ids.new(wording, fallback="trigger"),
                "name": wording,
                "event": [self.event_ids.new(wording, separator="_", fallback="event")],
                "escalate": "next",
                "notify": [],
                "scope": "cell",
                "description": None,
                "where": where,
            }
            self.triggers[key] = trigger
        return str(trigger["id"])


def _items(text: str, commas: bool = False) -> list[str]:
    """List items: one a line, or separated by bullets or semicolons (or commas)."""
    items = []
    for line in text.split("\n"):
        stripped = line.strip()
        pieces = _BULLETS.split(stripped)
        if re.match(r"^[-*]\s", stripped):  # "- a - b": dashes used as bullets in one line
            pieces = [p for piece in pieces for p in re.split(r"\s[-*]\s", " " + piece)]
        if commas:
            pieces = [p for piece in pieces for p in piece.split(",")]
        for piece in pieces:
            item = _LEADING_BULLET.sub("", piece.strip()).strip()
            if item:
                items.append(item)
    return items


@dataclass
class _CellText:
    response: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    loose: bool = False  # text before any heading, read as responses


def _original_part(text: str, match: re.Match[str], group: str) -> str:
    """The part of ``text`` (as written, with its accents) that ``group`` matched in the
    folded text; the folded match when folding moved the positions."""
    if len(fold(text)) == len(text.strip()):
        return text.strip()[match.start(group) : match.end(group)].strip()
    return match.group(group).strip()


# A heading alone on its line, without a colon ("Response", then the items below it).
_BARE_HEADING = re.compile(r"(?im)^([ \t]*(?:" + "|".join(_HEADINGS.values()) + r"))[ \t]*$")


def _parse_cell(text: str) -> _CellText:
    parsed = _CellText()
    text = _BARE_HEADING.sub(r"\1:", text)
    matches = list(_HEADING.finditer(text))
    preamble = text[: matches[0].start()] if matches else text
    if preamble.strip():
        parsed.response.extend(_items(preamble))
        parsed.loose = True
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end]
        kind = match.lastgroup or "response"
        if kind == "contact":
            parsed.contacts.extend(_items(body, commas=True))
        elif kind == "trigger":
            parsed.triggers.extend(_items(body))
        else:
            parsed.response.extend(_items(body))
    return parsed


def _priority_key(rest: str) -> tuple[str | None, str | None]:
    match = re.fullmatch(r"\(?\s*([A-Za-z0-9][\w.-]*)\s*\)?\s*(?:\((.*)\))?", rest)
    if match:
        return match.group(1), (match.group(2) or "").strip() or None
    return None, rest or None


def _default(window: Any) -> str:
    return str(window["default"] if isinstance(window, dict) else window)


def _uniform_scale(defaults: dict[int, str], read: dict[int, str]) -> int | float | None:
    """The factor that turns every default window into the one written for a priority, when
    there is one and it is a short decimal (``0.5``, ``2``): what a person would have
    written as ``scale``. None when the windows are not one multiple of the defaults.

    A business-day window scaled below one day is written as working time (``2h-4h of
    working time`` for ``0.25bd..0.5bd``): it agrees when every such window implies one
    and the same working day for the factor the other windows give."""
    factors = set()
    working: list[tuple[Duration, Duration]] = []  # (business days, working time)
    for index, text in read.items():
        default, scaled = parse_window(defaults[index]), parse_window(text)
        for a, b in ((default.min, scaled.min), (default.max, scaled.max)):
            if a is None and b is None:
                continue
            if a is None or b is None or a.is_zero:
                return None
            if a.is_business and not b.is_business:
                working.append((a, b))
                continue
            if a.is_business != b.is_business:
                return None
            factors.add(
                b.business_days / a.business_days
                if a.is_business
                else Fraction(b.seconds, a.seconds)
            )
    if len(factors) != 1:
        return 1 if not factors and not working else None
    factor = factors.pop()
    number: int | float = int(factor) if factor.denominator == 1 else float(factor)
    if factor <= 0 or Fraction(str(number)) != factor:
        return None  # not a short decimal: keep the windows as written
    days = {round(b.seconds / (a.business_days * factor)) for a, b in working}
    if len(days) > 1:
        return None
    day = days.pop() if days else None
    for index, text in read.items():
        scaled = parse_window(defaults[index]).scaled(factor)
        bounds = [None if d is None else as_working_time(d, day) for d in (scaled.min, scaled.max)]
        if format_window(Window(*bounds)) != text:
            return None
    return number


def _window(text: str, where: str, reading: Reading) -> Window | None:
    try:
        return parse_window(text)
    except DurationError as error:
        reading.problem(where, f"cannot read the timeline {text!r} ({error})")
        return None


def _matrix_name(
    grid: _Grid, table: _Table, book: Book, reading: Reading
) -> tuple[str, str | None]:
    above = [p for p in grid.unused() if p[0] < table.header_row]
    texts = []
    for row, column in above:
        texts.append(grid.use(row, column))
    if texts:
        reading.note(("name",), f"From {grid.ref(*above[0])}, above the table.")
        return texts[0], "\n".join(texts[1:]) or None
    if book.title:
        return book.title, None
    if not _GENERIC_SHEET.match(grid.sheet.title.strip()):
        return grid.sheet.title.strip(), None
    stem = Path(book.source).stem
    readable = "" if stem.startswith("<") else " ".join(re.split(r"[-_\s]+", stem)).strip()
    return readable or "Escalation matrix", None


def read_template(book: Book) -> Reading:
    """The matrix from the first sheet that holds a table in the template layout."""
    reading = Reading({})
    order = sorted(
        book.sheet_names, key=lambda name: fold(name) not in ("matrix", "matrice", "matriz")
    )
    sheets = {name: book.sheet(name) for name in book.sheet_names}
    found: tuple[_Grid, _Table] | None = None
    for name in order:
        grid = _Grid.of(sheets[name])
        table = _find_table(grid)
        if table is not None:
            found = (grid, table)
            break
    if found is None:
        if not any(sheet.values for sheet in sheets.values()):
            raise WorkbookError(book.source, "is an empty workbook: no escalation matrix in it")
        raise WorkbookError(
            book.source,
            "holds no escalation matrix: no sheet has a row labelled 'Escalation level',"
            " 'Point of contact' or 'Timeline' (or 'Livello di escalation', 'Punto di contatto',"
            " 'Sequenza temporale', 'Nível de escalonamento', 'Nivel de escalamiento' …), nor"
            " the detail sheets of an escmatrix export",
        )
    grid, table = found
    _build(grid, table, book, reading)
    for name, sheet in sheets.items():
        if name == grid.sheet.title:
            report_formulas(reading, sheet)
            continue
        report_sheet(
            reading,
            sheet,
            sheet.positions(),
            f"not read (the matrix is on sheet {grid.sheet.title!r})",
        )
    return reading


def _build(grid: _Grid, table: _Table, book: Book, reading: Reading) -> None:
    _TableReader(grid, table, book, reading).read()


class _TableReader:
    """Reads the table found at ``table``: its layout first, then levels, per-priority
    timelines and categories; what is left over is reported."""

    def __init__(self, grid: _Grid, table: _Table, book: Book, reading: Reading) -> None:
        self.grid, self.book, self.reading = grid, book, reading
        self.hr, self.lc = hr, lc = table.header_row, table.label_column
        self.sheet = grid.sheet.title
        self.builder = _Builder(grid, table, reading)
        grid.use(hr, lc)
        # the rows of the table: below the header, up to two blank rows in a row
        self.body: list[int] = []
        previous = hr
        for row in sorted({r for r, c in grid.text if r > hr and c >= lc}):
            if row - previous > 2 and self.body:
                break
            self.body.append(row)
            previous = row
        self.kinds = {row: _label_kind(grid.get(row, lc)) for row in self.body}
        self.contact_row = next((r for r in self.body if self.kinds[r][0] == "contact"), None)
        self.timeline_row = next((r for r in self.body if self.kinds[r][0] == "timeline"), None)
        # the level columns: labelled, right of the labels, up to the first empty column
        label_rows = (hr, self.contact_row, self.timeline_row)
        labelled = {c for (r, c) in grid.text if c > lc and r in label_rows}
        for found_row in (self.contact_row, self.timeline_row):
            if found_row is not None:
                grid.use(found_row, lc)
        self.columns: list[int] = []
        column = min(labelled) if labelled else lc + 1
        while column in labelled:
            self.columns.append(column)
            column += 1
        if not self.columns:
            raise WorkbookError(
                book.source,
                f"sheet {self.sheet!r}: the table at {grid.ref(hr, lc)} has no level columns",
            )

    def read(self) -> None:
        name, description = _matrix_name(
            self.grid, _Table(self.hr, self.lc), self.book, self.reading
        )
        levels = self.levels()
        priorities = self.priorities(levels)
        categories = self.categories(levels)
        self.report_unused()
        self.finish_categories(categories, levels)
        self.finish(name, description, levels, priorities, categories)

    def levels(self) -> list[dict[str, Any]]:
        grid, reading, builder = self.grid, self.reading, self.builder
        hr, lc, columns = self.hr, self.lc, self.columns
        contact_row, timeline_row = self.contact_row, self.timeline_row
        level_ids = Slugger()
        levels: list[dict[str, Any]] = []
        for index, column in enumerate(columns):
            header = grid.use(hr, column)
            first, _, more = header.partition("\n")
            match = _LEVEL_HEADER.match(fold(first))
            level_name = None
            if match:
                level_id = level_ids.unique(f"L{int(match.group(1))}")
                part = "rest" if match.group("rest") else "paren" if match.group("paren") else None
                rest = more.strip() or (_original_part(first, match, part) if part else "")
                level_name = " ".join(rest.split()) or None
            elif header:
                level_id = level_ids.new(header, fallback=f"L{index + 1}")
                level_name = " ".join(header.split())
            else:
                level_id = level_ids.unique(f"L{index + 1}")
            contacts: list[str] = []
            if contact_row is not None and grid.get(contact_row, column):
                text = grid.use(contact_row, column)
                contacts = builder.contacts_in(text, grid.ref(contact_row, column))
                if level_name is None and contacts:
                    # in the order they were made (a lookup each, not a pass over all the
                    # contacts: a sheet may have thousands of levels)
                    rank = builder.contact_rank
                    people = sorted(
                        (builder.contact_by_id[c] for c in contacts), key=lambda c: rank[c.id]
                    )
                    roles = [c.role for c in people if c.role]
                    level_name = (
                        " / ".join(roles)
                        if len(roles) == len(people)
                        else " / ".join(c.name for c in people)
                    )
            notes = [
                f"{grid.ref(hr, column)}: {header!r}"
                if header
                else f"column {grid.ref(hr, column)}"
            ]
            window: Window | None = None
            if timeline_row is not None and grid.get(timeline_row, column):
                text = grid.use(timeline_row, column)
                where = grid.ref(timeline_row, column)
                window = _window(text, where, reading)
                notes.append(f"timeline {where}: {text!r}")
                if window is None:
                    notes.append(
                        "it could not be read: this level waits for resolution; fix its window"
                    )
            elif index < len(columns) - 1:
                where = grid.ref(timeline_row or hr, column)
                reading.problem(where, "no timeline for this level; it waits for resolution")
            levels.append(
                {
                    "id": level_id,
                    "name": level_name or " ".join(first.split()) or f"Level {index + 1}",
                    "contacts": contacts,
                    "window": format_window(window) if window is not None else "resolution",
                    "calendar": None,
                    "description": None,
                }
            )
            reading.note(("levels", index), "; ".join(notes))
        if timeline_row is None:
            reading.problem(
                grid.ref(hr, lc), "the table has no Timeline row: every level waits for resolution"
            )

        return levels

    def priorities(self, levels: list[dict[str, Any]]) -> dict[str, Any]:
        grid, reading, lc, columns = self.grid, self.reading, self.lc, self.columns
        priorities: dict[str, Any] = {}
        priority_ids = Slugger({"default"})
        for row in self.body:
            kind, rest = self.kinds[row]
            if kind != "priority":
                continue
            grid.use(row, lc)
            key, priority_name = _priority_key(rest)
            key = (
                priority_ids.unique(key)
                if key
                else priority_ids.new(priority_name or "priority", fallback="P")
            )
            start = None
            started = False
            read: dict[int, str] = {}  # level index -> the window written for this priority
            for index, column in enumerate(columns):
                text = grid.use(row, column)
                if not started and (not text or text.lower() in OFF_PATH_MARKS):
                    continue
                if not started and index > 0:
                    start = levels[index]["id"]
                started = True
                if not text or text.lower() in OFF_PATH_MARKS:
                    continue
                window = _window(text, grid.ref(row, column), reading)
                if window is not None:
                    read[index] = format_window(window)
            defaults = {index: _default(levels[index]["window"]) for index in read}
            scale = _uniform_scale(defaults, read)
            if scale is None:
                for index, text in read.items():
                    if text != defaults[index]:
                        current = levels[index]["window"]
                        current = (
                            dict(current) if isinstance(current, dict) else {"default": current}
                        )
                        current[key] = text
                        levels[index]["window"] = {
                            "default": current.pop("default"),
                            **dict(sorted(current.items())),
                        }
            priorities[key] = {
                "name": priority_name,
                "start": start,
                "scale": None if scale == 1 else scale,
            }
            reading.note(
                ("priorities", key), f"From the row {grid.ref(row, lc)}: {grid.get(row, lc)!r}."
            )

        return priorities

    def categories(self, levels: list[dict[str, Any]]) -> list[dict[str, Any]]:
        grid, reading, builder, lc, columns = (
            self.grid,
            self.reading,
            self.builder,
            self.lc,
            self.columns,
        )
        categories: list[dict[str, Any]] = []
        category_ids = Slugger()
        previous_origin: Position | None = None
        for row in self.body:
            kind, _ = self.kinds[row]
            if kind != "category":
                continue
            origin = grid.source(row, lc)
            label = grid.use(row, lc)
            if categories and origin == previous_origin:
                category = categories[-1]  # a label merged over several rows
            else:
                category_name = _CATEGORY_PREFIX.sub("", label).strip() or label
                category = {
                    "id": category_ids.new(category_name, fallback="category"),
                    "name": " ".join(category_name.split("\n")).strip(),
                    "kind": "hierarchical",
                    "path": None,
                    "contacts": {},
                    "cells": {},
                    "description": None,
                    "off": set(),
                }
                categories.append(category)
                reading.note(
                    ("categories", len(categories) - 1), f"From the row {grid.ref(row, lc)}."
                )
            previous_origin = origin
            for index, column in enumerate(columns):
                text = grid.use(row, column)
                if not text:
                    continue
                level_id = levels[index]["id"]
                if text.lower() in OFF_PATH_MARKS:
                    category["off"].add(level_id)
                    continue
                parsed = _parse_cell(text)
                where = grid.ref(row, column)
                cell = category["cells"].setdefault(level_id, {"response": [], "triggers": []})
                cell["response"].extend(parsed.response)
                for wording in parsed.triggers:
                    cell["triggers"].append(builder.trigger(wording, where))
                if parsed.contacts:
                    ids = category["contacts"].setdefault(level_id, [])
                    for entry in parsed.contacts:
                        contact_id = builder.contact(entry, where)
                        if contact_id is not None and contact_id not in ids:
                            ids.append(contact_id)
                if parsed.loose:
                    reading.note(
                        ("categories", len(categories) - 1, "cells", level_id),
                        f"{where} has text before any 'Response:' or 'Trigger:' heading;"
                        " it was read as responses.",
                    )

        return categories

    def report_unused(self) -> None:
        """Rows without a label, repeated header, contact or timeline rows, cells outside."""
        grid, reading, kinds, body = self.grid, self.reading, self.kinds, self.body
        hr, lc, columns = self.hr, self.lc, self.columns
        unused = grid.unused()
        repeated = [
            p
            for p in unused
            if kinds.get(p[0], ("",))[0] in ("contact", "timeline", "level")
            and p[1] in (lc, *columns)
        ]
        if repeated:
            report_sheet(
                reading,
                grid.sheet,
                repeated,
                "in a repeated header, contact or timeline row; only the first is read",
            )
        unused = [p for p in unused if p not in repeated]
        in_table = [
            p for p in unused if hr <= p[0] <= (body[-1] if body else hr) and p[1] in columns
        ]
        without_label = [p for p in in_table if not grid.get(p[0], lc)]
        if without_label:
            report_sheet(reading, grid.sheet, without_label, "in a row without a label; not placed")
        elsewhere = [p for p in unused if p not in without_label and p not in in_table]
        if elsewhere:
            report_sheet(reading, grid.sheet, elsewhere, "outside the matrix table; not placed")
        leftover = [p for p in in_table if p not in without_label]
        if leftover:
            report_sheet(reading, grid.sheet, leftover, "not placed")

    def finish_categories(
        self, categories: list[dict[str, Any]], levels: list[dict[str, Any]]
    ) -> None:
        grid, reading, hr, lc = self.grid, self.reading, self.hr, self.lc
        all_ids = [level["id"] for level in levels]
        for index, category in enumerate(categories):
            off = category.pop("off")
            path = [level_id for level_id in all_ids if level_id not in off]
            if not path:
                reading.problem(
                    grid.ref(hr, lc),
                    f"category {category['name']!r} skips every level; it is given all of them",
                )
                path = all_ids
            category["path"] = path
            if category["contacts"]:
                category["kind"] = "functional"
            category["cells"] = {
                level_id: cell
                for level_id, cell in category["cells"].items()
                if cell["response"] or cell["triggers"]
            }
            for level_id in category["cells"]:
                if level_id in off:
                    reading.note(
                        ("categories", index, "cells", level_id),
                        f"{level_id} is marked as skipped but has a cell.",
                    )

    def finish(
        self,
        name: str,
        description: str | None,
        levels: list[dict[str, Any]],
        priorities: dict[str, Any],
        categories: list[dict[str, Any]],
    ) -> None:
        grid, reading, builder, sheet = self.grid, self.reading, self.builder, self.sheet
        hr, lc = self.hr, self.lc
        triggers = []
        for index, trigger in enumerate(builder.triggers.values()):
            reading.note(("triggers", index), f"First in {trigger.pop('where')}.")
            triggers.append(trigger)
        contact_data: dict[str, Any] = {}
        for contact in builder.contacts.values():
            contact_data[contact.id] = {
                "name": contact.name,
                "kind": contact.kind,
                "role": contact.role,
                "email": contact.email,
                "phone": contact.phone,
                "channels": [],
                "calendar": None,
            }
            reading.note(("contacts", contact.id), f"From {contact.where}.")
        reading.header.extend(
            [
                f"The table is on sheet {sheet!r} at {grid.ref(hr, lc)};"
                " ids were made from the names.",
                "Check the time zone, add emails or phones to the contacts, and run"
                " `escmatrix validate` on this file.",
            ]
        )
        reading.data = {
            "version": 1,
            "name": name,
            "description": description,
            "timezone": "UTC",
            "default_calendar": ALWAYS,
            "calendars": {},
            "contacts": contact_data,
            "levels": levels,
            "priorities": {"default": None, **priorities},
            "triggers": triggers,
            "categories": categories,
        }
        reading.note(
            ("timezone",), "Not in the sheet: set your call center's IANA zone, e.g. Europe/Rome."
        )
        if any("bd" in str(level["window"]) for level in levels):
            reading.note(
                ("levels",),
                "Business days count on the default 24x7 calendar; add an office calendar"
                " and name it on those levels.",
            )
