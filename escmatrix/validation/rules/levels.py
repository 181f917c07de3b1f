"""Levels, windows and paths: timelines that make sense and levels that can be reached."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from escmatrix.durations import (
    DURATION_RANGE,
    Duration,
    DurationRangeError,
    Window,
    check_range,
    format_duration,
    format_window,
)
from escmatrix.findings import Issue
from escmatrix.model import Level, Matrix
from escmatrix.validation.registry import Context, register


def _windows(level: Level) -> Iterator[tuple[tuple[str, ...], Window]]:
    """(path suffix, window) for the default window and every per-priority one."""
    if level.window.by_priority:
        yield ("window", "default"), level.window.default
        for key, window in level.window.by_priority:
            yield ("window", key), window
    else:
        yield ("window",), level.window.default


@register("window-min-over-max", "error", "A window's minimum is longer than its maximum.")
def window_min_over_max(ctx: Context) -> Iterator[Issue]:
    for index, level in enumerate(ctx.matrix.levels):
        for suffix, window in _windows(level):
            low, high = window.min, window.max
            if low is not None and high is not None and low > high:
                yield Issue(
                    "window-min-over-max",
                    ("levels", index, *suffix),
                    f"minimum {format_duration(low)} is longer than"
                    f" maximum {format_duration(high)}",
                )


def approximate_seconds(matrix: Matrix, level: Level, duration: Duration) -> float:
    """A duration in seconds of working time; business days count as the average working
    day of the level's calendar (a whole day on the 24x7 calendar)."""
    if not duration.is_business:
        return float(duration.seconds)
    calendar = matrix.calendar_by_id.get(matrix.level_calendar(level))
    day = 86400.0
    if calendar is not None:
        working_days = [d for d in calendar.week if d]
        if working_days:
            day = 60.0 * calendar.working_minutes_per_week / len(working_days)
    return float(duration.business_days) * day


_DAY = 86400


@register(
    "day-on-business-calendar",
    "warning",
    "A window in days (1d = 24 hours of working time) on a business calendar: 1bd was meant?",
)
def day_on_business_calendar(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    for index, level in enumerate(m.levels):
        working_day = m.working_day_seconds(level)
        if not working_day or working_day >= _DAY:  # 24x7, or open all day: 1d is one day
            continue
        calendar = m.level_calendar(level)
        for suffix, window in _windows(level):
            days = [d for d in (window.min, window.max) if d is not None and not d.is_business]
            if not days or any(d.seconds % _DAY or not d.seconds for d in days):
                continue
            written = format_window(window)
            meant = format_window(
                Window(
                    *(
                        None if d is None else Duration(business_days=Fraction(d.seconds, _DAY))
                        for d in (window.min, window.max)
                    )
                )
            )
            longest = days[-1].seconds
            yield Issue(
                "day-on-business-calendar",
                ("levels", index, *suffix),
                f"{written} on the {calendar} calendar is {longest // 3600} hours of working"
                f" time, about {longest / working_day:.1f} working days of"
                f" {format_duration(Duration(seconds=working_day))}; did you mean {meant}?",
            )


@register(
    "timeline-shrinks",
    "warning",
    "A level's maximum window is shorter than the previous level's (timelines should grow).",
)
def timeline_shrinks(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    previous: tuple[Level, Duration] | None = None
    for index, level in enumerate(m.levels):
        high = level.window.default.max
        if high is None:
            continue
        if previous is not None:
            before_level, before = previous
            if approximate_seconds(m, level, high) < approximate_seconds(m, before_level, before):
                suffix = ("window", "default") if level.window.by_priority else ("window",)
                yield Issue(
                    "timeline-shrinks",
                    ("levels", index, *suffix),
                    f"{level.id} allows at most {format_duration(high)}, less than the"
                    f" {format_duration(before)} of {before_level.id} below it",
                )
        previous = (level, high)


@register(
    "unreachable-level",
    "warning",
    "A level with no maximum is not the last of a path: time never moves a ticket past it.",
)
def unreachable_level(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    stuck: dict[str, list[str]] = {}
    for category in m.categories:
        path = [level_id for level_id in m.path(category) if level_id in m.level_by_id]
        for position, level_id in enumerate(path[:-1]):
            if m.level_by_id[level_id].window.default.is_resolution:
                stuck.setdefault(level_id, []).append(
                    f"{category.id} ({', '.join(path[position + 1 :])})"
                )
                break
    for level_id, where in stuck.items():
        index = ctx.level_rows[level_id]
        yield Issue(
            "unreachable-level",
            ("levels", index, "window"),
            f"{level_id} waits for resolution, so time never moves tickets on to the levels"
            f" after it in {'; '.join(where)}",
        )


@register("path-out-of-order", "error", "A category's path repeats a level or goes down.")
def path_out_of_order(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    for index, category in enumerate(m.categories):
        highest: tuple[int, str] | None = None
        for j, level_id in enumerate(category.path or ()):
            rank = m.level_index.get(level_id)
            if rank is None:
                continue
            if highest is not None and rank <= highest[0]:
                message = (
                    f"path lists {level_id} twice"
                    if rank == highest[0]
                    else f"{level_id} comes after {highest[1]} but is a lower level"
                )
                yield Issue("path-out-of-order", ("categories", index, "path", j), message)
            else:
                highest = (rank, level_id)


@register(
    "level-without-contacts", "warning", "A ticket can reach a level where nobody is contacted."
)
def level_without_contacts(ctx: Context) -> Iterator[Issue]:
    m = ctx.matrix
    for index, level in enumerate(m.levels):
        if level.contacts:
            continue
        bare = [c.id for c in m.categories if level.id in m.path(c) and not c.contacts_at(level.id)]
        if bare:
            yield Issue(
                "level-without-contacts",
                ("levels", index),
                f"nobody is contacted when a ticket of {', '.join(bare)} reaches {level.id}",
            )


@register(
    "out-of-range",
    "error",
    "A window or scale beyond what the calendars compute: over 3,660 days or 2,610 business"
    " days (also once a priority scales it), or a scale that is not a finite number.",
)
def out_of_range(ctx: Context) -> Iterator[Issue]:
    """Windows are read with the bound (a longer one is reported where it is written);
    here, a priority's scale that makes a level's window too long."""
    m = ctx.matrix
    for priority in m.priorities:
        if priority.scale is None or priority.scale <= 1:
            continue
        for level in m.levels:
            window = m.window(level, priority.id)
            try:
                for bound in (window.min, window.max):
                    if bound is not None:
                        check_range(bound)
            except DurationRangeError:
                yield Issue(
                    "out-of-range",
                    ("priorities", priority.id, "scale"),
                    f"scale {float(priority.scale):g} makes {level.id}'s window"
                    f" {format_window(level.window.default)} longer than escmatrix computes:"
                    f" {DURATION_RANGE}",
                )
                break
