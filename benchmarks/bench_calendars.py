"""How fast the working-time arithmetic is (escmatrix/calendars.py).

    python benchmarks/bench_calendars.py [--runs 5]

On a Europe/Rome office calendar (Monday to Friday 09:00-13:00 and 14:00-18:00, Saturday
09:00-12:00, Italian public holidays plus a listed day), each case prints the median of
--runs runs:

- adding 1,000 business days, and 10,000 working hours, to a start in January 2026:
  "cold" on a new calendar (every date's segments and holiday lookups computed on the way),
  "warm" on a calendar that has done the same sum before (its caches filled);
- 100,000 same-day `add_working` calls (starts through a week of mornings, 1 to 4 hours);
- 100,000 `working_time` calls (spans from minutes to two weeks, in 2026);
- the same 100,000 calls through the microsecond API (`add_working_us`, `working_us`),
  which the simulation engine uses.

The engine calls `add` and `working_time` once or twice per ticket event, so the last two
figures are what a simulation pays per call. No timed assertions: the figures go in the
README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe

from escmatrix.calendars import BusinessCalendar
from escmatrix.loading.calendars import build_calendar
from escmatrix.loading.matrix import parse_segment
from escmatrix.model import CalendarDef, HolidaySpec

ROME = "Europe/Rome"


def office_definition() -> CalendarDef:
    weekday = (parse_segment("09:00-13:00"), parse_segment("14:00-18:00"))
    saturday = (parse_segment("09:00-12:00"),)
    return CalendarDef(
        id="office",
        timezone=ROME,
        week=(weekday,) * 5 + (saturday, ()),
        holidays=HolidaySpec("IT", None, (dt.date(2026, 8, 14),)),
    )


def fresh_calendar() -> BusinessCalendar:
    """A calendar with empty caches (build_calendar itself caches by definition)."""
    return build_calendar.__wrapped__(office_definition())


def median_seconds(work: Callable[[], object], runs: int, setup: Callable[[], None]) -> float:
    samples = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def show(label: str, seconds: float, calls: int = 1) -> None:
    per_call = f"  ({seconds / calls * 1e6:.2f} µs per call)" if calls > 1 else ""
    print(f"  {label:<44} {seconds * 1e3:9.3f} ms{per_call}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    zone = fresh_calendar().tz
    start = dt.datetime(2026, 1, 7, 10, 15, tzinfo=zone)
    state: dict[str, BusinessCalendar] = {}

    def new() -> None:
        state["cal"] = fresh_calendar()

    def keep() -> None:
        state.setdefault("cal", fresh_calendar())

    print(f"Machine: {describe()}")
    print(f"Calendar: {ROME}, Mon-Fri 09:00-13:00 14:00-18:00, Sat 09:00-12:00, IT holidays")
    print(f"Median of {runs} runs:")
    for label, work in (
        ("1,000 business days", lambda: state["cal"].add_business_days(start, 1000)),
        (
            "10,000 working hours",
            lambda: state["cal"].add_working(start, dt.timedelta(hours=10_000)),
        ),
    ):
        show(f"{label}, cold", median_seconds(work, runs, new))
        state.clear()
        keep()
        work()
        show(f"{label}, warm", median_seconds(work, runs, keep))

    rng = random.Random(1)
    monday = dt.datetime(2026, 3, 2, 9, 0, tzinfo=zone)
    same_day = [
        (
            monday + dt.timedelta(days=rng.randrange(5), minutes=rng.randrange(0, 60)),
            dt.timedelta(minutes=rng.randrange(60, 240)),
        )
        for _ in range(100_000)
    ]
    cal = fresh_calendar()
    for begin, amount in same_day:  # the results really are on the same day
        assert cal.add_working(begin, amount).date() == begin.date()

    def adds() -> None:
        add_working = cal.add_working
        for begin, amount in same_day:
            add_working(begin, amount)

    show("100,000 same-day add_working", median_seconds(adds, runs, lambda: None), 100_000)

    year = dt.datetime(2026, 1, 1, tzinfo=zone)
    spans = []
    for _ in range(100_000):
        begin = year + dt.timedelta(seconds=rng.randrange(360 * 86_400))
        spans.append((begin, begin + dt.timedelta(seconds=rng.randrange(14 * 86_400))))

    def measures() -> None:
        working_time = cal.working_time
        for begin, end in spans:
            working_time(begin, end)

    measures()  # fill the year's day cache once
    show(
        "100,000 working_time (spans up to 2 weeks)",
        median_seconds(measures, runs, lambda: None),
        100_000,
    )

    # the same on microseconds since the epoch, as the simulation engine calls them
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    tick = dt.timedelta(microseconds=1)
    same_day_us = [((b - epoch) // tick, a // tick) for b, a in same_day]
    spans_us = [((b - epoch) // tick, (e - epoch) // tick) for b, e in spans]

    def adds_us() -> None:
        add_working_us = cal.add_working_us
        for begin, amount in same_day_us:
            add_working_us(begin, amount)

    def measures_us() -> None:
        working_us = cal.working_us
        for begin, end in spans_us:
            working_us(begin, end)

    show("100,000 same-day add_working_us", median_seconds(adds_us, runs, lambda: None), 100_000)
    show("100,000 working_us", median_seconds(measures_us, runs, lambda: None), 100_000)


if __name__ == "__main__":
    main()
