"""iCalendar schedules: an ``.ics`` file beside the matrix read into shifts (SPEC section 10).

Each event is a shift. Recurring events are expanded by the ``recurring-ical-events``
package (RRULE, RDATE, EXDATE and moved occurrences with RECURRENCE-ID), not here. The
member on duty is the first attendee whose e-mail address, common name (``CN``) or
address matches a contact (its ``email``, ``name`` or id, ignoring case), else the summary
when it is a contact's id or name; a shift that names nobody the matrix knows keeps the
text it gives, and the ``unknown-schedule-member`` rule reports it.

Times: an event with a time zone (``TZID`` or UTC) is read in it, a floating time and an
all-day date in the matrix zone. An event without an end lasts a day when it is all-day,
else nothing (and is dropped). Recurring events are expanded from the earliest event of
the file over five years, or to the end of its last event if that is later.

The two heavy packages are imported here only, when a matrix has a schedule.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from escmatrix.limits import MATRIX_BYTES
from escmatrix.model import Contact, Shift

MAX_FILE_BYTES = MATRIX_BYTES  # a schedule beside a matrix: the same bound
EXPANSION_YEARS = 5
_UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)


class ScheduleError(ValueError):
    """An ``.ics`` file that is missing, unreadable or holds no events."""


def read_schedule(
    path: Path, shown: str, zone: ZoneInfo, contacts: tuple[Contact, ...]
) -> tuple[Shift, ...]:
    """The shifts of the iCalendar file at ``path`` (``shown`` names it in messages), in
    time order. Raises :class:`ScheduleError` saying why it cannot be used."""
    if not path.is_file():
        raise ScheduleError(
            f"{shown}: "
            + ("is a directory, not an .ics file" if path.is_dir() else "no such file")
            + f" (looked for {path})"
        )
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # never more than the bound
    except OSError as error:
        raise ScheduleError(f"{shown}: cannot be read: {error.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise ScheduleError(f"{shown}: is larger than {limit} MiB; too large for a schedule")
    import icalendar
    import recurring_ical_events

    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # the parser raises ValueError and others on bad input
        raise ScheduleError(f"{shown}: is not an iCalendar file ({_first_line(error)})") from None
    if isinstance(calendar, list):  # several VCALENDAR blocks: not what a schedule is
        raise ScheduleError(f"{shown}: holds {len(calendar)} calendars; a schedule is one")
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise ScheduleError(f"{shown}: holds no events (VEVENT), so nobody is ever on duty")
    lines = _event_lines(raw)
    starts = [_instant(event.get("DTSTART"), zone) for event in events]
    known = [s for s in starts if s is not None]
    if not known:
        raise ScheduleError(f"{shown}: no event has a start (DTSTART)")
    first = min(known)
    ends = [_instant(event.get("DTEND"), zone) for event in events]
    last = max([first + dt.timedelta(days=365 * EXPANSION_YEARS)] + [e for e in ends if e])
    try:
        occurrences = recurring_ical_events.of(calendar).between(
            first.astimezone(zone), last.astimezone(zone)
        )
    except Exception as error:  # a bad RRULE and the like
        raise ScheduleError(
            f"{shown}: its events cannot be expanded ({_first_line(error)})"
        ) from None
    match = _Matcher(contacts)
    shifts = []
    for event in occurrences:
        start = _instant(event.get("DTSTART"), zone)
        if start is None:
            continue
        end = _end(event, start, zone)
        if end <= start:
            continue
        member, who = match(event)
        shifts.append(
            Shift(_us(start), _us(end), member, who, lines.get(str(event.get("UID", "")), 0))
        )
    shifts.sort(key=lambda s: (s.start, s.end))
    return tuple(shifts)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _event_lines(raw: bytes) -> dict[str, int]:
    """UID -> line of the first event with it (for messages)."""
    found: dict[str, int] = {}
    begin = 0
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        if line.strip().upper() == "BEGIN:VEVENT":
            begin = number
        match = re.match(r"UID[;:](?:.*:)?(.*)$", line.strip(), re.I)
        if match and begin:
            found.setdefault(match.group(1).strip(), begin)
    return found


def _instant(prop: Any, zone: ZoneInfo) -> dt.datetime | None:
    """A DTSTART/DTEND property (or a plain value) as an aware datetime."""
    if prop is None:
        return None
    value = getattr(prop, "dt", prop)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), zone)
    return None


def _end(event: Any, start: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    end = _instant(event.get("DTEND"), zone)
    if end is not None:
        return end
    duration = event.get("DURATION")
    if duration is not None and isinstance(getattr(duration, "dt", None), dt.timedelta):
        return start + duration.dt
    begin = getattr(event.get("DTSTART"), "dt", None)
    if isinstance(begin, dt.date) and not isinstance(begin, dt.datetime):
        return start + dt.timedelta(days=1)
    return start


def _us(at: dt.datetime) -> int:
    delta = at - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class _Matcher:
    """Who an event names: (contact id or None, the text it names them by)."""

    def __init__(self, contacts: tuple[Contact, ...]) -> None:
        self.by_email = {c.email.lower(): c.id for c in contacts if c.email}
        self.by_name: dict[str, str] = {}
        for contact in contacts:
            self.by_name.setdefault(contact.name.strip().lower(), contact.id)
        for contact in contacts:
            self.by_name[contact.id.lower()] = contact.id

    def __call__(self, event: Any) -> tuple[str | None, str]:
        attendees = event.get("ATTENDEE")
        if attendees is not None and not isinstance(attendees, list):
            attendees = [attendees]
        first_named = ""
        for attendee in attendees or ():
            address = str(attendee)
            email = address[7:] if address.lower().startswith("mailto:") else address
            name = str(getattr(attendee, "params", {}).get("CN", "")).strip()
            found = self.by_email.get(email.strip().lower()) or self.by_name.get(name.lower())
            if found:
                return found, name or email
            first_named = first_named or name or email
        summary = str(event.get("SUMMARY", "")).strip()
        found = self.by_name.get(summary.lower())
        if found:
            return found, summary
        return None, first_named or summary or "(no attendee or summary)"
