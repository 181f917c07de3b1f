"""The engine, rule by rule of SPEC section 5, on a small matrix."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from escmatrix.events import Event
from escmatrix.findings import Problems
from escmatrix.model import Matrix
from escmatrix.simulation.engine import LogOrderError, Notification, Simulation
from escmatrix.validation import load_matrix_text

ROME = zoneinfo.ZoneInfo("Europe/Rome")

MATRIX_TEXT = """
version: 1
name: Engine test
timezone: Europe/Rome
calendars:
  office:
    week: {mon-fri: ["09:00-13:00", "14:00-18:00"]}
contacts:
  desk: {name: Desk, channels: [phone]}
  lead: {name: Lead, channels: [phone]}
  boss: {name: Boss, channels: [phone]}
  board: {name: Board, channels: [phone]}
  finance: {name: Finance, channels: [email]}
  dpo: {name: DPO, channels: [email]}
levels:
  - {id: L1, name: Desk, contacts: [desk], window: 30m}
  - {id: L2, name: Lead, contacts: [lead], window: 1h}
  - {id: L3, name: Boss, contacts: [boss], window: 4h, calendar: office}
  - {id: L4, name: Board, contacts: [board], window: 1d}
priorities:
  default: P3
  P1: {start: L2, scale: 0.5}
  P3: {}
triggers:
  - {id: ask, name: Asks for a manager, event: manager_requested}
  - {id: ask-big, name: Asks for the boss, event: manager_requested, escalate: L3}
  - {id: privacy, name: Privacy at risk, event: privacy_risk, escalate: L3, scope: any,
     notify: [dpo]}
  - {id: fyi, name: Just so you know, event: fyi, escalate: none, scope: any, notify: [dpo]}
  - {id: jump, name: Jump two, event: jump, escalate: 2}
categories:
  - id: general
    name: General
    cells:
      L1: {triggers: [ask, jump]}
      L2: {triggers: [ask, ask-big]}
  - id: billing
    name: Billing
    kind: functional
    path: [L1, L2, L4]
    contacts: {L2: [finance]}
"""
MATRIX = load_matrix_text(MATRIX_TEXT)


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time in March 2026 (Monday 2 March is a working day)."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=ROME)


def ev(ticket: str, when: dt.datetime, name: str, **fields: str) -> Event:
    return Event(ticket, when, name, **fields)


def run(
    *events: Event,
    horizon: dt.datetime | None = None,
    problems: Problems | None = None,
    matrix: Matrix | None = None,
) -> tuple[list[Notification], Simulation]:
    sim = Simulation(matrix or MATRIX, horizon=horizon, problems=problems)
    return list(sim.replay(events)), sim


def brief(records: list[Notification]) -> list[tuple[str, str, str]]:
    return [(r.time.strftime("%d %H:%M"), r.level, r.reason) for r in records]


def test_created_then_timeouts_up_to_the_horizon() -> None:
    records, sim = run(ev("A", t(2, 10), "created", category="general"), horizon=t(2, 12))
    assert brief(records) == [
        ("02 10:00", "L1", "created"),
        ("02 10:30", "L2", "timeout"),
        ("02 11:30", "L3", "timeout"),
    ]
    assert records[1].detail == "30m window of L1 elapsed without resolution"
    assert records[0].contacts == ("desk",) and records[2].contacts == ("boss",)
    assert sim.counts.unresolved == {"L3": 1}


def test_business_calendar_and_exhausted_once() -> None:
    # L3 counts 4 working hours in the office calendar: 11:30 + 1h30 to lunch + 2h30 after.
    records, _ = run(ev("A", t(2, 10), "created", category="general"), horizon=t(9, 12))
    assert brief(records)[3:] == [("02 16:30", "L4", "timeout"), ("03 16:30", "L4", "exhausted")]
    assert "last level of the path" in records[-1].detail


def test_timer_due_at_an_event_is_preempted() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"), ev("A", t(2, 10, 30), "resolved")
    )
    assert brief(records) == [("02 10:00", "L1", "created")]


def test_default_horizon_is_the_last_event_and_includes_it() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("B", t(2, 10, 30), "created", category="general"),
    )
    assert brief(records) == [
        ("02 10:00", "L1", "created"),
        ("02 10:30", "L1", "created"),
        ("02 10:30", "L2", "timeout"),
    ]


def test_priority_start_and_scale() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general", priority="P1"), horizon=t(2, 11)
    )
    assert brief(records) == [("02 10:00", "L2", "created"), ("02 10:30", "L3", "timeout")]
    assert records[1].detail == "30m window of L2 (P1) elapsed without resolution"


def test_trigger_armed_in_cell_moves_and_unarmed_is_counted() -> None:
    records, sim = run(
        ev("A", t(2, 10), "created", category="billing"),
        ev("A", t(2, 10, 5), "manager_requested"),  # not armed for billing
        ev("B", t(2, 10, 6), "created", category="general"),
        ev("B", t(2, 10, 10), "manager_requested"),
    )
    assert ("02 10:10", "L2", "trigger:ask") in brief(records)
    assert (
        sim.counts.ignored["trigger event manager_requested not armed at the ticket's level"] == 1
    )


def test_highest_target_wins_among_matching_triggers() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 5), "manager_requested"),
        ev("A", t(2, 10, 6), "manager_requested"),
    )
    # at L1 only `ask` is armed (next level); at L2 `ask-big` (to L3) beats `ask` (next = L3 too,
    # first in file wins the tie)
    assert brief(records)[1:] == [
        ("02 10:05", "L2", "trigger:ask"),
        ("02 10:06", "L3", "trigger:ask"),
    ]


def test_trigger_notify_joins_the_notification() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"), ev("A", t(2, 10, 5), "privacy_risk")
    )
    assert brief(records)[1] == ("02 10:05", "L3", "trigger:privacy")
    assert records[1].contacts == ("boss", "dpo")


def test_trigger_that_cannot_move_still_notifies() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 5), "fyi"),
        ev("A", t(2, 10, 6), "privacy_risk"),
        ev("A", t(2, 10, 7), "privacy_risk"),
    )
    assert brief(records) == [
        ("02 10:00", "L1", "created"),
        ("02 10:05", "L1", "trigger:fyi"),
        ("02 10:06", "L3", "trigger:privacy"),
        ("02 10:07", "L3", "trigger:privacy"),
    ]
    assert records[1].contacts == ("dpo",) and records[3].contacts == ("dpo",)
    assert "stays at L1" in records[1].detail


def test_steps_trigger() -> None:
    records, _ = run(ev("A", t(2, 10), "created", category="general"), ev("A", t(2, 10, 1), "jump"))
    assert brief(records)[1] == ("02 10:01", "L3", "trigger:jump")


def test_manual_escalation() -> None:
    records, sim = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 1), "escalated", level="L3"),  # higher: goes there
        ev("A", t(2, 10, 2), "escalated", level="L2"),  # below: nothing (SPEC 5.3)
        ev("A", t(2, 10, 3), "escalated", level="L3"),  # where it is: nothing
        ev("A", t(2, 10, 4), "escalated", level="L9"),  # unknown level: nothing
        ev("A", t(2, 10, 5), "escalated"),  # no level: one level up
        ev("A", t(2, 10, 6), "escalated"),  # at the top: nothing
    )
    assert brief(records)[1:] == [("02 10:01", "L3", "manual"), ("02 10:05", "L4", "manual")]
    ignored = sim.counts.ignored
    assert ignored["escalated to a level at or below where the ticket already is"] == 2
    assert ignored["escalated to unknown level 'L9'"] == 1
    assert ignored["escalated at the top of the path"] == 1
    assert records[2].detail == "escalated in the log; moved one level up"


def test_a_log_going_up_and_down_is_never_replayed_above_what_it_shows() -> None:
    # 1-503573772 in the Volvo log: L1 -> L2 -> L1 -> L2; the replay must not reach L3
    records, sim = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 5), "escalated", level="L2"),
        ev("A", t(2, 10, 10), "escalated", level="L1"),
        ev("A", t(2, 10, 20), "escalated", level="L2"),
        horizon=t(2, 10, 30),
    )
    assert brief(records) == [("02 10:00", "L1", "created"), ("02 10:05", "L2", "manual")]
    assert sim.counts.ignored["escalated to a level at or below where the ticket already is"] == 2


def test_manual_escalation_to_a_level_the_path_skips() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="billing"),
        ev("A", t(2, 10, 1), "escalated", level="L3"),
    )
    assert brief(records)[1] == ("02 10:01", "L4", "manual")


def test_functional_contacts() -> None:
    records, _ = run(ev("A", t(2, 10), "created", category="billing"), horizon=t(2, 10, 45))
    assert records[1].contacts == ("finance",)


def test_priority_change_retimes_from_entry() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 40), "escalated"),
        ev("A", t(2, 10, 50), "priority_changed", priority="P3"),  # same: nothing
        ev("A", t(2, 11, 0), "priority_changed", priority="P1"),
        horizon=t(2, 13),
    )
    # L3 entered at 10:40; P1 halves its 4 working hours: due 12:40, not 14:40 (lunch 13-14)
    assert brief(records) == [
        ("02 10:00", "L1", "created"),
        ("02 10:30", "L2", "timeout"),
        ("02 10:40", "L3", "manual"),
        ("02 12:40", "L4", "timeout"),
    ]
    assert records[-1].detail == "2h window of L3 (P1) elapsed without resolution"


def test_priority_change_whose_deadline_has_passed_moves_at_once() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 20), "priority_changed", priority="P1"),
        horizon=t(2, 10, 20),
    )
    # P1 starts at L2, above L1: the ticket jumps there
    assert brief(records)[1] == ("02 10:20", "L2", "priority")
    records, _ = run(
        ev("A", t(2, 10), "created", category="general", priority="P1"),
        ev("A", t(2, 10, 25), "priority_changed", priority="P3"),
        ev("A", t(2, 10, 50), "priority_changed", priority="P1"),
        horizon=t(2, 10, 50),
    )
    # at L2 since 10:00: P3 gives 1h (11:00); back to P1 at 10:50: 30m from 10:00 has passed
    assert brief(records) == [("02 10:00", "L2", "created"), ("02 10:50", "L3", "timeout")]
    assert "has already elapsed" in records[1].detail


def test_pause_moves_the_deadline_by_the_paused_working_time() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 10), "paused"),
        ev("A", t(2, 11, 10), "resumed"),
        horizon=t(2, 11, 40),
    )
    assert brief(records) == [("02 10:00", "L1", "created"), ("02 11:30", "L2", "timeout")]


def test_pause_on_a_business_calendar_counts_working_time_only() -> None:
    # At L3 (office hours) from Monday 11:00: paused over the lunch break costs nothing extra.
    records, _ = run(
        ev("A", t(2, 11), "created", category="general"),
        ev("A", t(2, 11), "escalated", level="L3"),
        ev("A", t(2, 12, 30), "paused"),
        ev("A", t(2, 14, 30), "resumed"),
        horizon=t(3, 18),
    )
    # 4 working hours: 11:00-12:30 (1.5h), then paused 12:30-13:00 (0.5h of work lost),
    # resumed 14:30: 2.5h more ends at 17:00.
    assert brief(records)[-2:] == [("02 17:00", "L4", "timeout"), ("03 17:00", "L4", "exhausted")]


def test_escalation_while_paused_keeps_the_clock_stopped() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 5), "paused"),
        ev("A", t(2, 10, 10), "manager_requested"),
        ev("A", t(2, 12), "resumed"),
        horizon=t(2, 14),
    )
    assert brief(records) == [
        ("02 10:00", "L1", "created"),
        ("02 10:10", "L2", "trigger:ask"),
        ("02 13:00", "L3", "timeout"),
    ]


def test_priority_change_while_paused_past_the_new_deadline_moves_at_once() -> None:
    # L1 for 20 minutes, paused at 10:20; P1 halves L1's 30m to 15m, used up before the
    # pause: the ticket moves to L2 at once (P1 starts at L2 anyway) and stays paused.
    records, _ = run(
        ev("A", t(2, 10), "created", category="billing"),
        ev("A", t(2, 10, 2), "escalated", level="L2"),
        ev("A", t(2, 10, 40), "paused"),
        ev("A", t(2, 11), "priority_changed", priority="P1"),
        ev("A", t(2, 12), "resumed"),
        horizon=t(3, 18),
    )
    # at L2 since 10:02, P1 gives 30m: due 10:32, before the pause (10:40): moves at 11:00
    # to L4 (billing skips L3), whose clock starts on resume at 12:00: 12h (P1) later
    assert brief(records) == [
        ("02 10:00", "L1", "created"),
        ("02 10:02", "L2", "manual"),
        ("02 11:00", "L4", "timeout"),
        ("03 00:00", "L4", "exhausted"),
    ]
    assert (
        records[2].detail == "priority changed to P1: the 30m window of L2 (P1) has already elapsed"
    )


def test_priority_change_while_paused_within_the_new_window_waits_for_the_resume() -> None:
    records, _ = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10), "escalated", level="L2"),
        ev("A", t(2, 10, 20), "paused"),
        ev("A", t(2, 11), "priority_changed", priority="P1"),
        ev("A", t(2, 12), "resumed"),
        horizon=t(2, 14),
    )
    # P1: 30m at L2, 20m used before the pause: the last 10m run from 12:00
    assert brief(records)[-1] == ("02 12:10", "L3", "timeout")
    assert all(r.time <= t(2, 10, 20) or r.time >= t(2, 12) for r in records)


def test_resolved_then_reopened() -> None:
    records, sim = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 10, 40), "resolved"),
        ev("A", t(2, 11), "manager_requested"),
        ev("A", t(2, 12), "reopened"),
        ev("A", t(2, 12, 10), "closed"),
        ev("A", t(2, 13), "privacy_risk"),
        horizon=t(2, 14),
    )
    assert brief(records) == [
        ("02 10:00", "L1", "created"),
        ("02 10:30", "L2", "timeout"),
        ("02 12:00", "L2", "reopened"),
    ]
    assert sim.counts.ignored["manager_requested after the ticket was resolved"] == 1
    assert sim.counts.ignored["privacy_risk after the ticket was closed"] == 1
    assert sim.counts.highest_level == {"L2": 1}


def test_creation_inferred_from_the_first_row() -> None:
    records, sim = run(ev("A", t(2, 10), "manager_requested", category="general"), horizon=t(2, 10))
    assert brief(records) == [("02 10:00", "L1", "created"), ("02 10:00", "L2", "trigger:ask")]
    assert sim.counts.creation_inferred == 1
    assert "no 'created' row" in records[0].detail


def test_unknown_category_skips_the_ticket_with_its_line() -> None:
    problems = Problems()
    records, sim = run(
        Event("A", t(2, 10), "created", line=7, category="nope"),
        Event("A", t(2, 10, 5), "resolved", line=8),
        problems=problems,
    )
    assert records == [] and sim.counts.tickets == 0
    assert problems.counts == {"unknown category": 1, "rows of skipped tickets": 1}
    assert problems.examples[0].line == 7
    assert "the matrix has no category 'nope'" in problems.examples[0].message
    with pytest.raises(Exception, match="the matrix has no category 'nope'"):
        run(
            Event("A", t(2, 10), "created", line=7, category="nope"), problems=Problems(strict=True)
        )


def test_unknown_events_and_priorities_are_counted() -> None:
    records, sim = run(
        ev("A", t(2, 10), "created", category="general", priority="P9"),
        ev("A", t(2, 10, 1), "coffee_break"),
        horizon=t(2, 10, 1),
    )
    assert sim.counts.unknown_events == {"coffee_break": 1}
    assert sim.counts.ignored["unknown priority 'P9' (default used)"] == 1
    assert "P3" in records[0].detail


def test_until_drops_later_events() -> None:
    records, sim = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("B", t(2, 11), "created", category="general"),
        horizon=t(2, 10, 45),
    )
    assert brief(records) == [("02 10:00", "L1", "created"), ("02 10:30", "L2", "timeout")]
    assert sim.counts.after_horizon == 1


def test_time_ordered_log_gives_time_ordered_output() -> None:
    records, sim = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("B", t(2, 10, 40), "created", category="general"),
        ev("B", t(2, 11, 50), "resolved"),
    )
    times = [r.time for r in records]
    assert times == sorted(times) and sim.in_time_order
    assert brief(records)[1] == ("02 10:30", "L2", "timeout")  # A's timer before B is created


def test_grouped_log_keeps_each_ticket_in_order() -> None:
    records, sim = run(
        ev("A", t(2, 10), "created", category="general"),
        ev("A", t(2, 12), "resolved"),
        ev("B", t(2, 9), "created", category="general"),
        ev("B", t(2, 9, 45), "resolved"),
    )
    assert not sim.in_time_order
    assert [(r.ticket, r.reason) for r in records] == [
        ("A", "created"),
        ("A", "timeout"),
        ("A", "timeout"),
        ("B", "created"),
        ("B", "timeout"),
    ]


def test_a_ticket_going_back_in_time_is_a_disorder() -> None:
    with pytest.raises(LogOrderError, match="goes back in time"):
        run(ev("A", t(2, 10), "created", category="general"), ev("A", t(2, 9), "resolved"))


def test_timer_starting_outside_office_hours() -> None:
    # escalated to L3 on Saturday night: its 4 working hours start Monday 09:00
    records, _ = run(
        ev("A", t(7, 22), "created", category="general"),
        ev("A", t(7, 22, 5), "escalated", level="L3"),
        horizon=t(9, 18),
    )
    assert brief(records)[-1] == ("09 13:00", "L4", "timeout")


def test_reopened_at_the_moment_of_resolution() -> None:
    records, _ = run(
        ev("A", t(2, 8), "created", category="general"),
        ev("A", t(2, 8), "resolved"),
        ev("A", t(2, 8), "reopened"),
        ev("A", t(2, 8, 1), "escalated"),
        horizon=t(2, 8, 1),
    )
    assert brief(records) == [
        ("02 08:00", "L1", "created"),
        ("02 08:00", "L1", "reopened"),
        ("02 08:01", "L2", "manual"),
    ]


def test_timers_of_different_tickets_fire_in_time_order() -> None:
    # B's ladder and C's interleave during a quiet afternoon: the output must too, not
    # all of C's timers and then all of B's.
    records, _ = run(
        ev("B", t(2, 10), "created", category="general"),
        ev("C", t(2, 10, 7), "created", category="general"),
        ev("D", t(2, 18), "created", category="general"),
    )
    assert [(r.ticket, r.time.strftime("%H:%M")) for r in records] == [
        ("B", "10:00"),
        ("C", "10:07"),
        ("B", "10:30"),
        ("C", "10:37"),
        ("B", "11:30"),
        ("C", "11:37"),
        ("B", "16:30"),
        ("C", "16:37"),
        ("D", "18:00"),
    ]


BUSINESS_L3 = load_matrix_text(
    MATRIX_TEXT.replace(
        "{id: L3, name: Boss, contacts: [boss], window: 4h, calendar: office}",
        "{id: L3, name: Boss, contacts: [boss], window: 1bd, calendar: office}",
    )
)


def test_a_pause_over_a_business_day_deadline_resumes_with_what_was_left() -> None:
    # At L3 (1bd on office hours) from Monday 09:00: due Tuesday 09:00, no working time left
    # after Monday 18:00. Paused from 22:01 to Tuesday 13:01 (in the lunch break): nothing
    # was left, so the timer runs out at the next opening, 14:00, never before the resume.
    records, _ = run(
        ev("A", t(2, 9), "created", category="general"),
        ev("A", t(2, 9), "escalated", level="L3"),
        ev("A", t(2, 22, 1), "paused"),
        ev("A", t(3, 13, 1), "resumed"),
        horizon=t(3, 18),
        matrix=BUSINESS_L3,
    )
    assert brief(records)[-1] == ("03 14:00", "L4", "timeout")
