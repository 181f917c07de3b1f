"""The audit, kind by kind of SPEC section 8, on hand-computed tickets.

The matrix: L1 30m..1h on the 24x7 clock, L2 1h..2h and L3 4bd on an office calendar
(Monday to Friday 09:00-13:00 and 14:00-18:00, Wednesday 11 March 2026 a holiday), L4 until
resolution. March 2026 in Rome is UTC+1; Monday 2 and Monday 9 are working days.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from escmatrix.events import Event
from escmatrix.findings import LogError, Problems
from escmatrix.simulation.audit import Audit, AuditError, AuditSummary, Deviation
from escmatrix.simulation.audit.core import ESCALATED_NO_LEVEL, START_NOT_LOGGED
from escmatrix.simulation.audit.summary import quantile
from escmatrix.validation import load_matrix_text

ROME = zoneinfo.ZoneInfo("Europe/Rome")

MATRIX = load_matrix_text("""
version: 1
name: Audit test
timezone: Europe/Rome
calendars:
  office:
    week: {mon-fri: ["09:00-13:00", "14:00-18:00"]}
    holidays: {dates: [2026-03-11]}
contacts:
  desk: {name: Desk, channels: [phone]}
  lead: {name: Lead, channels: [phone]}
  boss: {name: Boss, channels: [phone]}
  board: {name: Board, channels: [phone]}
  dpo: {name: DPO, channels: [email]}
levels:
  - {id: L1, name: Desk, contacts: [desk], window: 30m..1h}
  - {id: L2, name: Lead, contacts: [lead], window: 1h..2h, calendar: office}
  - {id: L3, name: Boss, contacts: [boss], window: 4bd, calendar: office}
  - {id: L4, name: Board, contacts: [board], window: resolution}
priorities:
  default: P3
  P0: {start: L3}
  P1: {start: L2, scale: 0.5}
  P2: {scale: 0.5}
  P3: {}
  P4: {scale: 2}
triggers:
  - {id: ask, name: Asks for a manager, event: manager_requested}
  - {id: privacy, name: Privacy at risk, event: privacy_risk, escalate: L4, scope: any}
  - {id: fyi, name: Just so you know, event: fyi, escalate: none, scope: any, notify: [dpo]}
categories:
  - id: general
    name: General
    cells:
      L1: {triggers: [ask]}
  - id: billing
    name: Billing
    path: [L1, L2, L4]
""")


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=ROME)


class Log:
    """Rows of one ticket (or several), numbered as lines 2, 3, ... of a file."""

    def __init__(self) -> None:
        self.rows: list[Event] = []

    def add(
        self,
        ticket: str,
        when: dt.datetime,
        name: str,
        level: str | None = None,
        *,
        priority: str | None = None,
        category: str | None = "general",
        actor: str | None = None,
        team: str | None = None,
    ) -> Log:
        attributes = (("team", team),) if team is not None else ()
        self.rows.append(
            Event(
                ticket,
                when,
                name,
                len(self.rows) + 2,
                category,
                priority,
                level,
                None,
                actor,
                attributes,
            )
        )
        return self


def run(
    log: Log,
    horizon: dt.datetime | None = None,
    group_by: str | None = None,
    strict: bool = False,
) -> tuple[list[Deviation], Audit]:
    audit = Audit(
        MATRIX,
        horizon=horizon,
        problems=Problems(strict=strict),
        group_by=group_by,
        attributes=("team",),
    )
    return list(audit.run(log.rows)), audit


def brief(deviations: list[Deviation]) -> list[tuple[str, str, str, str | None]]:
    """(kind, day and time, level, by) of each deviation, in time order."""
    ordered = sorted(deviations, key=lambda d: (d.time, d.kind))
    return [(d.kind, d.time.strftime("%d %H:%M"), d.level, d.by) for d in ordered]


def ticket(*rows: tuple[dt.datetime, str, str | None], **fields: str) -> Log:
    log = Log()
    for when, name, level in rows:
        log.add("T", when, name, level, **fields)
    return log


# --- a ticket that follows the matrix ---------------------------------------------------------


def test_a_ticket_that_follows_the_matrix_has_no_deviation() -> None:
    # L1 45m (30m..1h), then L2 from 10:45: resolved at 12:00, within 2h of office time
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 20), "paused", "L1"),
        (t(2, 10, 25), "resumed", "L1"),
        (t(2, 10, 45), "escalated", "L2"),
        (t(2, 11), "resolved", "L2"),
    )
    deviations, audit = run(log)
    assert deviations == []
    summary = AuditSummary.of(audit, audit.problems, "log")
    assert (summary.tickets, summary.conforming, summary.deviations) == (1, 1, 0)
    assert summary.first_level_alone == 0
    assert summary.paused_tickets == 1 and summary.paused_total == 5 * 60


def test_consecutive_rows_at_one_level_are_one_stay() -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 10), "note", "L1"),
        (t(2, 10, 40), "note", "L1"),
        (t(2, 10, 50), "note", "L2"),
        (t(2, 11), "note", "L2"),
    )
    deviations, audit = run(log)
    assert deviations == []
    assert audit.counts.unknown_events["note"] == 5 - 1  # the first row is the creation
    assert audit.counts.escalations == {}  # no actor on the rows


# --- wrong-start --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "category", "level", "expected"),
    [
        ("P3", "general", "L2", "L1"),  # starts at the path's first level
        ("P1", "general", "L1", "L2"),  # a P1 ticket starts at L2
        (None, "general", "L3", "L1"),  # no priority: the default, P3
    ],
)
def test_wrong_start(priority: str | None, category: str, level: str, expected: str) -> None:
    log = Log().add("T", t(2, 10), "created", level, priority=priority, category=category)
    deviations, _ = run(log, horizon=t(2, 10, 5))
    assert [(d.kind, d.expected, d.actual, d.level) for d in deviations] == [
        ("wrong-start", expected, level, level)
    ]
    assert deviations[0].time == t(2, 10)


@pytest.mark.parametrize(
    ("priority", "category", "level"),
    [
        ("P1", "general", "L2"),
        ("P0", "general", "L3"),
        ("P0", "billing", "L1"),  # P0 starts at L3, which billing's path has not: L1
    ],
)
def test_right_start(priority: str, category: str, level: str) -> None:
    log = Log().add("T", t(2, 10), "created", level, priority=priority, category=category)
    assert run(log, horizon=t(2, 10, 5))[0] == []


def test_a_first_row_without_a_level_is_taken_to_start_at_the_start_level() -> None:
    log = ticket((t(2, 10), "created", None), (t(2, 10, 40), "escalated", "L2"))
    deviations, audit = run(log, horizon=t(2, 11))
    assert deviations == []
    assert audit.counts.notes[START_NOT_LOGGED] == 1


# --- backward and ping-pong ------------------------------------------------------------------


def test_backward_and_ping_pong() -> None:
    # L1 10:00 -> L2 10:40 -> back to L1 11:00 (backward, and a return to L1) -> L2 11:40
    # (a return to L2)
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 40), "escalated", "L2"),
        (t(2, 11), "note", "L1"),
        (t(2, 11, 40), "escalated", "L2"),
        (t(2, 12), "resolved", "L2"),
    )
    deviations, _ = run(log)
    assert brief(deviations) == [
        ("backward", "02 11:00", "L2", None),
        ("ping-pong", "02 11:00", "L1", None),
        ("ping-pong", "02 11:40", "L2", None),
    ]
    back = deviations[0]
    assert (back.from_level, back.to_level, back.expected, back.actual) == ("L2", "L1", "L3", "L1")


# --- skipped-level ---------------------------------------------------------------------------


def test_skipped_level() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 10, 40), "escalated", "L3"))
    deviations, _ = run(log, horizon=t(2, 10, 45))
    assert [(d.kind, d.expected, d.actual) for d in deviations] == [("skipped-level", "L2", "L3")]


def test_a_trigger_to_the_next_level_does_not_allow_a_jump_past_it() -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 20), "manager_requested", "L1"),  # ask: armed at L1, calls for L2
        (t(2, 10, 40), "escalated", "L3"),
    )
    deviations, _ = run(log, horizon=t(2, 10, 45))
    assert [(d.kind, d.expected) for d in deviations] == [("skipped-level", "L2")]


def test_an_armed_trigger_allows_the_jump_and_is_missed_when_its_target_is_not_reached() -> None:
    # privacy calls for L4 within L1's minimum (30m on the 24x7 clock): at 10:50 the ticket
    # is at L3; it is resolved at 11:00 without reaching L4: missed by 10m
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 20), "privacy_risk", "L1"),
        (t(2, 10, 40), "escalated", "L3"),
        (t(2, 11), "resolved", "L3"),
    )
    deviations, _ = run(log)
    assert brief(deviations) == [("missed-trigger", "02 10:50", "L1", "10m")]
    missed = deviations[0]
    assert (missed.expected, missed.actual, missed.to_level) == ("L4", "L3", "L4")
    assert "never reached it (the ticket was resolved)" in missed.detail


def test_a_priority_start_allows_the_jump_written_on_the_same_row() -> None:
    # P0 starts at L3: the ticket jumps there when its priority changes (not premature)
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 10), "priority_changed", "L3"),
    )
    log.rows[1] = log.rows[1].replace(priority="P0")
    assert run(log, horizon=t(2, 10, 15))[0] == []


# --- off-path --------------------------------------------------------------------------------


def test_off_path() -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 40), "escalated", "L3"),  # billing's path is L1, L2, L4
        category="billing",
    )
    deviations, _ = run(log, horizon=t(2, 10, 45))
    assert sorted((d.kind, d.level, d.expected) for d in deviations) == [
        ("off-path", "L3", "L1, L2, L4"),
        ("skipped-level", "L1", "L2"),
    ]


# --- late --------------------------------------------------------------------------------------


def test_late_on_the_24x7_clock() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 11, 30), "escalated", "L2"))
    deviations, audit = run(log, horizon=t(2, 11, 35))
    assert brief(deviations) == [("late", "02 11:00", "L1", "30m")]
    late = deviations[0]
    assert (late.expected, late.actual, late.to_level) == ("1h", "1h30m", "L2")
    assert audit.counts.lateness["L1"] == {30 * 60: 1}


@pytest.mark.parametrize(("leaves", "late"), [(t(2, 11, 30), []), (t(2, 11, 45), ["15m"])])
def test_paused_time_is_excluded(leaves: dt.datetime, late: list[str]) -> None:
    # paused 10:10-10:40: the 1h window runs out at 11:30; leaving then is on time
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 10), "paused", "L1"),
        (t(2, 10, 40), "resumed", "L1"),
        (leaves, "escalated", "L2"),
    )
    deviations, _ = run(log, horizon=leaves)
    assert [d.by for d in deviations if d.kind == "late"] == late


def test_late_in_working_time() -> None:
    # L2 from 12:30: 30m to the lunch break, then 14:00-15:30; resolved at 16:00
    log = ticket(
        (t(2, 11, 45), "created", "L1"),
        (t(2, 12, 30), "escalated", "L2"),
        (t(2, 16), "resolved", "L2"),
    )
    deviations, _ = run(log)
    assert brief(deviations) == [("late", "02 15:30", "L2", "30m")]
    assert deviations[0].actual == "2h30m"


def test_late_over_a_weekend() -> None:
    # L2 from Friday 17:30: 30m on Friday, then Monday 09:00-10:30
    log = ticket(
        (t(6, 16, 45), "created", "L1"),
        (t(6, 17, 30), "escalated", "L2"),
        (t(9, 11), "resolved", "L2"),
    )
    assert brief(run(log)[0]) == [("late", "09 10:30", "L2", "30m")]


def test_late_by_business_days_across_a_holiday() -> None:
    # P0 starts at L3 (4bd): from Monday 9 10:00, Wednesday 11 is a holiday, so the 4th
    # business day is Monday 16 at 10:00
    log = ticket((t(9, 10), "created", "L3"), (t(16, 11), "resolved", "L3"), priority="P0")
    deviations, _ = run(log)
    assert brief(deviations) == [("late", "16 10:00", "L3", "1h")]
    assert deviations[0].expected == "4bd"


@pytest.mark.parametrize(
    ("changed", "priority", "expected"),
    [
        # P2 halves the window (30m) from when the ticket entered: due 10:30
        (t(2, 10, 20), "P2", [("late", "02 10:30", "L1", "20m")]),
        # ... and once it has run out, the ticket is late from the change (it should
        # have moved at once)
        (t(2, 10, 40), "P2", [("late", "02 10:40", "L1", "10m")]),
        # late at 11:00 already: a longer window at 11:10 does not undo it
        (t(2, 11, 10), "P4", [("late", "02 11:00", "L1", "10m")]),
        # a longer window in time: due at 12:00
        (t(2, 10, 50), "P4", []),
    ],
)
def test_priority_changes_retime_the_level(
    changed: dt.datetime, priority: str, expected: list[tuple[str, str, str, str]]
) -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (changed, "priority_changed", "L1"),
        (max(changed, t(2, 10, 50)), "resolved", "L1"),
    )
    log.rows[1] = log.rows[1].replace(priority=priority)
    deviations, _ = run(log)
    assert brief(deviations) == expected


def test_a_priority_change_while_paused_counts_the_time_used_before_the_pause() -> None:
    # 40m used before the pause; P2 allows 30m: late from the change (10:50); paused until
    # 11:00, resolved at 11:10: 10m late
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 40), "paused", "L1"),
        (t(2, 10, 50), "priority_changed", "L1"),
        (t(2, 11), "resumed", "L1"),
        (t(2, 11, 10), "resolved", "L1"),
    )
    log.rows[2] = log.rows[2].replace(priority="P2")
    assert brief(run(log)[0]) == [("late", "02 10:50", "L1", "10m")]


def test_still_late_at_the_horizon() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 10, 5), "note", "L1"))
    deviations, audit = run(log, horizon=t(2, 12))
    assert brief(deviations) == [("late", "02 11:00", "L1", "1h")]
    assert "still at L1 at the horizon" in deviations[0].detail
    summary = AuditSummary.of(audit, audit.problems, "log")
    assert [(x.ticket, x.by, x.still_open) for x in summary.latest] == [("T", 3600, True)]
    assert summary.open_at_horizon == {"L1": 1}


def test_a_deadline_outside_working_hours_and_a_move_before_the_next_opening() -> None:
    # L2 from 16:30: due at 18:00 sharp (1h30m... then 30m next day): 2h ends Tuesday 09:30;
    # a move at Tuesday 09:30 is on time, even though it is the next day
    log = ticket(
        (t(2, 15, 45), "created", "L1"),
        (t(2, 16, 30), "escalated", "L2"),
        (t(3, 9, 30), "resolved", "L2"),
    )
    assert run(log)[0] == []


# --- premature ------------------------------------------------------------------------------


def test_premature() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 10, 10), "escalated", "L2"))
    deviations, _ = run(log, horizon=t(2, 10, 15))
    assert brief(deviations) == [("premature", "02 10:10", "L1", "20m")]
    assert (deviations[0].expected, deviations[0].actual) == ("30m", "10m")


@pytest.mark.parametrize(
    ("event", "at", "premature"),
    [
        ("manager_requested", t(2, 10, 5), False),  # an armed trigger event came
        ("manager_requested", t(2, 10, 10), False),  # ... written with the move
        ("fyi", t(2, 10, 5), True),  # a trigger that only informs allows nothing
        ("privacy_risk", t(2, 10, 5), False),  # armed everywhere
    ],
)
def test_an_armed_trigger_event_allows_an_early_move(
    event: str, at: dt.datetime, premature: bool
) -> None:
    log = Log()
    log.add("T", t(2, 10), "created", "L1")
    if at < t(2, 10, 10):
        log.add("T", at, event, "L1")
    log.add("T", t(2, 10, 10), "escalated", "L2")
    if at == t(2, 10, 10):
        log.add("T", at, event, "L2")  # the row after the move, at the same instant
    deviations, _ = run(log, horizon=t(2, 10, 10))
    assert ("premature" in [d.kind for d in deviations]) is premature


def test_premature_excludes_paused_time() -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 5), "paused", "L1"),
        (t(2, 10, 20), "resumed", "L1"),
        (t(2, 10, 30), "escalated", "L2"),
    )
    deviations, _ = run(log, horizon=t(2, 10, 30))
    assert brief(deviations) == [("premature", "02 10:30", "L1", "15m")]
    assert deviations[0].actual == "15m"


def test_premature_in_working_time() -> None:
    # L2 (1h minimum on the office calendar) from 12:50: 10m before lunch, 5m after
    log = ticket(
        (t(2, 12), "created", "L1"),
        (t(2, 12, 50), "escalated", "L2"),
        (t(2, 14, 5), "escalated", "L3"),
    )
    deviations, _ = run(log, horizon=t(2, 14, 10))
    assert brief(deviations) == [("premature", "02 14:05", "L2", "45m")]
    assert deviations[0].actual == "15m"


# --- missed-trigger --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reached", "expected"),
    [(t(2, 11), [("missed-trigger", "02 10:30", "L1", "30m")]), (t(2, 10, 20), [])],
)
def test_missed_trigger(reached: dt.datetime, expected: list[tuple[str, str, str, str]]) -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10), "privacy_risk", "L1"),
        (reached, "escalated", "L4"),
    )
    deviations, _ = run(log, horizon=reached)
    assert brief(d for d in deviations if d.kind == "missed-trigger") == expected  # type: ignore[arg-type]
    if expected:
        assert "reached it 30m late, at L4" in deviations[0].detail


def test_missed_trigger_allowance_in_working_time_at_a_level_without_minimum() -> None:
    # L3 has no minimum: 15 minutes of office time from 12:55 end at 14:10
    log = ticket(
        (t(2, 12, 50), "created", "L3"),
        (t(2, 12, 55), "privacy_risk", "L3"),
        (t(2, 14, 30), "escalated", "L4"),
        priority="P0",
    )
    deviations, _ = run(log, horizon=t(2, 14, 30))
    assert brief(deviations) == [("missed-trigger", "02 14:10", "L3", "20m")]


def test_missed_trigger_still_open_at_the_horizon() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 10), "privacy_risk", "L1"))
    deviations, _ = run(log, horizon=t(2, 11))
    assert brief(deviations) == [("missed-trigger", "02 10:30", "L1", "30m")]
    assert "still below it at the horizon" in deviations[0].detail


def test_a_trigger_not_armed_at_the_level_is_counted_and_checks_nothing() -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 40), "escalated", "L2"),
        (t(2, 10, 45), "manager_requested", "L2"),  # ask is armed at L1 only
    )
    deviations, audit = run(log, horizon=t(2, 12))
    assert deviations == []
    assert audit.counts.ignored["trigger event manager_requested not armed at the ticket's level"]


# --- rows the audit cannot place, and other rows -------------------------------------------


def test_escalated_with_no_level_is_one_level_up() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 10, 40), "escalated", None))
    deviations, audit = run(log, horizon=t(2, 10, 45))
    assert deviations == []
    assert audit.counts.notes[ESCALATED_NO_LEVEL] == 1
    assert audit._tickets["T"].level == "L2"


def test_rows_that_cannot_be_placed_are_reported_with_their_line() -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 40), "escalated", "L9"),  # line 3: no such level
        (t(2, 10, 50), "escalated", "L4"),
        (t(2, 11), "escalated", None),  # line 5: nowhere above L4
    )
    _, audit = run(log, horizon=t(2, 11))
    assert [(p.line, p.reason) for p in audit.problems.examples] == [
        (3, "level not in the matrix"),
        (5, "escalated at the top of the path"),
    ]
    assert "'L9' is not a level of the matrix" in audit.problems.examples[0].message
    assert audit._tickets["T"].level == "L4"
    with pytest.raises(LogError, match=r"<log>:3: .*'L9'"):
        run(log, horizon=t(2, 11), strict=True)


def test_an_unknown_category_skips_the_ticket_with_its_rows() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 10, 5), "escalated", "L3"), category="nope")
    deviations, audit = run(log)
    assert deviations == []
    assert audit.problems.counts == {"unknown category": 1, "rows of skipped tickets": 1}


def test_reopening_brings_the_ticket_back_with_a_fresh_clock() -> None:
    # resolved at L2 on Monday; reopened on Tuesday at 10:00: a fresh 2h of office time
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 40), "escalated", "L2"),
        (t(2, 11), "resolved", "L2"),
        (t(3, 10), "reopened", "L2"),
        (t(3, 12, 30), "resolved", "L2"),
    )
    assert brief(run(log)[0]) == [("late", "03 12:00", "L2", "30m")]


def test_reopening_at_another_level_is_a_move() -> None:
    log = ticket(
        (t(2, 10), "created", "L1"),
        (t(2, 10, 40), "escalated", "L2"),
        (t(2, 11), "resolved", "L2"),
        (t(2, 11, 10), "note", "L1"),  # a level written on a resolved ticket: not followed
        (t(3, 10), "reopened", "L1"),
    )
    deviations, audit = run(log, horizon=t(3, 10, 5))
    assert brief(deviations) == [
        ("backward", "03 10:00", "L2", None),
        ("ping-pong", "03 10:00", "L1", None),
    ]
    assert audit.counts.notes["level changes on rows of resolved or closed tickets (not followed)"]


def test_events_after_the_horizon_are_counted_not_audited() -> None:
    log = ticket((t(2, 10), "created", "L1"), (t(2, 12), "escalated", "L2"))
    deviations, audit = run(log, horizon=t(2, 10, 50))
    assert deviations == [] and audit.counts.after_horizon == 1


def test_a_ticket_going_back_in_time_is_a_log_order_error() -> None:
    from escmatrix.simulation.engine import LogOrderError

    log = ticket((t(2, 10), "created", "L1"), (t(2, 9), "escalated", "L2"))
    with pytest.raises(LogOrderError):
        run(log)


# --- groups, actors and the figures ---------------------------------------------------------


def test_group_of_a_deviation_is_the_group_that_held_the_ticket() -> None:
    log = Log()
    log.add("A", t(2, 10), "created", "L1", actor="ann", team="desk")
    log.add("A", t(2, 10, 10), "escalated", "L2", actor="ann", team="lead")  # premature
    log.add("A", t(2, 16), "resolved", "L2", actor="bob", team="lead")  # late at L2
    log.add("B", t(2, 10), "created", "L1", actor="ann", team="desk")
    log.add("B", t(2, 10, 40), "escalated", "L2", actor="ann", team="lead")
    log.add("B", t(2, 11), "resolved", "L2", actor="bob", team="lead")
    log.add("C", t(2, 10), "created", "L1", actor="cid", team="desk")
    log.add("C", t(2, 10, 50), "resolved", "L1", actor="cid", team="desk")
    deviations, audit = run(log, group_by="team")
    assert sorted((d.ticket, d.kind, d.group, d.actor) for d in deviations) == [
        ("A", "late", "lead", "bob"),
        ("A", "premature", "desk", "ann"),
    ]
    summary = AuditSummary.of(audit, audit.problems, "log")
    assert (summary.tickets, summary.conforming) == (3, 2)
    assert summary.first_level_alone == 1  # C
    groups = {g: (f.tickets, f.conforming, f.by_kind) for g, f in summary.groups.items()}
    assert groups == {"desk": (3, 2, {"premature": 1}), "lead": (2, 1, {"late": 1})}
    actors = {a: (f.escalations, f.premature, f.late) for a, f in summary.actors.items()}
    assert actors == {"ann": (2, 1, 0)}
    assert summary.by_level == {"L1": {"premature": 1}, "L2": {"late": 1}}
    assert summary.tickets_by_kind["late"] == 1 and summary.by_kind["wrong-start"] == 0


def test_a_late_escalation_counts_for_the_actor() -> None:
    log = Log()
    log.add("A", t(2, 10), "created", "L1", actor="ann")
    log.add("A", t(2, 11, 30), "escalated", "L2", actor="ann")
    _, audit = run(log, horizon=t(2, 11, 30))
    assert audit.counts.escalations == {"ann": 1}
    assert audit.counts.late_escalations == {"ann": 1}


def test_group_by_must_name_a_field() -> None:
    with pytest.raises(AuditError, match="known: actor, category, priority, channel, team"):
        Audit(MATRIX, group_by="product", attributes=("team",))


@pytest.mark.parametrize("group_by", ["actor", "category", "priority"])
def test_group_by_a_field_of_the_rows(group_by: str) -> None:
    log = Log().add("A", t(2, 10), "created", "L2", actor="ann", priority="P3")
    deviations, audit = run(log, horizon=t(2, 10), group_by=group_by)
    expected = {"actor": "ann", "category": "general", "priority": "P3"}[group_by]
    assert [d.group for d in deviations] == [expected]
    assert audit.counts.group_tickets == {expected: 1}


def test_the_ten_latest_tickets_are_the_ten_most_late() -> None:
    log = Log()
    for number in range(12):
        log.add(f"T{number}", t(2, 10), "created", "L1")
        log.add(f"T{number}", t(2, 11, number + 1), "resolved", "L1")
    _, audit = run(log)
    summary = AuditSummary.of(audit, audit.problems, "log")
    assert [item.ticket for item in summary.latest] == [f"T{n}" for n in range(11, 1, -1)]
    assert summary.lateness["L1"].late == 12
    assert summary.lateness["L1"].worst == 12 * 60


def test_quantiles_are_nearest_rank() -> None:
    from collections import Counter

    values = Counter({1: 4, 2: 4, 10: 2})
    assert (quantile(values, 0.5), quantile(values, 0.9), quantile(values, 1)) == (2, 10, 10)
    assert quantile(Counter({7: 1}), 0.9) == 7


SHORT_SATURDAY = load_matrix_text("""
version: 1
name: A short Saturday
timezone: Europe/Rome
default_calendar: office
calendars:
  office:
    week: {mon-fri: ["09:00-13:00", "14:00-18:00"], sat: "09:00-12:00"}
contacts:
  a: {name: A, channels: [phone]}
levels:
  - {id: L1, name: One, contacts: [a], window: 0.5bd..1bd}
  - {id: L2, name: Two, contacts: [a], window: resolution}
categories:
  - {id: general, name: General}
""")


@pytest.mark.parametrize(("moved", "kinds"), [(t(7, 12), []), (t(7, 11), ["premature"])])
def test_a_move_the_window_calls_for_is_never_premature(
    moved: dt.datetime, kinds: list[str]
) -> None:
    # From Friday 17:01, 1bd ends on Saturday at 12:00 (the same time of day, clamped to
    # the short Saturday), while 0.5bd (4 of the full day's 8 hours) ends on Monday 10:00:
    # a move at the maximum is what the matrix asks for, not a premature one
    log = ticket((t(6, 17, 1), "created", "L1"), (moved, "escalated", "L2"))
    audit = Audit(SHORT_SATURDAY, horizon=moved)
    assert [d.kind for d in audit.run(log.rows)] == kinds
