"""Properties of the engine on random ticket logs, interleaved by time or grouped by ticket:
levels never go down, one `created` per ticket, each ticket's records in time order (and all
records, when the log is), nothing after the horizon, nothing after a resolution unless the
ticket is reopened."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from escmatrix.events import Event
from escmatrix.model import Matrix
from escmatrix.simulation.engine import Notification, Simulation
from escmatrix.validation import load_matrix_text
from tests.unit.test_engine import MATRIX, MATRIX_TEXT, ROME

NAMES = [
    "escalated",
    "priority_changed",
    "paused",
    "resumed",
    "resolved",
    "reopened",
    "closed",
    "manager_requested",
    "privacy_risk",
    "fyi",
    "jump",
    "unknown_thing",
    "created",
]
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=ROME)


@st.composite
def ticket_events(draw: st.DrawFn, ticket: str) -> list[Event]:
    at = START + dt.timedelta(minutes=draw(st.integers(0, 3000)))
    events = [
        Event(
            ticket,
            at,
            "created",
            category=draw(st.sampled_from(["general", "billing"])),
            priority=draw(st.sampled_from([None, "P1", "P3"])),
        )
    ]
    for _ in range(draw(st.integers(0, 8))):
        at += dt.timedelta(minutes=draw(st.integers(0, 600)))
        name = draw(st.sampled_from(NAMES))
        events.append(
            Event(
                ticket,
                at,
                name,
                priority=draw(st.sampled_from(["P1", "P3"]))
                if name == "priority_changed"
                else None,
                level=draw(st.sampled_from([None, "L2", "L3", "L4"]))
                if name == "escalated"
                else None,
            )
        )
    return events


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[Event], dt.datetime | None]:
    tickets = [draw(ticket_events(f"T{i}")) for i in range(draw(st.integers(1, 6)))]
    if draw(st.booleans()):
        events = sorted((e for t in tickets for e in t), key=lambda e: e.time)  # time-ordered
    else:
        events = [e for t in tickets for e in t]  # grouped by ticket
    horizon = None
    if draw(st.booleans()):
        horizon = START + dt.timedelta(minutes=draw(st.integers(0, 9000)))
    return events, horizon


# The engine test matrix with business-day windows on its office calendar (L3 1bd, L4
# 0.5bd..2bd), where a pause and a priority change meet days, lunch breaks and weekends.
BUSINESS = load_matrix_text(
    MATRIX_TEXT.replace(
        "{id: L3, name: Boss, contacts: [boss], window: 4h, calendar: office}",
        "{id: L3, name: Boss, contacts: [boss], window: 1bd, calendar: office}",
    ).replace(
        "{id: L4, name: Board, contacts: [board], window: 1d}",
        "{id: L4, name: Board, contacts: [board], window: 0.5bd..2bd, calendar: office}",
    )
)


def check(
    events: list[Event], horizon: dt.datetime | None, matrix: Matrix = MATRIX
) -> list[Notification]:
    simulation = Simulation(matrix, horizon=horizon)
    records = list(simulation.replay(events))
    limit = horizon or max(e.time for e in events)
    rank = matrix.level_index
    by_ticket: dict[str, list[Notification]] = defaultdict(list)
    for record in records:
        by_ticket[record.ticket].append(record)
        assert record.time <= limit, "a record after the horizon"
    if all(a.time <= b.time for a, b in pairwise(events)):
        times = [r.time for r in records]
        assert times == sorted(times), "a log in time order gave records out of time order"
    for ticket, items in by_ticket.items():
        assert [r.reason for r in items].count("created") == 1
        assert items[0].reason == "created"
        times = [r.time for r in items]
        assert times == sorted(times), "records of a ticket out of time order"
        levels = [rank[r.level] for r in items]
        assert levels == sorted(levels), f"{ticket} went down a level: {[r.level for r in items]}"
        # after resolved/closed: only a reopening (later in the log) may produce records
        mine = [e for e in events if e.ticket == ticket and (horizon is None or e.time <= horizon)]
        for record in items:
            for index, end in enumerate(mine):
                if end.name not in ("resolved", "closed") or not end.time < record.time:
                    continue
                reopened = [
                    e for e in mine[index + 1 :] if e.name == "reopened" and e.time <= record.time
                ]
                assert reopened, f"{ticket} got {record.reason} after it ended at {end.time}"
        check_pauses(ticket, items, mine)
        check_manual(matrix, items, mine)
    return records


def check_pauses(ticket: str, records: list[Notification], events: list[Event]) -> None:
    """No timer fires while the ticket is paused (SPEC 5.4, 5.5): a timeout or expiry inside
    a pause is only the move a priority change makes at once."""
    pauses: list[tuple[dt.datetime, dt.datetime | None]] = []
    paused: dt.datetime | None = None
    for event in events:
        if event.name == "paused" and paused is None:
            paused = event.time
        elif event.name in ("resumed", "resolved", "closed", "reopened") and paused is not None:
            pauses.append((paused, event.time))
            paused = None
    if paused is not None:
        pauses.append((paused, None))
    changes = {e.time for e in events if e.name == "priority_changed"}
    for record in records:
        if record.reason not in ("timeout", "exhausted") or record.time in changes:
            continue
        for start, end in pauses:
            inside = start < record.time and (end is None or record.time < end)
            assert not inside, f"{ticket}: {record.reason} at {record.time} while paused"


def check_manual(matrix: Matrix, records: list[Notification], events: list[Event]) -> None:
    """A manual record is at the level its `escalated` row names (or, when the category's
    path skips that level, the first path level above it): never a level the log does not
    show (SPEC 5.3)."""
    category = matrix.category_by_id[events[0].category or ""]
    path = matrix.path(category)
    rank = matrix.level_index
    for record in records:
        if record.reason != "manual":
            continue
        rows = [e for e in events if e.name == "escalated" and e.time == record.time]
        logged = {e.level for e in rows}
        if None in logged:
            continue  # an escalation with no level moves one level up
        expected = {
            min((lvl for lvl in path if rank[lvl] >= rank[x]), key=rank.get) for x in logged
        }
        assert record.level in expected, (record, logged)


@settings(max_examples=400, deadline=None)
@given(logs())
def test_engine_invariants(log: tuple[list[Event], dt.datetime | None]) -> None:
    check(*log)


@settings(max_examples=400, deadline=None)
@given(logs())
def test_engine_invariants_with_business_day_windows(
    log: tuple[list[Event], dt.datetime | None],
) -> None:
    check(*log, matrix=BUSINESS)


@settings(max_examples=100, deadline=None)
@given(logs())
def test_order_of_the_log_does_not_change_any_ticket(
    log: tuple[list[Event], dt.datetime | None],
) -> None:
    events, horizon = log
    grouped = sorted(events, key=lambda e: (e.ticket, e.time))
    interleaved = sorted(events, key=lambda e: e.time)

    def per_ticket(records: list[Notification]) -> dict[str, list[Notification]]:
        out: dict[str, list[Notification]] = defaultdict(list)
        for r in records:
            out[r.ticket].append(r)
        return dict(out)

    a = per_ticket(list(Simulation(MATRIX, horizon=horizon).replay(grouped)))
    b = per_ticket(list(Simulation(MATRIX, horizon=horizon).replay(interleaved)))
    assert a == b
