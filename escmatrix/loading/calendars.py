"""A matrix's calendars, built with their public holidays (SPEC section 3).

The arithmetic is :mod:`escmatrix.calendars`; this module gives its business calendars
their holidays: the ``holidays`` package's public holidays of a country (and subdivision),
year by year, kept in a cache file in the user's cache folder
(:mod:`escmatrix.loading.holiday_cache`): a year read back costs microseconds, importing the
package a tenth of a second or more.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from escmatrix.calendars import AlwaysCalendar, BusinessCalendar, WorkCalendar, dates_of_year, zone
from escmatrix.model import ALWAYS, CalendarDef

if TYPE_CHECKING:
    from escmatrix.model import Matrix

__all__ = ["PublicHolidays", "build_calendar", "calendars_for"]


class PublicHolidays:
    """A country's public holidays from the ``holidays`` package, year by year, the years
    already worked out kept in a cache file. A country the package does not know raises
    ``ValueError`` here (the file only holds known ones)."""

    def __init__(self, country: str, subdivision: str | None) -> None:
        from escmatrix.loading import holiday_cache

        self.country, self.subdivision = country, subdivision
        self._source: Any = None  # the holidays object, made when a year is not on file
        self._file = holiday_cache.cache_file("holiday-dates.json")
        self._key = holiday_cache.package_key()
        self._name = f"{country}|{subdivision or ''}"
        entries = holiday_cache.read(self._file, self._key) if self._key else {}
        on_file = entries.get(self._name)
        self._years: dict[int, frozenset[dt.date]] = {}
        if isinstance(on_file, dict):
            with contextlib.suppress(ValueError, TypeError):
                self._years = {
                    int(year): frozenset(dt.date.fromisoformat(day) for day in days)
                    for year, days in on_file.items()
                }
        else:
            self._load()  # checks the country and subdivision now, not mid-replay
            self._save()

    def _load(self) -> Any:
        if self._source is None:
            import holidays  # heavy: only for a year not on file

            try:
                self._source = holidays.country_holidays(self.country, subdiv=self.subdivision)
            except NotImplementedError as error:
                raise ValueError(f"calendar holidays: {error}") from None
        return self._source

    def _save(self) -> None:
        from escmatrix.loading import holiday_cache

        if not self._key:
            return
        entries = holiday_cache.read(self._file, self._key)  # another calendar's years too
        entries[self._name] = {
            str(year): sorted(day.isoformat() for day in days) for year, days in self._years.items()
        }
        holiday_cache.write(self._file, self._key, entries)

    def year(self, year: int) -> frozenset[dt.date]:
        """The holidays of ``year``."""
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = dates_of_year(self._load(), year)
            self._save()
        return found


@lru_cache(maxsize=64)
def build_calendar(definition: CalendarDef) -> BusinessCalendar:
    """The calendar a matrix defines. Calendars are cached by definition, so their cached
    days are shared by every simulation of the same matrix in one process."""
    spec = definition.holidays
    public = PublicHolidays(spec.country, spec.subdivision) if spec.country else None
    return BusinessCalendar(
        definition.id, zone(definition.timezone), definition.week, public, spec.dates
    )


def calendars_for(matrix: Matrix) -> dict[str, WorkCalendar]:
    """Every calendar of ``matrix`` by id, plus the built-in ``always`` in its zone."""
    found: dict[str, WorkCalendar] = {c.id: build_calendar(c) for c in matrix.calendars}
    found[ALWAYS] = AlwaysCalendar(zone(matrix.timezone))
    return found
