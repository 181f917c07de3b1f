"""Generate a canonical ticket log of N tickets for matrices/call-center.yaml.

    python benchmarks/generate_log.py 100000 -o /tmp/tickets.csv [--seed 1]

Tickets open through the day and week (more during office hours) over about a day per 1,500
tickets; each gets a category and priority, and some of: a manager request or other trigger
events, pauses, a priority change, a manual escalation, resolution, reopening and closing.
Rows are written in time order, as a ticketing system exports them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import heapq
import random
import sys
from collections.abc import Iterator

CATEGORIES = [
    "product-complaint",
    "product-question",
    "order-status",
    "billing",
    "account-access",
    "follow-up-call",
    "it-request",
    "training-request",
]
WEIGHTS = [20, 18, 16, 14, 10, 8, 8, 6]
PRIORITIES = ["P1", "P2", "P3", "P4"]
TRIGGER_EVENTS = [
    "manager_requested",
    "rep_cannot_resolve",
    "solution_failed",
    "formal_complaint",
    "privacy_risk",
    "refund_requested",
    "negative_review",
]
START = dt.datetime(2026, 1, 5, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def ticket_rows(
    number: int, rng: random.Random, opened: dt.datetime
) -> list[tuple[dt.datetime, list[str]]]:
    ticket = f"T{number:07d}"
    rows: list[tuple[dt.datetime, list[str]]] = []
    category = rng.choices(CATEGORIES, WEIGHTS)[0]
    priority = rng.choices(PRIORITIES, [3, 12, 70, 15])[0]
    channel = rng.choice(["phone", "chat", "email"])
    at = opened

    def add(name: str, priority_value: str = "", level: str = "") -> None:
        rows.append(
            (
                at,
                [
                    ticket,
                    at.isoformat(timespec="seconds"),
                    name,
                    category,
                    priority_value,
                    channel,
                    level,
                    "agent",
                ],
            )
        )

    add("created", priority)
    for _ in range(rng.choices([0, 1, 2, 3], [40, 35, 18, 7])[0]):
        at += dt.timedelta(minutes=rng.expovariate(1 / 40))
        roll = rng.random()
        if roll < 0.45:
            add(rng.choice(TRIGGER_EVENTS))
        elif roll < 0.65:
            add("paused")
            at += dt.timedelta(minutes=rng.expovariate(1 / 90))
            add("resumed")
        elif roll < 0.8:
            add("priority_changed", rng.choice(PRIORITIES))
        else:
            add("escalated", level=rng.choice(["", "L3", "L4"]))
    at += dt.timedelta(minutes=rng.lognormvariate(4.0, 1.3))
    if rng.random() < 0.92:
        add("resolved")
        if rng.random() < 0.07:
            at += dt.timedelta(hours=rng.expovariate(1 / 20))
            add("reopened")
            at += dt.timedelta(minutes=rng.lognormvariate(3.5, 1.0))
            add("resolved")
        at += dt.timedelta(hours=rng.uniform(1, 72))
        add("closed")
    return rows


def opening_times(count: int, rng: random.Random) -> Iterator[dt.datetime]:
    """Arrivals, busier on weekdays 08-20."""
    at = START
    for _ in range(count):
        busy = at.weekday() < 5 and 8 <= at.hour < 20
        at += dt.timedelta(seconds=rng.expovariate(1 / (35 if busy else 140)))
        yield at


def generate(count: int, seed: int, out: object) -> int:
    rng = random.Random(seed)
    writer = csv.writer(out, lineterminator="\n")  # type: ignore[arg-type]
    writer.writerow(
        ["ticket", "time", "event", "category", "priority", "channel", "level", "actor"]
    )
    pending: list[tuple[dt.datetime, int, list[str]]] = []
    sequence = written = 0
    for number, opened in enumerate(opening_times(count, rng), 1):
        while pending and pending[0][0] <= opened:
            writer.writerow(heapq.heappop(pending)[2])
            written += 1
        for at, row in ticket_rows(number, rng, opened):
            sequence += 1
            heapq.heappush(pending, (at, sequence, row))
    while pending:
        writer.writerow(heapq.heappop(pending)[2])
        written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tickets", type=int)
    parser.add_argument("-o", "--output", default="-")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.output == "-":
        rows = generate(args.tickets, args.seed, sys.stdout)
    else:
        with open(args.output, "w", newline="", encoding="utf-8") as out:
            rows = generate(args.tickets, args.seed, out)
    print(f"{args.tickets} tickets, {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
