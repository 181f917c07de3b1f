"""The working-time arithmetic checked against an independent library, ``businesstimedelta``
(a test-only dependency; an oracle we did not write), on thousands of random cases.

businesstimedelta walks working periods one at a time with pytz zones, so it is slow but
simple. Its limits decide what is compared here:

- it cannot express a segment ending at 24:00, and its overnight rules miss the part of a
  shift after midnight, so no calendar here works across midnight (the property tests
  cover those);
- ``Rule.difference`` drops microseconds, so instants and amounts are whole seconds;
- it localises wall times with pytz's ``is_dst=False``, which differs from zoneinfo's
  ``fold=0`` only inside the repeated or skipped hour, so segments stay clear of 02:00-03:00
  in the DST zones. Away from that hour it counts real time across DST changes as we do,
  so Rome and New York cases include the DST weekends.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

import businesstimedelta
import holidays
import pytest
import pytz

from escmatrix.calendars import BusinessCalendar
from escmatrix.loading.matrix import expand_days, parse_segment
from tests.unit.test_calendars import calendar

UTC = dt.timezone.utc
CASES = 800
YEARS = range(2024, 2030)

# Extra closed days, the same for both sides (yearly, so that businesstimedelta always
# finds a next holiday within its five-year look-ahead).
LISTED = tuple(f"{year}-{md}" for year in YEARS for md in ("08-14", "12-24", "12-31"))


def _closed_days(country: str | None, subdivision: str | None, listed: Iterable[str]) -> set:
    """Holidays as a set of dates: what businesstimedelta tests day by day."""
    found = {dt.date.fromisoformat(text) for text in listed}
    if country:
        found |= set(holidays.country_holidays(country, subdiv=subdivision, years=YEARS))
    return found


# Zones without DST since long before the cases: businesstimedelta gets a fixed offset
# (cheaper, and one step further from zoneinfo).
FIXED = {"UTC": pytz.utc, "Asia/Kolkata": pytz.FixedOffset(330)}


def oracle(week: dict[str, list[str]], tz: str, closed: set[dt.date]) -> businesstimedelta.Rules:
    zone = FIXED.get(tz) or pytz.timezone(tz)
    rules: list[businesstimedelta.Rule] = []
    for key, texts in week.items():
        for text in texts:
            segment = parse_segment(text)
            rules.append(
                businesstimedelta.WorkDayRule(
                    start_time=dt.time(*divmod(segment.start, 60)),
                    end_time=dt.time(*divmod(segment.end, 60)),
                    working_days=expand_days(key),
                    tz=zone,
                )
            )
    if closed:
        rules.append(businesstimedelta.HolidayRule(closed, tz=zone))
    return businesstimedelta.Rules(rules)


# id: (week, zone, country, subdivision, listed dates)
SETUPS = {
    "utc-lunch-saturday-it": (
        {"mon-fri": ["09:00-13:00", "14:00-18:00"], "sat": ["09:00-12:00"]},
        "UTC",
        "IT",
        None,
        LISTED,
    ),
    "kolkata-fixed-offset-in": (
        {"mon-sat": ["09:30-13:30", "14:15-18:30"]},
        "Asia/Kolkata",
        "IN",
        None,
        LISTED,
    ),
    "rome-dst-it": (
        {"mon-thu": ["08:00-12:30", "13:30-17:00"], "fri": ["08:00-14:00"]},
        "Europe/Rome",
        "IT",
        "RM",
        LISTED,
    ),
    "new-york-dst-us": (
        {"mon-fri": ["08:00-17:00"], "sun": ["10:00-14:00"]},
        "America/New_York",
        "US",
        "NY",
        (),
    ),
}


@pytest.fixture(scope="module", params=sorted(SETUPS))
def pair(request: pytest.FixtureRequest) -> tuple[BusinessCalendar, businesstimedelta.Rules]:
    week, tz, country, subdivision, listed = SETUPS[request.param]
    ours = calendar(
        {key: list(texts) for key, texts in week.items()},
        tz,
        country=country,
        subdivision=subdivision,
        dates=listed,
        id=request.param,
    )
    return ours, oracle(week, tz, _closed_days(country, subdivision, listed))


def random_instant(rng: random.Random) -> dt.datetime:
    start = dt.datetime(2025, 1, 1, tzinfo=UTC)
    if rng.random() < 0.3:  # near a DST change in Europe or the US
        change = rng.choice(
            [
                dt.datetime(2025, 3, 30, 1, tzinfo=UTC),
                dt.datetime(2025, 10, 26, 1, tzinfo=UTC),
                dt.datetime(2026, 3, 8, 7, tzinfo=UTC),
                dt.datetime(2026, 11, 1, 6, tzinfo=UTC),
            ]
        )
        return change + dt.timedelta(seconds=rng.randint(-4 * 86_400, 2 * 86_400))
    return start + dt.timedelta(seconds=rng.randint(0, 2 * 365 * 86_400))


def random_amount(rng: random.Random) -> dt.timedelta:
    kind = rng.random()
    if kind < 0.1:
        return dt.timedelta(hours=rng.choice([0, 1, 4, 8, 9, 24, 40]))
    if kind < 0.6:
        return dt.timedelta(seconds=rng.randint(0, 10 * 3600))
    return dt.timedelta(seconds=rng.randint(0, 150 * 3600))


def test_add_working_matches_businesstimedelta(
    pair: tuple[BusinessCalendar, businesstimedelta.Rules],
) -> None:
    ours, theirs = pair
    rng = random.Random(f"add {ours.id}")
    wrong = []
    for _ in range(CASES):
        start, amount = random_instant(rng), random_amount(rng)
        expected = businesstimedelta.BusinessTimeDelta(theirs, timedelta=amount) + start
        found = ours.add_working(start, amount)
        if found.astimezone(UTC) != expected.astimezone(UTC):
            wrong.append((start, amount, found, expected))
    assert not wrong, f"{len(wrong)} of {CASES} differ, e.g. {wrong[:3]}"


def test_working_time_matches_businesstimedelta(
    pair: tuple[BusinessCalendar, businesstimedelta.Rules],
) -> None:
    ours, theirs = pair
    rng = random.Random(f"between {ours.id}")
    wrong = []
    for _ in range(CASES):
        start = random_instant(rng)
        end = start + dt.timedelta(seconds=rng.randint(0, 12 * 86_400))
        expected = theirs.difference(start, end).timedelta
        found = ours.working_time(start, end)
        if found != expected:
            wrong.append((start, end, found, expected))
    assert not wrong, f"{len(wrong)} of {CASES} differ, e.g. {wrong[:3]}"
