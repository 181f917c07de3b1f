"""Write the hostile inputs of tests/data/hostile/ (one folder per family).

    python tools/make_hostile_corpus.py

Each file is an input built to break a reader, a bound or an output: bombs, truncations,
bytes of the wrong kind, values past the limits, quotes never closed. What each one must
do (exit code, where the message points, what is counted) is in the family's
``expect.yaml`` (written by hand, left alone here); tests/test_hostile_corpus.py runs
them all. Files that would be large
(a 2 MiB line, a long log) are written gzip-compressed: the reader unpacks them as it
reads, which is what they test. The output is the same on every run (no randomness, no
time stamps), so the committed files can be checked against a fresh run.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import struct
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile"
MATRIX = (ROOT / "matrices" / "call-center.yaml").read_text("utf-8")
SAMPLE = (ROOT / "matrices" / "samples" / "call-center-tickets.csv").read_text("utf-8")
HEADER = "ticket,time,event,category\n"
ROW = "T{0},2026-03-02T08:{1:02d}:00+01:00,created,billing\n"

SMALL = """\
version: 1
name: Hostile
contacts:
  a: {name: Alice, email: a@example.com}
  b: {name: Bob, email: b@example.com}
levels:
  - {id: L1, name: First, contacts: [a], window: 30m}
  - {id: L2, name: Second, contacts: [b], window: resolution}
categories:
  - {id: c, name: C}
"""
MAPPING = """\
mapping: 1
ticket: id
time: at
category: {default: billing}
events: [{column: what}]
"""


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def rows(count: int, start: int = 0) -> str:
    return "".join(ROW.format(start + i, (start + i) % 60) for i in range(count))


def matrix_family() -> dict[str, bytes | str]:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    return {
        "alias-bomb.yaml": "\n".join(bomb) + "\n",
        "deep-flow.yaml": "version: 1\nname: x\nx-deep: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "deep-block.yaml": "version: 1\nx-deep:\n"
        + "".join("  " * i + f"k{i}:\n" for i in range(1, 80))
        + "  " * 80
        + "end\n",
        "python-tag.yaml": "version: 1\nname: !!python/object/apply:os.system [ls]\n",
        "unknown-tag.yaml": SMALL.replace("name: Hostile", "name: !secret Hostile"),
        "two-documents.yaml": SMALL + "---\n" + SMALL,
        "binary.yaml": b"version: 1\nname: \x00\x00\x00\n",
        "latin1.yaml": SMALL.replace("Hostile", "Caf\xe9").encode("latin-1"),
        "empty.yaml": "",
        "comments-only.yaml": "# nothing but a comment\n",
        "tab-indent.yaml": SMALL.replace("  a: {name", "\ta: {name"),
        "unclosed-flow.yaml": SMALL.replace("window: 30m}", "window: 30m"),
        "control-character.yaml": SMALL.replace("Hostile", "Host\x07ile"),
        "duplicate-keys.yaml": SMALL.replace("name: Hostile\n", "name: Hostile\nname: Again\n"),
        "complex-key.yaml": SMALL + "? [a, b]\n: c\n",
        "merge-of-a-scalar.yaml": SMALL + "x-merge:\n  <<: 1\n",
        "scale-inf.yaml": SMALL + "priorities:\n  default: P1\n  P1: {scale: .inf}\n",
        "scale-nan.yaml": SMALL + "priorities:\n  default: P1\n  P1: {scale: .nan}\n",
        "scale-huge.yaml": SMALL + "priorities:\n  default: P1\n  P1: {scale: 1.0e+300}\n",
        "window-huge.yaml": SMALL.replace("window: 30m}", "window: 999999999999d}"),
        "business-days-huge.yaml": SMALL.replace(
            "window: 30m}", "window: 99999999bd, calendar: office}"
        )
        + "calendars:\n  office: {week: {mon-fri: '09:00-17:00'}}\n",
        "window-5000-digits.yaml": SMALL.replace("window: 30m}", "window: " + "9" * 5000 + "d}"),
        "window-number.yaml": SMALL.replace("window: 30m}", "window: 120}"),
        "unknown-timezone.yaml": SMALL.replace(
            "name: Hostile\n", "name: Hostile\ntimezone: Mars/Olympus\n"
        ),
        "segment-25h.yaml": SMALL + "calendars:\n  office: {week: {mon: '09:00-25:00'}}\n",
        "not-a-mapping.yaml": "- just\n- a\n- list\n",
        "long-name.yaml": SMALL.replace("name: Hostile", "name: " + "x" * 20_000),
    }


def log_family() -> dict[str, bytes | str]:
    unclosed = HEADER + rows(2) + 'T2,2026-03-02T08:02:00+01:00,"created,billing\n' + rows(6, 3)
    nested = "[" * 100_000 + "]" * 100_000
    deep = json.dumps(
        {"ticket": "A", "time": "2026-03-02T08:00", "event": "created", "category": "billing"}
    )
    return {
        "unclosed-quote.csv": unclosed,
        "long-line.csv.gz": gz((HEADER + rows(2) + "T9," + "x" * (2 << 20) + "\n").encode()),
        "long-header.csv.gz": gz(b"ticket," + b"y" * (2 << 20) + b"\n"),
        "zeros.csv.gz": gz(b"\0" * (2 << 20)),
        "nul-in-row.csv": HEADER + rows(2) + "T2,2026-03-02T08:02:00+01:00,crea\0ted,billing\n",
        "year-1.csv": HEADER + rows(2) + "Y,0001-01-01T00:00,created,billing\n",
        "year-9999.csv": HEADER + rows(2) + "Y,9999-12-31T23:59:59-01:00,created,billing\n",
        "year-3000.csv": HEADER + rows(2) + "Y,3000-01-01T00:00:00Z,created,billing\n",
        "no-time.csv": HEADER + rows(2) + "Y,,created,billing\nZ\n",
        "garbage-time.csv": HEADER + rows(2) + "Y,yesterday at noon,created,billing\n",
        "nested.jsonl.gz": gz((deep[:-1] + ', "x": ' + nested + "}\n" + deep + "\n").encode()),
        "keyless.jsonl": '{"unrelated": 1}\n{}\n' + deep + "\n",
        "not-objects.jsonl": '[1, 2, 3]\n42\n"text"\nnot json\n' + deep + "\n",
        "bad-utf8.csv": (HEADER + rows(2)).encode()
        + b"T9,2026-03-02T08:09:00,cr\xe9ated,billing\n",
        "truncated.csv.gz": gz((HEADER + rows(3000)).encode())[:4000],
        "not-gzip.csv.gz": HEADER + rows(2),
        "empty.csv": "",
        "blank-lines.csv": "\n\n\n",
        "header-only.csv": HEADER,
        "missing-columns.csv": "id,when,what\nA,2026-03-02T08:00,created\n",
        "utf16.csv": (HEADER + rows(3)).encode("utf-16"),
        "lone-cr.csv": (HEADER + rows(3)).replace("\n", "\r"),
        "huge-field.csv.gz": gz(
            (
                HEADER
                + rows(1)
                + 'T8,2026-03-02T08:08:00,created,"'
                + ("z" * 200 + "\n") * 800
                + '"\n'
            ).encode()
        ),
        "unknown-events.csv.gz": gz(
            (
                HEADER
                + rows(1)
                + "".join(f"T0,2026-03-02T08:01:00+01:00,odd{i},billing\n" for i in range(2500))
            ).encode()
        ),
        "disorder.csv": HEADER + "".join(sorted(rows(40).splitlines(keepends=True))),
        "formula-ids.csv": HEADER
        + '"=HYPERLINK(""http://example.com"",""x"")",2026-03-02T08:00:00,created,billing\n'
        + "@SUM(1+1),2026-03-02T08:00:00,created,billing\n",
        "not-a-workbook.xlsx": HEADER + rows(2),
        "sheet-missing.xlsx": _workbook([["ticket", "time", "event"]], "Log"),
        "semicolons.csv": (HEADER + rows(3)).replace(",", ";"),
        "skipped-tickets.csv": HEADER
        + "A,2026-03-02T08:00:00,created,nope\nA,2026-03-02T08:01:00,paused,nope\n"
        + rows(2),
    }


def mapping_family() -> dict[str, bytes | str]:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    return {
        "ok.yaml": MAPPING,
        "binary.yaml": MAPPING.encode() + b"\0\0",
        "latin1.yaml": (MAPPING + "name: Caf\xe9\n").encode("latin-1"),
        "empty.yaml": "",
        "alias-bomb.yaml": "mapping: 1\n" + "\n".join(bomb) + "\n",
        "deep.yaml": "mapping: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n",
        "bad-format.yaml": MAPPING.replace("time: at", "time: {column: at, format: 'yyyy'}"),
        "strptime-zone.yaml": MAPPING.replace(
            "time: at", "time: {column: at, format: '%d/%m/%Y %H:%M %z'}"
        ),
        "unknown-column.yaml": MAPPING.replace("ticket: id", "ticket: case"),
        "bad-timezone.yaml": MAPPING + "timezone: Nowhere/Atlantis\n",
        "a-matrix.yaml": SMALL,
        "python-tag.yaml": MAPPING + "name: !!python/object/apply:os.system [ls]\n",
        "log.csv": "id,at,what\nA,2026-03-02T08:00:00,x\nB,2026-03-02T08:05:00,y\n",
        "zoned-log.csv": "id,at,what\nA,02/03/2026 08:00 +0100,x\nB,02/03/2026 08:05 -0300,y\n",
        "log.jsonl": '{"id": "A", "at": "2026-03-02T08:00", "what": "x"}\n'
        '{"at": "2026-03-02T08:01", "what": "x"}\n'
        '{"id": "B", "what": "x"}\n'
        '{"foo": 1}\n'
        '{"id": "C", "at": "2026-03-02T08:02", "what": "x"}\n',
    }


def _workbook(sheet_rows: list[list[object]], title: str = "Sheet1") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in sheet_rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stable_zip(stream.getvalue())


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_zip(data: bytes) -> bytes:
    """The same workbook (a zip) as the same bytes on every run: each member's time stamp
    set to one date, and the workbook's own created and modified times too."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", body)
            target.writestr(fixed, body)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), body)
    return out.getvalue()


def _claims_huge(data: bytes, member: str) -> bytes:
    """``data`` (a zip) with ``member`` claiming to unpack to 4 GiB - 1 in the directory."""
    raw = bytearray(data)
    at = raw.find(b"PK\x01\x02")  # the central directory's entries
    name = member.encode()
    while at != -1:
        size_name = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + size_name] == name:
            struct.pack_into("<I", raw, at + 24, 0xFFFFFFFE)
            return bytes(raw)
        at = raw.find(b"PK\x01\x02", at + 4)
    raise ValueError(member)


def workbook_family() -> dict[str, bytes | str]:
    good = _workbook(
        [
            ["Escalation level", "Level 1", "Level 2"],
            ["Point of contact", "Desk", "Team lead (Maria)"],
            ["Timeline", "15-30 minutes", "Resolution"],
            ["Billing", "Response: Check the invoice\nTrigger: Customer asks", None],
        ],
        "Matrix",
    )
    laughs = '<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)
    )
    bombed = {}
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        for info in archive.infolist():
            body = archive.read(info.filename)
            if b"Billing" in body:  # the text of a cell: made a billion laughs
                text = body.decode()
                head, _, rest = text.partition("?>") if text.startswith("<?xml") else ("", "", text)
                body = (
                    ((head + "?>" if head else "") + laughs + "]>" + rest)
                    .replace("Billing", "&lol9;")
                    .encode()
                )
            bombed[info.filename] = body
    wide = [["Escalation level", *[f"Level {i}" for i in range(1, 2001)]]]
    wide += [["Point of contact", *[f"Person {i}" for i in range(1, 2001)]]]
    wide += [["Timeline", *["15-30 minutes"] * 2000]]
    wide += [["Billing", "Response: Check"]]
    return {
        "not-a-zip.xlsx": "Escalation level,Level 1\n",
        "zip-not-a-workbook.xlsx": _zip({"readme.txt": b"hello"}),
        "binary-workbook.xlsx": _zip({"xl/workbook.bin": b"\0" * 64, "[Content_Types].xml": b""}),
        "zip-bomb.xlsx": _claims_huge(good, "xl/worksheets/sheet1.xml"),
        "encrypted.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 504
        + "EncryptedPackage".encode("utf-16-le"),
        "legacy.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024,
        "truncated.xlsx": good[: len(good) // 2],
        "empty-sheet.xlsx": _workbook([]),
        "no-table.xlsx": _workbook([["Name", "Phone"], ["Giulia", "+39 02"]]),
        "xml-bomb.xlsx": _zip(bombed),
        "formulas.xlsx": _workbook(
            [
                ["Escalation level", "Level 1", "Level 2"],
                ["Point of contact", '=HYPERLINK("http://x")', "@SUM(1+1)"],
                ["Timeline", "15-30 minutes", "Resolution"],
                ["+Billing", "Response: =1+1", None],
            ],
            "Matrix",
        ),
        "two-thousand-levels.xlsx": _workbook(wide, "Matrix"),
    }


def output_family() -> dict[str, bytes | str]:
    return {
        "matrix.yaml": MATRIX,
        "log.csv": SAMPLE,
        "mapping.yaml": MAPPING.replace(
            "ticket: id\ntime: at", "ticket: ticket\ntime: time"
        ).replace("column: what", "column: event"),
    }


def signals_family() -> dict[str, bytes | str]:
    return {"long-log.csv.gz": gz((HEADER + rows(60_000)).encode())}


FAMILIES = {
    "matrix": matrix_family,
    "log": log_family,
    "mapping": mapping_family,
    "workbook": workbook_family,
    "output": output_family,
    "signals": signals_family,
}


def main() -> None:
    for family, make in FAMILIES.items():
        folder = HOSTILE / family
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in make().items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
    print(f"wrote {sum(len(make()) for make in FAMILIES.values())} inputs under {HOSTILE}")


if __name__ == "__main__":
    sys.exit(main())
