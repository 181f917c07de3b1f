"""A log written by the matrix itself follows the matrix: random tickets are replayed by the
simulation engine, its notifications turned into a log with the level of every row, and
that log audited against the same matrix finds no late, premature, backward, skipped-level
or wrong-start deviation."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from escmatrix.events import ESCALATED, Event
from escmatrix.simulation.audit import Audit, Deviation
from escmatrix.simulation.engine import Simulation
from escmatrix.validation import load_matrix_text
from tests.unit.test_audit import ROME

# Every path ends at a level without a maximum (at a last level with one, the replay only
# reports the expiry and keeps the ticket: the audit rightly calls that late). Triggers
# jump one, two and more levels, at one level or everywhere; priorities start higher,
# scale the windows or set their own; calendars are 24x7 and office hours with a holiday.
MATRIX = load_matrix_text("""
version: 1
name: Property matrix
timezone: Europe/Rome
calendars:
  office:
    week: {mon-fri: ["09:00-13:00", "14:00-18:00"], sat: "09:00-12:00"}
    holidays: {dates: [2026-03-04]}
contacts:
  a: {name: A, channels: [phone]}
  dpo: {name: DPO, channels: [email]}
levels:
  - {id: L1, name: One, contacts: [a], window: {default: 20m..45m, P1: 5m..10m}}
  - {id: L2, name: Two, contacts: [a], window: 1h..3h, calendar: office}
  - {id: L3, name: Three, contacts: [a], window: 0.5bd..1bd, calendar: office}
  - {id: L4, name: Four, contacts: [a], window: 2h..4h}
  - {id: L5, name: Five, contacts: [a], window: resolution}
priorities:
  default: P3
  P1: {start: L2, scale: 0.5}
  P2: {start: L4}
  P3: {}
  P4: {scale: 2}
triggers:
  - {id: ask, name: Asks for a manager, event: manager_requested}
  - {id: jump, name: Jump two, event: jump, escalate: 2}
  - {id: privacy, name: Privacy, event: privacy_risk, escalate: L4, scope: any, notify: [dpo]}
  - {id: fyi, name: FYI, event: fyi, escalate: none, scope: any, notify: [dpo]}
categories:
  - id: general
    name: General
    cells:
      L1: {triggers: [ask, jump]}
      L2: {triggers: [ask]}
  - id: short
    name: Short path
    path: [L1, L3, L5]
    cells:
      L1: {triggers: [jump]}
""")

NAMES = [
    "priority_changed",
    "paused",
    "resumed",
    "resolved",
    "reopened",
    "closed",
    "manager_requested",
    "jump",
    "privacy_risk",
    "fyi",
    "note",
]
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=ROME)


@st.composite
def ticket_events(draw: st.DrawFn, ticket: str) -> list[Event]:
    at = START + dt.timedelta(minutes=draw(st.integers(0, 6000)))
    events = [
        Event(
            ticket,
            at,
            "created",
            category=draw(st.sampled_from(["general", "short"])),
            priority=draw(st.sampled_from([None, "P1", "P2", "P3", "P4"])),
        )
    ]
    for _ in range(draw(st.integers(0, 10))):
        at += dt.timedelta(minutes=draw(st.integers(0, 900)))
        name = draw(st.sampled_from(NAMES))
        priority = (
            draw(st.sampled_from(["P1", "P2", "P3", "P4"])) if name == "priority_changed" else None
        )
        events.append(Event(ticket, at, name, priority=priority))
    return events


def as_log(events: list[Event], horizon: dt.datetime | None) -> tuple[list[Event], Simulation]:
    """The replay of ``events`` written as a log: each row with the level the replay had
    the ticket at after it, and an ``escalated`` row for each timeout."""
    simulation = Simulation(MATRIX, horizon=horizon)
    level: dict[str, str] = {}
    last: dict[str, dt.datetime] = {}  # the time of each ticket's latest row
    rows: list[Event] = []

    def take(notes: list, before: dt.datetime | None) -> None:
        for note in notes:
            if before is not None and note.time >= before:
                continue
            if note.reason == "timeout":
                # A pause across a business-day deadline can leave the replay's deadline
                # before the resume (it is shifted by the working time paused after the
                # window was used up): the replay then reports the timeout with that
                # time, after the resume. A log cannot go back: the row is at the resume.
                at = max(note.time, last.get(note.ticket, note.time))
                rows.append(Event(note.ticket, at, ESCALATED, level=note.level))
            level[note.ticket] = note.level

    for event in events:
        notes = simulation.feed(event)
        take(notes, event.time)  # timers that fired before the event
        for note in notes:
            if note.time >= event.time:
                level[note.ticket] = note.level  # the event's own
        rows.append(event.replace(level=level.get(event.ticket)))
        if horizon is None or event.time <= horizon:  # the replay ignores the others
            last[event.ticket] = event.time
    take(simulation.finish(), None)
    return rows, simulation


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 1), min_size=1, max_size=5), st.data())
def test_the_matrix_follows_itself(tickets: list[int], data: st.DataObject) -> None:
    per_ticket = [data.draw(ticket_events(f"T{i}")) for i in range(len(tickets))]
    events = sorted((e for t in per_ticket for e in t), key=lambda e: e.time)
    horizon = None
    if data.draw(st.booleans()):
        horizon = START + dt.timedelta(minutes=data.draw(st.integers(0, 12000)))
    log, simulation = as_log(events, horizon)
    until = horizon or max(e.time for e in events)
    audit = Audit(MATRIX, horizon=until)
    deviations: list[Deviation] = list(audit.run(log))
    # SPEC asks for no late, premature, backward, skipped-level or wrong-start; the replay
    # never leaves its path, never comes back to a level and obeys every trigger at once,
    # so there is no deviation of any kind
    assert deviations == [], [d.to_record() for d in deviations]
    assert audit.counts.tickets == simulation.counts.tickets
