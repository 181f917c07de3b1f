"""The effect of a matrix change on a real log: both matrices replayed on it, compared.

Both replays run through :func:`escmatrix.simulation.replay.replay_each` (one reader feeding
both engines) into a :class:`LadderSink` apiece, which keeps what
the comparison needs and no more: per ticket a fingerprint of its ladder (the time, level,
contacts and reason of each notification, in the new matrix's ids) and the highest level it
reached, and the whole ladders of the first tickets of the log. Memory grows by a few dozen
bytes a ticket. When fewer of those first tickets changed than the sample shows, the first
changed tickets after them are replayed again, alone, for their ladders.

Figures, per side: the replay's :class:`~escmatrix.simulation.summary.Summary`
(notifications per contact, tickets by highest level reached, notifications per hour of the
week, which is the load summed over contacts, and per contact the notifications asked of it
outside its hours and those nobody could take), and from the sinks the tickets whose ladder
changed.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from escmatrix.model import Matrix
from escmatrix.simulation.diff.changes import Renames
from escmatrix.simulation.engine import Notification
from escmatrix.simulation.replay import ReplayOptions, replay_each
from escmatrix.simulation.summary import HOURS_OF_WEEK, Summary

if TYPE_CHECKING:
    from escmatrix.loading.logs import LogSource

SAMPLE = 5
"""Tickets whose ladders are shown side by side."""
KEPT_LADDERS = 2_000
"""Tickets (the first of the log) whose whole ladders each sink keeps while replaying."""


class _Info(NamedTuple):
    """What a sink needs of a notification besides its ticket and time, worked out once per
    distinct (level, contacts, reason)."""

    core: int  # hash of (level, contacts, reason) in the new matrix's ids, for fingerprints
    rank: int  # of the level, in the sink's own matrix


class LadderSink:
    """What a diff keeps of one replay (see the module documentation). ``renames``
    translates the old matrix's ids into the new ones (None on the new side); ``keep`` is
    how many of the first tickets keep their whole ladder, or which tickets. A fingerprint
    hashes each record's instant (microseconds, whatever the zone), level, contacts and
    reason."""

    def __init__(
        self,
        matrix: Matrix,
        renames: Renames | None = None,
        keep: int | frozenset[str] = 0,
    ) -> None:
        self.matrix = matrix
        self.renames = renames
        self.keep = keep
        self._rank = {level.id: index for index, level in enumerate(matrix.levels)}
        self._infos: dict[tuple[str, tuple[str, ...], str], _Info] = {}
        self.reset()

    def reset(self) -> None:
        self.tickets: dict[str, list[int]] = {}  # ticket -> [fingerprint, highest level rank]
        self.ladders: dict[str, list[Notification]] = {}

    def _info(self, level: str, contacts: tuple[str, ...], reason: str) -> _Info:
        info = self._infos.get((level, contacts, reason))
        if info is None:
            renames = self.renames
            core = (
                (level, contacts, reason)
                if renames is None
                else (renames.level(level), renames.contact_ids(contacts), renames.reason(reason))
            )
            info = self._infos[(level, contacts, reason)] = _Info(hash(core), self._rank[level])
        return info

    def _add(self, ticket: str, when: int, info: _Info) -> list[Notification] | None:
        """Count one record of ``ticket``; the ladder to append it to, if it is kept."""
        state = self.tickets.get(ticket)
        if state is None:
            self.tickets[ticket] = [hash((0, when, info.core)), info.rank]
            return self._new_ladder(ticket)
        state[0] = hash((state[0], when, info.core))
        if info.rank > state[1]:
            state[1] = info.rank
        return self.ladders.get(ticket)

    def _new_ladder(self, ticket: str) -> list[Notification] | None:
        keep = self.keep
        if (len(self.ladders) < keep) if isinstance(keep, int) else (ticket in keep):
            ladder: list[Notification] = []
            self.ladders[ticket] = ladder
            return ladder
        return None

    def write(self, n: Notification) -> None:
        info = self._infos.get((n.level, n.contacts, n.reason)) or self._info(
            n.level, n.contacts, n.reason
        )
        ladder = self._add(n.ticket, n.at, info)
        if ladder is not None:
            ladder.append(n)

    def fingerprint(self, ticket: str) -> int | None:
        """A number that stands for ``ticket``'s whole ladder (None: not replayed)."""
        state = self.tickets.get(ticket)
        return None if state is None else state[0]

    def highest(self, ticket: str) -> str | None:
        """The highest level ``ticket`` reached (None: not replayed)."""
        state = self.tickets.get(ticket)
        return None if state is None else self.matrix.levels[state[1]].id


@dataclass
class Row:
    """One line of a comparison table: the new id (the old one if it went), its name, the
    figure on each side."""

    key: str
    name: str
    old: int
    new: int

    @property
    def change(self) -> int:
        return self.new - self.old

    @property
    def percent(self) -> float | None:
        """The change as a share of the old figure (None when that was 0)."""
        return None if self.old == 0 else 100 * (self.new - self.old) / self.old

    def to_dict(self) -> dict[str, Any]:
        percent = self.percent
        return {
            "id": self.key,
            "name": self.name,
            "old": self.old,
            "new": self.new,
            "change": self.change,
            "percent": None if percent is None else round(percent, 1),
        }


@dataclass
class OutsideRow:
    """A contact with hours of its own (a calendar, a rotation, a schedule): notifications
    asked of it outside them (a deputy may have taken them, or they waited), and those nobody
    could take, on each side."""

    key: str
    name: str
    calendar: str  # the calendar on either side ("a, b" when it changed), or ""
    old: int
    new: int
    old_unreachable: int
    new_unreachable: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "name": self.name,
            "calendar": self.calendar,
            "old": self.old,
            "new": self.new,
            "change": self.new - self.old,
            "old_unreachable": self.old_unreachable,
            "new_unreachable": self.new_unreachable,
        }


@dataclass
class Ladders:
    """One ticket whose ladder changed, both ways (an empty side: not replayed there)."""

    ticket: str
    old: list[Notification]
    new: list[Notification]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ticket": self.ticket,
            "old": [n.to_record() for n in self.old],
            "new": [n.to_record() for n in self.new],
        }


@dataclass
class Effect:
    """Both replays of one log, compared (see the module documentation)."""

    log: str
    old: Summary
    new: Summary
    contacts: list[Row]
    levels: list[Row]
    outside: list[OutsideRow]
    hours_old: list[int]  # notifications to contacts per hour of the week, Monday 00:00 first
    hours_new: list[int]
    tickets: int  # replayed on either side
    changed: int  # tickets whose ladder changed
    only_old: int  # tickets replayed by the old matrix only (a category it alone knows)
    only_new: int
    moves: Counter[tuple[str, str]] = field(default_factory=Counter)  # highest level old→new
    samples: list[Ladders] = field(default_factory=list)

    @property
    def hours_change(self) -> list[int]:
        return [new - old for old, new in zip(self.hours_old, self.hours_new, strict=True)]

    @property
    def higher(self) -> int:
        """Changed tickets that now reach a higher level."""
        return sum(n for (old, new), n in self.moves.items() if self._rank(new) > self._rank(old))

    @property
    def lower(self) -> int:
        return sum(n for (old, new), n in self.moves.items() if self._rank(new) < self._rank(old))

    def _rank(self, level: str) -> int:
        order = [row.key for row in self.levels]
        return order.index(level) if level in order else -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "log": self.log,
            "tickets": self.tickets,
            "notifications": {
                "old": self.old.notifications,
                "new": self.new.notifications,
                "change": self.new.notifications - self.old.notifications,
            },
            "notifications_per_contact": [row.to_dict() for row in self.contacts],
            "tickets_by_highest_level": [row.to_dict() for row in self.levels],
            "outside_working_hours": [row.to_dict() for row in self.outside],
            "hour_of_week": {
                "old": self.hours_old,
                "new": self.hours_new,
                "change": self.hours_change,
            },
            "ladders": {
                "changed": self.changed,
                "higher": self.higher,
                "lower": self.lower,
                "only_old": self.only_old,
                "only_new": self.only_new,
                "moves": [
                    {"old": old, "new": new, "tickets": n}
                    for (old, new), n in self.moves.most_common()
                ],
                "samples": [sample.to_dict() for sample in self.samples],
            },
            "old_summary": self.old.to_dict(),
            "new_summary": self.new.to_dict(),
        }


def compare_on_log(
    old: Matrix,
    new: Matrix,
    renames: Renames,
    log: LogSource,
    options: ReplayOptions | None = None,
    sample: int = SAMPLE,
    *,
    name: str | None = None,
) -> Effect:
    """Replay ``log`` against both matrices and compare (``renames``: from
    :func:`~escmatrix.simulation.diff.changes.compare_matrices`). ``log`` is a path or a
    binary stream called ``name``, which must go back to where it was when the ladders of
    tickets not kept are replayed again."""
    options = options or ReplayOptions()
    old_sink = LadderSink(old, renames, KEPT_LADDERS)
    new_sink = LadderSink(new, None, KEPT_LADDERS)
    reading = _Again(log, name)
    old_summary, new_summary = replay_each(
        [(old, old_sink), (new, new_sink)], log, options, name=name
    )
    changed = [
        ticket
        for ticket in _union(old_sink.tickets, new_sink.tickets)
        if old_sink.fingerprint(ticket) != new_sink.fingerprint(ticket)
    ]
    samples = _samples(old, new, renames, reading, options, old_sink, new_sink, changed[:sample])
    moves: Counter[tuple[str, str]] = Counter()
    for ticket in changed:
        before, after = old_sink.highest(ticket), new_sink.highest(ticket)
        if before is not None and after is not None and renames.level(before) != after:
            moves[(renames.level(before), after)] += 1
    return Effect(
        log=old_summary.log,
        old=old_summary,
        new=new_summary,
        contacts=_contact_rows(old, new, renames, old_summary, new_summary),
        levels=_level_rows(old, new, renames, old_summary, new_summary),
        outside=_outside_rows(old, new, renames, old_summary, new_summary),
        hours_old=_load(old_summary),
        hours_new=_load(new_summary),
        tickets=len(_union(old_sink.tickets, new_sink.tickets)),
        changed=len(changed),
        only_old=sum(1 for t in old_sink.tickets if t not in new_sink.tickets),
        only_new=sum(1 for t in new_sink.tickets if t not in old_sink.tickets),
        moves=moves,
        samples=samples,
    )


def _samples(
    old: Matrix,
    new: Matrix,
    renames: Renames,
    log: _Again,
    options: ReplayOptions,
    old_sink: LadderSink,
    new_sink: LadderSink,
    tickets: list[str],
) -> list[Ladders]:
    """Both ladders of ``tickets``: kept by the sinks, or replayed again for those alone."""
    missing = frozenset(
        t
        for t in tickets
        if (t in old_sink.tickets and t not in old_sink.ladders)
        or (t in new_sink.tickets and t not in new_sink.ladders)
    )
    old_ladders, new_ladders = old_sink.ladders, new_sink.ladders
    if missing:
        again = replace(options, tickets=missing, progress=None)
        old_again, new_again = LadderSink(old, renames, missing), LadderSink(new, keep=missing)
        replay_each([(old, old_again), (new, new_again)], log.rewound(), again, name=log.name)
        old_ladders = {**old_ladders, **old_again.ladders}
        new_ladders = {**new_ladders, **new_again.ladders}
    return [Ladders(t, old_ladders.get(t, []), new_ladders.get(t, [])) for t in tickets]


class _Again:
    """A log to replay a second time: a path as it is, a stream back where it started."""

    def __init__(self, log: LogSource, name: str | None) -> None:
        self.log, self.name = log, name
        self.start: int | None = None
        if not isinstance(log, (str, os.PathLike)) and log.seekable():
            self.start = log.tell()

    def rewound(self) -> LogSource:
        if self.start is not None and not isinstance(self.log, (str, os.PathLike)):
            self.log.seek(self.start)
        return self.log


def _union(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    return list(first) + [key for key in second if key not in first]


def _name(matrix: Matrix, contact: str) -> str:
    found = matrix.contact_by_id.get(contact)
    return found.name if found else contact


def _contact_rows(
    old: Matrix, new: Matrix, renames: Renames, before: Summary, after: Summary
) -> list[Row]:
    was = Counter({renames.contacts.get(c, c): n for c, n in before.per_contact.items()})
    rows = []
    for contact in _union(dict(was), dict(after.per_contact)):
        known = contact in new.contact_by_id
        name = _name(new, contact) if known else _name(old, _old_id(renames, contact))
        rows.append(Row(contact, name, was[contact], after.per_contact[contact]))
    rows.sort(key=lambda row: (-abs(row.change), -row.new, row.key))
    return rows


def _old_id(renames: Renames, new_id: str) -> str:
    for old_id, candidate in renames.contacts.items():
        if candidate == new_id:
            return old_id
    return new_id


def _level_rows(
    old: Matrix, new: Matrix, renames: Renames, before: Summary, after: Summary
) -> list[Row]:
    was = {renames.level(lvl): n for lvl, n in before.highest_level.items()}
    order = [level.id for level in new.levels]
    order += [
        renames.level(level.id) for level in old.levels if renames.level(level.id) not in order
    ]
    names = {renames.level(level.id): level.name for level in old.levels}
    names.update({level.id: level.name for level in new.levels})
    return [
        Row(lvl, names[lvl], was.get(lvl, 0), after.highest_level.get(lvl, 0))
        for lvl in order
        if was.get(lvl, 0) or after.highest_level.get(lvl, 0)
    ]


def _outside_rows(
    old: Matrix, new: Matrix, renames: Renames, before: Summary, after: Summary
) -> list[OutsideRow]:
    """Contacts with a calendar on either side, and any other the replays found outside its
    hours or unreachable (a rotation between shifts)."""
    was_after = Counter({renames.contacts.get(c, c): n for c, n in before.after_hours.items()})
    was_lost = Counter({renames.contacts.get(c, c): n for c, n in before.unreachable.items()})
    calendars: dict[str, list[str]] = {}
    for matrix, translate in ((old, True), (new, False)):
        for contact in matrix.contacts:
            key = renames.contacts.get(contact.id, contact.id) if translate else contact.id
            if contact.calendar and contact.calendar not in calendars.setdefault(key, []):
                calendars[key].append(contact.calendar)
    keys = [k for k, found in calendars.items() if found]
    keys += [k for k in (*was_after, *after.after_hours, *was_lost, *after.unreachable)]
    rows = []
    for key in dict.fromkeys(keys):
        name = _name(new, key) if key in new.contact_by_id else _name(old, _old_id(renames, key))
        rows.append(
            OutsideRow(
                key,
                name,
                ", ".join(calendars.get(key, [])),
                was_after[key],
                after.after_hours[key],
                was_lost[key],
                after.unreachable[key],
            )
        )
    return rows


def _load(summary: Summary) -> list[int]:
    hours = [0] * HOURS_OF_WEEK
    for counts in summary.per_contact_hour.values():
        for hour, count in enumerate(counts):
            hours[hour] += count
    return hours
