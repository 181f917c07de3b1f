"""Output formats of ``simulate`` (and ``explain``), looked up by name.

Streaming formats (json, jsonl, csv) write each record as it comes into a seekable file so
that a replay that must start again (a log in no order) can empty it; the human formats
(timeline, table, summary) keep the records and draw them at the end.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import IO, Any

from escmatrix.events import STANDARD_EVENTS
from escmatrix.findings import top_and_rest
from escmatrix.model import Matrix
from escmatrix.output.records import RecordTexts
from escmatrix.simulation.engine import FIELDS, REACH_FIELDS, Notification
from escmatrix.simulation.summary import HOURS_OF_WEEK, Summary
from escmatrix.suggest import closest


class StreamSink:
    """Base of the streaming formats: writes to ``stream`` (a seekable text file)."""

    def __init__(self, stream: IO[str], matrix: Matrix) -> None:
        self.stream = stream
        self.matrix = matrix
        # records of a matrix with availability say who could not be reached (SPEC 10)
        self.reach = matrix.uses_availability
        self.start()

    def start(self) -> None:
        """Write whatever precedes the records."""

    def reset(self) -> None:
        self.stream.seek(0)
        self.stream.truncate()
        self.start()

    def write(self, notification: Notification) -> None:
        raise NotImplementedError  # pragma: no cover

    def close(self, summary: Summary) -> None:
        """Write whatever follows the records."""


class JsonLinesSink(StreamSink):
    """One JSON object a line, byte for byte what ``json.dumps(record, ensure_ascii=False)``
    writes (:meth:`RecordTexts.json_line`)."""

    def start(self) -> None:
        self._texts = RecordTexts()

    def write(self, n: Notification) -> None:
        self.stream.write(self._texts.json_line(n, self.reach) + "\n")


class CsvSink(StreamSink):
    """A header, then one row a record, as :func:`csv.writer` writes them with "\r\n"
    line ends (RFC 4180: with them a detail holding a lone "\r" is quoted, not split)."""

    def start(self) -> None:
        names = FIELDS + REACH_FIELDS if self.reach else FIELDS
        self.stream.write(",".join(names) + "\r\n")
        self._texts = RecordTexts()

    def write(self, n: Notification) -> None:
        self.stream.write(self._texts.csv_line(n, self.reach))


class JsonSink(StreamSink):
    """``{"notifications": [...], "summary": {...}}``, written as the records come."""

    counts_days = True

    def start(self) -> None:
        self.stream.write('{\n  "notifications": [')
        self.first = True
        self._texts = RecordTexts()

    def write(self, notification: Notification) -> None:
        self.stream.write("\n    " if self.first else ",\n    ")
        self.stream.write(self._texts.json_line(notification, self.reach))
        self.first = False

    def close(self, summary: Summary) -> None:
        body = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.stream.write(("\n  ],\n" if not self.first else "],\n") + f'  "summary": {body}\n}}\n')


class HeldSink:
    """Keeps the records; draws them on ``console`` at the end."""

    def __init__(self, console: Any, matrix: Matrix) -> None:
        self.console = console
        self.matrix = matrix
        self.records: list[Notification] = []

    def write(self, notification: Notification) -> None:
        self.records.append(notification)

    def reset(self) -> None:
        self.records.clear()


class TimelineSink(HeldSink):
    def close(self, summary: Summary) -> None:
        draw_timeline(self.console, self.matrix, self.records)
        draw_footer(self.console, summary)


class TableSink(HeldSink):
    def close(self, summary: Summary) -> None:
        from rich.table import Table

        table = Table(show_lines=False, header_style="bold")
        reach = self.matrix.uses_availability
        names = ("time", "ticket", "level", "contacts", "reason", "detail")
        for name in names + (("unreachable",) if reach else ()):
            table.add_column(name, overflow="fold")
        for n in self.records:
            cells = [
                n.time.strftime("%Y-%m-%d %H:%M"),
                n.ticket,
                n.level,
                contact_names(self.matrix, n.contacts),
                n.reason,
                n.detail,
            ]
            if reach:
                cells.append(contact_names(self.matrix, n.unreachable))
            table.add_row(*cells)
        self.console.print(table)
        draw_footer(self.console, summary)


class SummarySink(HeldSink):
    counts_days = True  # the summary shows notifications per day or week

    def write(self, notification: Notification) -> None:
        pass  # the summary counts everything itself

    def close(self, summary: Summary) -> None:
        draw_summary(self.console, self.matrix, summary)


STREAM_FORMATS: dict[str, type[StreamSink]] = {
    "json": JsonSink,
    "jsonl": JsonLinesSink,
    "csv": CsvSink,
}
HUMAN_FORMATS: dict[str, type[HeldSink]] = {
    "timeline": TimelineSink,
    "table": TableSink,
    "summary": SummarySink,
}


def contact_names(matrix: Matrix, contact_ids: tuple[str, ...]) -> str:
    return ", ".join(
        matrix.contact_by_id[c].name if c in matrix.contact_by_id else c for c in contact_ids
    )


REASON_STYLE = {
    "created": "cyan",
    "timeout": "yellow",
    "manual": "magenta",
    "priority": "red",
    "reopened": "blue",
    "exhausted": "bold red",
}


def describe(matrix: Matrix, n: Notification) -> tuple[str, str]:
    """(who, why) for one record, the way explain and the timeline print it."""
    who = f"{n.level} {n.level_name}"
    names = contact_names(matrix, n.contacts)
    if not names and n.unreachable:
        names = "nobody reached"
    return (f"{who} ({names})" if names else who), n.detail


def draw_timeline(console: Any, matrix: Matrix, records: list[Notification]) -> None:
    from rich.text import Text

    by_ticket: dict[str, list[Notification]] = defaultdict(list)
    for record in records:
        by_ticket[record.ticket].append(record)
    for ticket, items in by_ticket.items():
        console.print(Text(f"Ticket {ticket}", style="bold underline"))
        for n in items:
            who, why = describe(matrix, n)
            style = REASON_STYLE.get(n.reason, "green" if n.reason.startswith("trigger:") else "")
            console.print(
                Text.assemble(
                    "  ",
                    (n.time.strftime("%a %d %b %Y %H:%M"), "bold"),
                    "  ",
                    (f"{n.reason:<10}", style),
                    " ",
                    who,
                    (f" — {why}", "dim"),
                )
            )
        console.print()


def draw_footer(console: Any, summary: Summary) -> None:
    console.print(
        f"{summary.tickets:,} tickets, {summary.events:,} events,"
        f" {summary.notifications:,} notifications"
        f" up to {summary.horizon.isoformat() if summary.horizon else '-'}",
        style="dim",
    )
    for warning in summary.warnings:
        console.print(f"warning: {warning}", style="yellow")
    if summary.skipped:
        skipped = ", ".join(f"{count} {reason}" for reason, count in summary.skipped.most_common())
        console.print(f"skipped rows: {skipped} (see --format summary)", style="yellow")


_SHADES = " ░▒▓█"


def heat_row(hours: list[int], peak: int) -> str:
    """One character per hour: blank for none, darker for more (relative to ``peak``)."""
    if peak == 0:
        return " " * len(hours)
    return "".join(_SHADES[0 if h == 0 else 1 + min(3, (h * 4 - 1) // peak)] for h in hours)


DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


HEAT_LEGEND = (
    f"{_SHADES[1]} up to a quarter of the contact's busiest hour, {_SHADES[2]} up to half,"
    f" {_SHADES[3]} up to three quarters, {_SHADES[4]} more; blank: none"
    " (days without any are left out)"
)


def draw_heat_map(console: Any, matrix: Matrix, summary: Summary, contacts: int) -> None:
    """Per busiest contact, a week of hours: one line a day, one character an hour, darker
    for more notifications (relative to that contact's busiest hour), with a legend."""
    from rich.text import Text

    title = "Notifications by hour of the week (matrix time zone), busiest contacts"
    console.print(Text(title, style="bold"))
    console.print(Text(HEAT_LEGEND, style="dim"))
    margin = " " * len(f"  Mon  {0:>8,}  ")
    console.print(Text(margin + "".join(f"{h:<3}" for h in range(0, 24, 3)), style="dim"))
    for contact, _ in summary.per_contact.most_common(contacts):
        hours = summary.per_contact_hour[contact]
        assert len(hours) == HOURS_OF_WEEK
        peak = max(hours)
        name = contact_names(matrix, (contact,))[:40]
        console.print(Text.assemble((name, "bold"), (f"  busiest hour: {peak:,}", "dim")))
        for day, weekday in enumerate(DAYS):
            row = hours[day * 24 : day * 24 + 24]
            if any(row):
                console.print(f"  {weekday}  {sum(row):>8,}  " + heat_row(row, peak))


def over_time(summary: Summary) -> tuple[str, list[tuple[str, int, int]]]:
    """("day" or "week", [(the day or the week's Monday, tickets created, notifications)]):
    by day over a month at most, else by week (weeks start on Monday)."""
    days = summary.per_day
    if not days:
        return "day", []
    first, last = min(days), max(days)
    if (last - first).days < 31:
        return "day", [(d.strftime("%a %d %b %Y"), c, n) for d, (c, n) in days.items()]
    weeks: dict[dt.date, list[int]] = {}
    for day, (created, total) in days.items():
        week = weeks.setdefault(day - dt.timedelta(days=day.weekday()), [0, 0])
        week[0] += created
        week[1] += total
    return "week", [(f"week of {w.strftime('%a %d %b %Y')}", c, n) for w, (c, n) in weeks.items()]


def draw_over_time(console: Any, summary: Summary) -> None:
    from rich.table import Table

    unit, rows = over_time(summary)
    if not rows:
        return
    table = Table(
        title=f"Per {unit} (matrix time zone)",
        title_justify="left",
        title_style="bold",
        show_edge=False,
    )
    table.add_column(unit)
    table.add_column("new tickets", justify="right")
    table.add_column("notifications", justify="right")
    table.add_column("")
    peak = max(n for _, _, n in rows) or 1
    for label, created, total in rows:
        table.add_row(label, f"{created:,}", f"{total:,}", "█" * max(1, round(30 * total / peak)))
    console.print(table)


def draw_summary(console: Any, matrix: Matrix, summary: Summary, top: int = 12) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"Replay of {summary.log} against {summary.matrix}", style="bold"))
    console.print(
        f"{summary.tickets:,} tickets, {summary.events:,} events,"
        f" {summary.notifications:,} notifications;"
        f" horizon {summary.horizon.isoformat() if summary.horizon else '-'}"
        + (
            f"; {summary.creation_inferred:,} tickets created at their first row (no 'created')"
            if summary.creation_inferred
            else ""
        )
    )

    def counts(title: str, rows: list[tuple[str, int]], label: str) -> None:
        rows = [(name, count) for name, count in rows if count]
        if not rows:
            return
        table = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
        table.add_column(label)
        table.add_column("count", justify="right")
        table.add_column("")
        peak = max(count for _, count in rows) or 1
        for name, count in rows:
            table.add_row(name, f"{count:,}", "█" * max(1, round(30 * count / peak)))
        console.print(table)

    levels = matrix.level_by_id
    counts(
        "Tickets by highest level reached",
        [(f"{lvl} {levels[lvl].name}", n) for lvl, n in summary.highest_level.items()],
        "level",
    )
    draw_over_time(console, summary)
    counts("Notifications by reason", summary.by_reason.most_common(), "reason")
    triggers = matrix.trigger_by_id
    counts(
        "Notifications by trigger",
        [
            (f"{t} · {triggers[t].name}" if t in triggers else t, n)
            for t, n in summary.by_trigger.most_common()
        ],
        "trigger",
    )
    per_contact = [
        (contact_names(matrix, (c,)), n) for c, n in summary.per_contact.most_common(top)
    ]
    counts("Notifications per contact", per_contact, "contact")
    if matrix.uses_availability:
        counts(
            "Notifications outside the contact's hours",
            [(contact_names(matrix, (c,)), n) for c, n in summary.after_hours.most_common(top)],
            "contact",
        )
        counts(
            "Notifications nobody could take for the contact (it waited for its opening)",
            [(contact_names(matrix, (c,)), n) for c, n in summary.unreachable.most_common(top)],
            "contact",
        )
        console.print(f"{summary.reached_nobody:,} notifications reached nobody")
    if summary.per_contact_hour:
        draw_heat_map(console, matrix, summary, contacts=4)
    counts(
        "Unresolved at the horizon, by level",
        [(f"{lvl} {levels[lvl].name}", n) for lvl, n in summary.unresolved.items()],
        "level",
    )
    counts("Skipped rows", summary.skipped.most_common(), "why")
    for example in summary.skipped_examples[:10]:
        console.print(f"  {example}", style="dim")
    known = [*STANDARD_EVENTS, *(e for t in matrix.triggers for e in t.events)]
    for title, counted, label in (
        ("Unknown events (not in the matrix)", summary.unknown_events, "event"),
        ("Events that changed nothing", summary.ignored, "what"),
    ):
        shown, rest, rows = top_and_rest(counted, top)
        if counted is summary.unknown_events:
            shown = [(_did_you_mean(name, known), n) for name, n in shown]
        if rest:
            title += f": {sum(n for _, n in shown) + rows:,} rows"
            shown.append(("(all others)", rows))
        counts(title, shown, label)
    if summary.after_horizon:
        console.print(f"{summary.after_horizon} events after the horizon were not replayed")
    for warning in summary.warnings:
        console.print(f"warning: {warning}", style="yellow")


def _did_you_mean(name: str, known: list[str]) -> str:
    """An unknown event's name, with the known one it is closest to."""
    close = closest(name, known)
    return f"{name} (did you mean {close!r}?)" if close else name
