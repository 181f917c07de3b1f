# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, infer_types=True
"""The compiled replay: a canonical CSV log, the engine and JSON Lines out, in one loop.

The same replay as ``read_events`` -> :class:`~escmatrix.simulation.engine.Simulation` ->
:class:`~escmatrix.output.simulation.JsonLinesSink` and :class:`Summary`, record for record
and byte for byte (tests compare the two on generated and real logs), without a Python
object per event, timer or record: a quote-free CSV line is split into byte spans here
(``CsvSource``), tickets are C structs, timers a C heap, times whole microseconds parsed
from the bytes, and each record is written as text straight from them.

What stays in Python is what is rare or needs the matrix: a level's window, contacts and
sentences are worked out once per step by the Python engine (``Simulation._step`` and
friends) and kept here by number; a business calendar's days are copied from the calendar
(``BusinessDays``); quoted records go to ``csv.reader``; bad rows, unusual time formats
and unusual events take the Python engine's own code. The driver in ``fast.py`` decides
when this path applies.
"""

from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcmp, memcpy, memmove, memset
from cpython.object cimport PyObject
from cpython.bytes cimport PyBytes_FromStringAndSize
from cpython.unicode cimport PyUnicode_AsUTF8AndSize, PyUnicode_DecodeUTF8

import datetime as dt
import os
from json.encoder import encode_basestring as _quote

from escmatrix.limits import DISTINCT_NAMES, FIRST_YEAR, LAST_YEAR, LOG_LINE_CHARS, RUN_ROWS
from escmatrix.loading.logs import MISSING_EVENT, MISSING_TICKET, LineTooLong, time_problem
from escmatrix.simulation.engine import LogOrderError, _Step, to_us
from escmatrix.simulation.events import (
    CLOSED, CREATED, ESCALATED, PAUSED, PRIORITY_CHANGED, REOPENED, RESOLVED, RESUMED, Event,
)
from escmatrix.calendars import AlwaysCalendar, BusinessCalendar
from escmatrix.model import Escalate

cdef int64_t US = 1000000
cdef int64_t DAY_US = 86400 * US
cdef int64_t HOUR_US = 3600 * US
cdef int64_t NONE = -(2 ** 62) - 1  # "no such instant" (deadline, pause)
cdef int64_t BEFORE_ALL = -(2 ** 62)
cdef int FIRST = FIRST_YEAR, LAST = LAST_YEAR  # times outside: the Python way, which refuses
cdef Py_ssize_t LINE_LIMIT = LOG_LINE_CHARS

# event codes
cdef enum:
    E_CREATED, E_ESCALATED, E_PRIORITY, E_PAUSED, E_RESUMED, E_RESOLVED, E_CLOSED,
    E_REOPENED, E_UNKNOWN, E_TRIGGER  # E_TRIGGER + n: the n-th trigger event name seen

cdef dict _HANDLED = {
    CREATED: E_CREATED, ESCALATED: E_ESCALATED, PRIORITY_CHANGED: E_PRIORITY,
    PAUSED: E_PAUSED, RESUMED: E_RESUMED, RESOLVED: E_RESOLVED, CLOSED: E_CLOSED,
    REOPENED: E_REOPENED,
}


# --------------------------------------------------------------------------- calendar days

cdef inline int64_t days_from_civil(int64_t y, int m, int d) noexcept:
    y -= m <= 2
    cdef int64_t era = (y if y >= 0 else y - 399) // 400
    cdef int64_t yoe = y - era * 400
    cdef int64_t doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    cdef int64_t doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


cdef inline void civil_from_days(int64_t z, int* y, int* m, int* d) noexcept:
    z += 719468
    cdef int64_t era = (z if z >= 0 else z - 146096) // 146097
    cdef int64_t doe = z - era * 146097
    cdef int64_t yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    cdef int64_t doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    cdef int64_t mp = (5 * doy + 2) // 153
    d[0] = <int>(doy - (153 * mp + 2) // 5 + 1)
    m[0] = <int>(mp + 3 if mp < 10 else mp - 9)
    y[0] = <int>(yoe + era * 400 + (m[0] <= 2))


cdef inline int64_t floordiv(int64_t a, int64_t b) noexcept:
    cdef int64_t q = a // b
    if (a % b != 0) and ((a < 0) != (b < 0)):
        q -= 1
    return q


cdef inline int digits(const char* s, int n) noexcept:
    """The value of n ASCII digits, or -1 if one is not a digit."""
    cdef int value = 0, i, c
    for i in range(n):
        c = s[i] - 48
        if c < 0 or c > 9:
            return -1
        value = value * 10 + c
    return value


cdef int DAYS_IN_MONTH[13]
DAYS_IN_MONTH[:] = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


cdef bint parse_iso(const char* s, Py_ssize_t n, int64_t* out, int* offset_out) noexcept:
    """``YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM)`` (UTF-8, ``n`` bytes) to microseconds and
    the offset it was written with, in seconds; False for anything else (which then goes
    the Python way: fromisoformat and the reader's other forms)."""
    cdef int micro = 0, offset = 0, rest
    if n != 20 and n != 25 and n != 27 and n != 32:
        return False
    if s[4] != 45 or s[7] != 45 or s[10] != 84 or s[13] != 58 or s[16] != 58:
        return False
    cdef int year = digits(s, 4), month = digits(s + 5, 2), day = digits(s + 8, 2)
    cdef int hour = digits(s + 11, 2), minute = digits(s + 14, 2), second = digits(s + 17, 2)
    if year < FIRST or year > LAST or month < 1 or month > 12 or day < 1 or hour < 0 or hour > 23:
        return False
    if minute < 0 or minute > 59 or second < 0 or second > 59:
        return False
    if day > DAYS_IN_MONTH[month] or (
        month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
    ):
        return False
    rest = 19
    if n == 27 or n == 32:
        if s[19] != 46:
            return False
        micro = digits(s + 20, 6)
        if micro < 0:
            return False
        rest = 26
    if n - rest == 1:
        if s[rest] != 90:  # Z
            return False
    else:
        if (s[rest] != 43 and s[rest] != 45) or s[rest + 3] != 58:
            return False
        hour_off, minute_off = digits(s + rest + 1, 2), digits(s + rest + 4, 2)
        if hour_off < 0 or hour_off > 23 or minute_off < 0 or minute_off > 59:
            return False
        offset = hour_off * 3600 + minute_off * 60
        if s[rest] == 45:
            offset = -offset
    cdef int64_t seconds = days_from_civil(year, month, day) * 86400
    seconds += hour * 3600 + minute * 60 + second - offset
    out[0] = seconds * US + micro
    offset_out[0] = offset
    return True


# --------------------------------------------------------------------------- text buffer

cdef class Buffer:
    """UTF-8 text gathered in C and handed to a text stream 256 KiB at a time: as bytes to
    the file under it when it is a UTF-8 file whose lines end in "\\n", else as text."""

    cdef char* data
    cdef Py_ssize_t size, capacity
    cdef object stream, binary

    def __cinit__(self, stream):
        self.capacity = 1 << 18
        self.data = <char*>malloc(self.capacity)
        if self.data == NULL:
            raise MemoryError()
        self.size = 0
        self.stream = stream
        self.binary = None
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8") and os.linesep == "\n" and hasattr(stream, "buffer"):
            self.binary = stream.buffer

    def __dealloc__(self):
        free(self.data)

    cdef int reserve(self, Py_ssize_t extra) except -1:
        cdef char* grown
        if self.size + extra <= self.capacity:
            return 0
        self.flush()
        if extra > self.capacity:
            grown = <char*>realloc(self.data, extra)
            if grown == NULL:
                raise MemoryError()
            self.data, self.capacity = grown, extra
        return 0

    cdef inline int put(self, const char* text, Py_ssize_t n) except -1:
        if self.size + n > self.capacity:
            self.reserve(n)
        memcpy(self.data + self.size, text, n)
        self.size += n
        return 0

    cdef inline int put_bytes(self, bytes text) except -1:
        return self.put(text, len(text))

    cdef int flush(self) except -1:
        if self.size and self.binary is not None:
            self.stream.flush()  # whatever the sink wrote as text goes first
            self.binary.write(PyBytes_FromStringAndSize(self.data, self.size))
        elif self.size and self.stream is not None:
            self.stream.write(PyUnicode_DecodeUTF8(self.data, self.size, NULL))
        self.size = 0
        return 0


cdef inline void put2(char* p, int v) noexcept:
    p[0] = 48 + v // 10
    p[1] = 48 + v % 10


# --------------------------------------------------------------------------- CSV rows

cdef enum:
    R_END, R_SIMPLE, R_QUOTED, R_FAILED  # what CsvSource.scan found

cdef Py_ssize_t CHUNK = 1 << 15  # bytes of lines read at a time


cdef struct Span:
    const char* p
    Py_ssize_t n  # -1: no such cell (None in csv.reader's padded row)


cdef inline bint is_blank(unsigned char c) noexcept:
    """ASCII whitespace as ``str.isspace`` sees it."""
    return c == 32 or 9 <= c <= 13 or 28 <= c <= 31


cdef inline bint strip_span(Span* s) noexcept:
    """Trim ``s`` as ``str.strip()`` would; False when a non-ASCII byte ends up at either end
    (it may be Unicode whitespace: ``str.strip()`` must decide)."""
    while s.n > 0 and is_blank(<unsigned char>s.p[0]):
        s.p += 1
        s.n -= 1
    while s.n > 0 and is_blank(<unsigned char>s.p[s.n - 1]):
        s.n -= 1
    return s.n == 0 or (<unsigned char>s.p[0] < 128 and <unsigned char>s.p[s.n - 1] < 128)


cdef class CsvSource:
    """The lines of a CSV log after its header, read from its text stream a chunk at a time
    and kept as UTF-8.

    A record that is one line with no quote (nearly all of them) is split into cells here,
    as byte spans. Any other (a quote, a lone carriage return, a NUL, a line longer than
    the field limit) is left to ``csv.reader``, which reads it line by line from this object
    (``__next__``) as it would from the file. So every row is the one ``csv.reader`` gives,
    and ``lines`` counts lines as its ``line_num`` does.

    A read error (bad bytes, a compressed file cut short) is kept until the lines read
    before it are used, then reported at the line it cuts (``R_FAILED``), or raised to
    ``csv.reader`` when it is reading."""

    cdef object text
    cdef object error
    cdef object errors
    cdef char* buf
    cdef Py_ssize_t start, end, capacity, next_start, limit
    cdef bint eof, splits
    cdef public bint exhausted  # csv.reader was told the lines had ended
    cdef int64_t lines
    cdef unsigned char special[256]
    cdef unsigned char delimiter
    cdef int width, cells
    cdef Py_ssize_t* bounds  # start and end offsets of the first ``width`` cells

    def __cinit__(self):
        self.buf = NULL
        self.bounds = NULL

    def __dealloc__(self):
        free(self.buf)
        free(self.bounds)

    def __init__(self, text, rows, int width, errors):
        """``text``: the stream the header was read from; ``rows``: the ``csv.reader`` that
        read it (its dialect and line count); ``width``: the header's cells."""
        import csv

        self.text = text
        self.errors = errors
        self.error = None
        self.lines = rows.line_num
        self.width = width
        self.limit = csv.field_size_limit()
        self.capacity = 1 << 16
        self.buf = <char*>malloc(self.capacity)
        self.bounds = <Py_ssize_t*>malloc((2 * width + 2) * sizeof(Py_ssize_t))
        if self.buf == NULL or self.bounds == NULL:
            raise MemoryError()
        self.start = self.end = 0
        self.eof = False
        self.exhausted = False
        d = rows.dialect
        delimiter = d.delimiter
        # split here only under the dialect the log is read with by default
        self.splits = (
            d.quotechar == '"' and d.escapechar is None and d.doublequote
            and not d.skipinitialspace and not d.strict and d.quoting == csv.QUOTE_MINIMAL
            and len(delimiter) == 1 and ord(delimiter) < 128 and delimiter not in '"\r\n\0'
        )
        memset(self.special, 0, 256)
        for c in (10, 13, 34, 0):
            self.special[c] = 1
        self.delimiter = ord(delimiter) if self.splits else 0
        if self.splits:
            self.special[self.delimiter] = 1

    cdef int refill(self) except -1:
        """Read lines after what is left, about CHUNK bytes of them; at the end or on a
        read error, ``eof``. The stream is read line by line, as ``csv.reader`` reads it:
        a read error loses no line read before it."""
        cdef Py_ssize_t n = 0, added = 0
        cdef const char* data
        cdef char* grown
        if self.eof:
            return 0
        if self.start:
            memmove(self.buf, self.buf + self.start, self.end - self.start)
            self.end -= self.start
            self.start = 0
        readline = self.text.readline
        while added < CHUNK:
            try:
                line = readline(LINE_LIMIT + 1)  # bounded, as the Python reader's Lines
                if len(line) > LINE_LIMIT:
                    raise LineTooLong("\x00" in line)
            except self.errors as error:
                self.error = error
                line = ""
            if not line:
                self.eof = True
                return 0
            data = PyUnicode_AsUTF8AndSize(line, &n)
            if self.end + n > self.capacity:
                self.capacity = max(2 * self.capacity, self.end + n)
                grown = <char*>realloc(self.buf, self.capacity)
                if grown == NULL:
                    raise MemoryError()
                self.buf = grown
            memcpy(self.buf + self.end, data, n)
            self.end += n
            added += n
        return 0

    cdef int scan(self) except -1:
        """Look at the record starting at the next line: R_SIMPLE (its cells are in
        ``bounds``, ``cells`` counts them; ``take`` moves past it), R_QUOTED (for
        ``csv.reader``), R_FAILED (a read error cuts it) or R_END."""
        cdef int found
        while True:
            found = self.split()
            if found >= 0:
                return found
            self.refill()

    cdef int split(self) noexcept:
        """``scan`` on what is in the buffer; -1 when the line goes on past it."""
        cdef Py_ssize_t p = self.start, e = self.end, line_end, after
        cdef const unsigned char* b = <const unsigned char*>self.buf
        cdef unsigned char c
        cdef int n = 0, width = self.width
        cdef Py_ssize_t* bounds = self.bounds
        if not self.splits:
            if p == e and not self.eof:
                return -1
            return R_FAILED if p == e and self.error is not None else (
                R_END if p == e else R_QUOTED)
        bounds[0] = p
        while True:
            if p == e:
                if not self.eof:
                    return -1
                if self.error is not None:
                    return R_FAILED  # a line (or nothing) cut short by the error
                if p == self.start:
                    return R_END
                line_end = after = p
                break
            c = b[p]
            if self.special[c]:
                if c == self.delimiter:
                    n += 1
                    if n < width:
                        bounds[2 * n - 1] = p
                        bounds[2 * n] = p + 1
                    elif n == width:
                        bounds[2 * n - 1] = p
                elif c == 10:
                    line_end, after = p, p + 1
                    break
                elif c == 13:
                    if p + 1 == e and not self.eof:
                        return -1
                    if p + 1 < e and b[p + 1] == 10:
                        line_end, after = p, p + 2
                        break
                    return R_QUOTED  # a lone carriage return ends a line: csv.reader's case
                else:
                    return R_QUOTED  # a quote or a NUL
            p += 1
        if line_end - self.start > self.limit:
            return R_QUOTED  # csv.reader tells whether a cell is too long
        if line_end == self.start:
            self.cells = 0
        else:
            self.cells = n + 1
            if n < width:
                bounds[2 * n + 1] = line_end
        self.next_start = after
        return R_SIMPLE

    cdef inline Span cell(self, int index) noexcept:
        """Cell ``index`` of the record ``scan`` split (n -1: past its last cell)."""
        cdef Span s
        if index < 0 or index >= self.cells or index >= self.width:
            s.p = NULL
            s.n = -1
        else:
            s.p = self.buf + self.bounds[2 * index]
            s.n = self.bounds[2 * index + 1] - self.bounds[2 * index]
        return s

    cdef inline void take(self) noexcept:
        """Move past the record ``scan`` split."""
        self.start = self.next_start
        self.lines += 1

    def __iter__(self):
        return self

    def __next__(self):
        """The next line, as the text stream gives it with ``newline=""`` (for csv.reader)."""
        cdef Py_ssize_t p, e, stop
        cdef const char* b
        while True:
            p, e, b = self.start, self.end, self.buf
            stop = -1
            while p < e:
                if b[p] == 10:
                    stop = p + 1
                    break
                if b[p] == 13:
                    if p + 1 < e:
                        stop = p + 2 if b[p + 1] == 10 else p + 1
                    elif self.eof:
                        stop = p + 1
                    break
                p += 1
            if stop < 0:
                if not self.eof:
                    self.refill()
                    continue
                if self.error is not None:
                    raise self.error
                if self.start == self.end:
                    self.exhausted = True
                    raise StopIteration
                stop = self.end
            line = PyUnicode_DecodeUTF8(b + self.start, stop - self.start, NULL)
            self.start = stop
            self.lines += 1
            return line


# --------------------------------------------------------------------------- business days

cdef enum:
    DAY_SLOTS = 2048  # days (and weeks) kept per calendar, by ordinal modulo
    MAX_SPANS = 6     # working spans of a day kept here; a day with more goes to Python

cdef int64_t EPOCH_ORDINAL = 719163  # 1970-01-01; ordinal % 7 == 1 is a Monday
cdef int64_t UNKNOWN = -(2 ** 62) - 2  # "ask the calendar" (a day with many spans)


cdef struct Day:
    int64_t ordinal    # 0: an empty slot
    int64_t first      # the day's first instant
    int64_t last       # the next day's first instant
    int64_t work       # working microseconds of the day
    int n              # its spans, or -1: more than MAX_SPANS
    int64_t spans[2 * MAX_SPANS]


cdef struct Week:
    int64_t monday     # 0: an empty slot
    int64_t work


cdef class BusinessDays:
    """``BusinessCalendar._add_us`` in C, on copies of the calendar's own day and week
    records (asked of the calendar once per day, kept by ordinal)."""

    cdef object calendar
    cdef int64_t offset_guess
    cdef Day* days
    cdef Week* weeks

    def __cinit__(self):
        self.days = NULL
        self.weeks = NULL

    def __dealloc__(self):
        free(self.days)
        free(self.weeks)

    def __init__(self, calendar):
        self.calendar = calendar
        self.offset_guess = calendar._offset_guess
        self.days = <Day*>calloc(DAY_SLOTS, sizeof(Day))
        self.weeks = <Week*>calloc(DAY_SLOTS, sizeof(Week))
        if self.days == NULL or self.weeks == NULL:
            raise MemoryError()

    cdef Day* day(self, int64_t ordinal) except NULL:
        cdef Day* d = &self.days[ordinal & (DAY_SLOTS - 1)]
        cdef int i
        if d.ordinal == ordinal:
            return d
        first, last, spans, work = self.calendar._day(ordinal)
        d.ordinal = ordinal
        d.first, d.last, d.work = first, last, work
        d.n = len(spans) if len(spans) <= MAX_SPANS else -1
        for i in range(d.n):
            d.spans[2 * i], d.spans[2 * i + 1] = spans[i]
        return d

    cdef int64_t week(self, int64_t monday) except? -1:
        cdef Week* w = &self.weeks[monday & (DAY_SLOTS - 1)]
        if w.monday != monday:
            w.monday = monday
            w.work = self.calendar._week(monday)[0]
        return w.work

    def add_working_us(self, int64_t t, int64_t amount):
        """``add`` from Python (the tests hold it to the calendar's own); None for
        UNKNOWN."""
        cdef int64_t end = self.add(t, amount)
        return None if end == UNKNOWN else end

    cdef int64_t add(self, int64_t t, int64_t remaining) except? -1:
        """The instant ``remaining`` microseconds of working time after ``t``, or UNKNOWN
        when a day on the way has more spans than are kept here."""
        cdef int64_t ordinal = floordiv(t + self.offset_guess, DAY_US) + EPOCH_ORDINAL
        cdef int64_t start, end
        cdef int i
        cdef Day* d = self.day(ordinal)
        while t < d.first:
            ordinal -= 1
            d = self.day(ordinal)
        while t >= d.last:
            ordinal += 1
            d = self.day(ordinal)
        if d.n < 0:
            return UNKNOWN
        for i in range(d.n):  # the day of t: only what is left of it counts
            start, end = d.spans[2 * i], d.spans[2 * i + 1]
            if end <= t:
                continue
            if start < t:
                start = t
            if end - start >= remaining:
                return start + remaining
            remaining -= end - start
        while True:  # whole days from here on: every span lies after t
            ordinal += 1
            if ordinal % 7 == 1:  # a Monday: skip whole weeks that do not use it up
                while self.week(ordinal) < remaining:
                    remaining -= self.week(ordinal)
                    ordinal += 7
            d = self.day(ordinal)
            if d.work >= remaining:
                if d.n < 0:
                    return UNKNOWN
                for i in range(d.n):
                    start, end = d.spans[2 * i], d.spans[2 * i + 1]
                    if end - start >= remaining:
                        return start + remaining
                    remaining -= end - start
            remaining -= d.work


# --------------------------------------------------------------------------- the engine

cdef struct Ticket:
    int category       # index in the matrix's categories
    int priority       # index in priorities (the last one stands for no priority)
    int position
    int highest
    int step           # step number, -1 before the first
    bint exhausted
    bint open          # the slot holds an open ticket
    int64_t entered
    int64_t base_deadline   # NONE when the level has no window
    int64_t deadline        # NONE when no timer runs
    int64_t paused_since    # NONE when running
    int64_t paused_work
    int64_t last_time
    int64_t seq


cdef struct Timer:
    int64_t due
    int64_t seq
    int slot


cdef struct Step:
    int64_t fixed_us   # the window as a plain addition (24x7 calendar), or NONE
    int64_t work_us    # else the window as working time of ``days``, or NONE
    PyObject* days     # BusinessDays of its calendar (kept in Replay.business_days)
    bint has_max
    bint is_last
    bint always        # on the 24x7 calendar: working time is elapsed time
    int position
    int group          # (level, name, contacts) of its records


cdef enum:
    INTERNED = 4096  # slots of the table of shared texts (half of them may be used)


cdef struct Interned:
    const char* text  # NULL: a free slot
    Py_ssize_t n
    uint64_t hash
    PyObject* value   # a str kept alive by Replay.interned_values


cdef class Replay:
    """One replay. ``run`` reads the rows and writes the records; ``finish`` the rest."""

    # the Python engine: matrix tables, counts, problems, step objects and sentences
    cdef object sim
    cdef object counts, ignored, problems
    cdef object log_zone, report, read_time, log_source  # of the log being read
    cdef int width
    cdef int columns[6]  # ticket, time, event, category, priority, level (-1: none)
    # the held row (p_ticket None: none) and the rest of its ticket's run of rows
    cdef str p_ticket, p_name
    cdef object p_time, p_category, p_priority, p_level
    cdef int64_t p_us, p_line, run_last
    cdef int p_offset
    cdef list run_rows
    cdef bint disordered
    cdef Interned* interned_table
    cdef int n_interned
    cdef list interned_values
    cdef object matrix
    cdef list categories, paths, priority_ids, step_objects, ids, slot_keys
    cdef list group_middles, group_contacts, end_states, end_keys, openings
    cdef dict category_index, priority_index, event_codes, groups
    cdef dict encoded, reasons, tickets, end_state_index, decisions, business_days
    cdef set skipped
    cdef object wanted, progress
    cdef int n_priorities, longest
    cdef int* step_table
    cdef Py_ssize_t step_table_size
    cdef Step* steps
    cdef int n_steps, steps_capacity
    cdef Ticket* slots
    cdef int n_slots, slots_capacity
    cdef list free_slots
    cdef Timer* heap
    cdef Py_ssize_t heap_size, heap_capacity
    cdef int64_t seq, watermark, latest, horizon
    cdef bint has_horizon, in_order
    cdef object latest_time  # a datetime, or None: the latest time was read here
    cdef int latest_offset   # (then with this offset, in seconds)
    cdef int64_t events, tickets_created, creation_inferred, after_horizon, records
    cdef int64_t delivered  # rows handed to the engine, for the progress bar
    cdef int64_t* hours     # records a (group, hour of week)
    cdef int hours_groups
    cdef int64_t offset_hour[1024]
    cdef int offset_seconds[1024]   # -100000: the offset changes within the hour
    cdef Buffer out
    cdef bint write_records

    def __cinit__(self):
        self.step_table = NULL
        self.steps = NULL
        self.slots = NULL
        self.heap = NULL
        self.hours = NULL
        self.interned_table = NULL

    def __dealloc__(self):
        free(self.interned_table)
        free(self.step_table)
        free(self.steps)
        free(self.slots)
        free(self.heap)
        free(self.hours)

    def __init__(self, sim, stream, wanted=None, progress=None):
        """``sim``: a fresh Python ``Simulation`` (its tables and counts are used and
        updated); ``stream``: a text stream for JSON Lines, or None for no records."""
        self.sim = sim
        self.matrix = sim.matrix
        self.counts = sim.counts
        self.ignored = sim.counts.ignored
        self.problems = sim.problems
        self.interned_values = []
        self.business_days = {}
        self.interned_table = <Interned*>calloc(INTERNED, sizeof(Interned))
        if self.interned_table == NULL:
            raise MemoryError()
        self.categories = list(self.matrix.categories)
        self.category_index = {c.id: i for i, c in enumerate(self.categories)}
        self.paths = [sim._paths[c.id] for c in self.categories]
        self.longest = max([len(p) for p in self.paths] + [1])
        self.priority_ids = [p.id for p in self.matrix.priorities] + [None]
        self.n_priorities = len(self.priority_ids)
        self.priority_index = {p: i for i, p in enumerate(self.priority_ids)}
        self.openings = [None] * (len(self.categories) * self.n_priorities)
        self.step_table_size = len(self.categories) * self.n_priorities * self.longest
        self.step_table = <int*>malloc(max(1, self.step_table_size) * sizeof(int))
        if self.step_table == NULL:
            raise MemoryError()
        for i in range(self.step_table_size):
            self.step_table[i] = -1
        self.step_objects = []
        self.groups = {}
        self.group_middles = []
        self.group_contacts = []
        self.event_codes = {}
        self.encoded = {}
        self.reasons = {}
        self.tickets = {}
        self.end_states = []
        self.end_keys = []
        self.end_state_index = {}
        self.decisions = {}
        self.skipped = sim._skipped
        self.ids = []
        self.slot_keys = []
        self.free_slots = []
        self.wanted = wanted
        self.progress = progress
        self.seq = 0
        self.watermark = BEFORE_ALL
        self.latest = BEFORE_ALL
        self.latest_time = None
        self.in_order = True
        self.has_horizon = sim._horizon_us is not None
        self.horizon = sim._horizon_us if self.has_horizon else 0
        for i in range(1024):
            self.offset_hour[i] = NONE
        self.write_records = stream is not None
        self.out = Buffer(stream)

    # --- steps and groups ----------------------------------------------------------

    cdef int step_of(self, Ticket* t) except -1:
        cdef Py_ssize_t at = (t.category * self.n_priorities + t.priority) * self.longest
        at += t.position
        cdef int number = self.step_table[at]
        if number >= 0:
            return number
        category = self.categories[t.category]
        priority = self.priority_ids[t.priority]
        key = (category.id, t.position, priority)
        step = self.sim._steps.get(key)
        if step is None:
            step = self.sim._steps[key] = _Step(self.sim, category, t.position, priority)
        number = self.add_step(step)
        self.step_table[at] = number
        return number

    cdef int add_step(self, step) except -1:
        cdef Step* grown
        if self.n_steps == self.steps_capacity:
            self.steps_capacity = max(16, self.steps_capacity * 2)
            grown = <Step*>realloc(self.steps, self.steps_capacity * sizeof(Step))
            if grown == NULL:
                raise MemoryError()
            self.steps = grown
        cdef Step* s = &self.steps[self.n_steps]
        s.fixed_us = NONE if step.fixed_us is None else step.fixed_us
        s.work_us = NONE
        s.days = NULL
        calendar = step.calendar
        if (
            s.fixed_us == NONE and step.max is not None and not step.max.business_days
            and type(calendar) is BusinessCalendar and calendar._full_day_us
        ):
            days = self.business_days.get(calendar)
            if days is None:
                days = self.business_days[calendar] = BusinessDays(calendar)
            s.days = <PyObject*>days
            s.work_us = step.max.seconds * US
        s.has_max = step.max is not None
        s.is_last = step.is_last
        s.always = isinstance(step.calendar, AlwaysCalendar)
        s.position = step.position
        s.group = self.group_of(step.level_id, step.level_name, step.contacts)
        self.step_objects.append(step)
        self.n_steps += 1
        return self.n_steps - 1

    cdef int group_of(self, str level, str name, tuple contacts) except -1:
        key = (level, name, contacts)
        number = self.groups.get(key)
        if number is not None:
            return number
        cdef int64_t* grown
        cdef int index = len(self.group_middles)
        number = index
        text = ", ".join([_quote(c) for c in contacts])
        self.group_middles.append((
            f', "level": {_quote(level)}, "level_name": {_quote(name)},'
            f' "contacts": [{text}], "reason": '
        ).encode())
        self.group_contacts.append(contacts)
        grown = <int64_t*>realloc(self.hours, (index + 1) * 168 * sizeof(int64_t))
        if grown == NULL:
            raise MemoryError()
        self.hours = grown
        memset(self.hours + index * 168, 0, 168 * sizeof(int64_t))
        self.hours_groups = index + 1
        self.groups[key] = number
        return number

    cdef int64_t window_end(self, int step, int64_t start) except? -1:
        """The step's deadline for a clock started at ``start`` (NONE: no window)."""
        cdef Step* s = &self.steps[step]
        if s.fixed_us != NONE:
            return start + s.fixed_us
        if not s.has_max:
            return NONE
        cdef int64_t end
        if s.work_us != NONE:
            end = (<BusinessDays>s.days).add(start, s.work_us)
            if end != UNKNOWN:
                return end
        obj = self.step_objects[step]
        return obj.calendar.add_us(start, obj.max)

    # --- records ---------------------------------------------------------------------

    cdef bytes text(self, str value):
        encoded = self.encoded.get(value)
        if encoded is None:
            if len(self.encoded) >= 20000:
                self.encoded.clear()
            encoded = self.encoded[value] = _quote(value).encode()
        return <bytes>encoded

    cdef int offset_at(self, int64_t at) except? -100001:
        """The matrix zone's UTC offset at ``at``, in seconds; -100000 when it changes in
        that hour or is not whole minutes (the record's time is then written by Python)."""
        cdef int64_t hour = floordiv(at, HOUR_US)
        cdef int slot = <int>(hour & 1023)
        if self.offset_hour[slot] == hour:
            return self.offset_seconds[slot]
        start = self.sim._time(hour * HOUR_US)
        end = self.sim._time(hour * HOUR_US + HOUR_US - 1)
        first, last = start.utcoffset(), end.utcoffset()
        cdef int seconds = -100000
        if first == last and first.microseconds == 0 and first.seconds % 60 == 0:
            seconds = first.days * 86400 + first.seconds
        self.offset_hour[slot] = hour
        self.offset_seconds[slot] = seconds
        return seconds

    cdef int emit(self, int slot, int64_t at, str reason, str detail, object only) except -1:
        """A record at the ticket's level: its contacts, or ``only`` (a tuple)."""
        cdef Ticket* t = &self.slots[slot]
        cdef int group = self.steps[t.step].group
        if only is not None:
            obj = self.step_objects[t.step]
            group = self.group_of(obj.level_id, obj.level_name, only)
        self.records += 1
        count = self.reasons.get(reason)
        self.reasons[reason] = 1 if count is None else count + 1
        cdef int offset = self.offset_at(at)
        cdef int64_t local, days = 0, rest = 0
        cdef int y = 0, m = 0, d = 0, hour_of_week, micro
        cdef char stamp[40]
        cdef char* p
        cdef str iso = None
        if offset == -100000:
            moment = self.sim._time(at)
            iso = moment.isoformat()
            hour_of_week = moment.weekday() * 24 + moment.hour
        else:
            local = at + offset * US
            days = floordiv(local, DAY_US)
            rest = local - days * DAY_US
            hour_of_week = <int>(((days + 3) % 7 + 7) % 7) * 24 + <int>(rest // HOUR_US)
        self.hours[group * 168 + hour_of_week] += 1
        if not self.write_records:
            return 0
        cdef Py_ssize_t n = 0
        cdef const char* ticket_text
        ticket = self.ids[slot]
        self.out.put(b'{"ticket": ', 11)
        ticket_text = PyUnicode_AsUTF8AndSize(ticket, &n)
        if plain(ticket_text, n):
            self.out.put(b'"', 1)
            self.out.put(ticket_text, n)
            self.out.put(b'"', 1)
        else:
            self.out.put_bytes(_quote(ticket).encode())
        self.out.put(b', "time": "', 11)
        if iso is not None:
            self.out.put_bytes(iso.encode())
        else:
            civil_from_days(days, &y, &m, &d)
            p = stamp
            p[0] = 48 + y // 1000
            p[1] = 48 + (y // 100) % 10
            put2(p + 2, y % 100)
            p[4] = 45
            put2(p + 5, m)
            p[7] = 45
            put2(p + 8, d)
            p[10] = 84
            put2(p + 11, <int>(rest // HOUR_US))
            p[13] = 58
            put2(p + 14, <int>((rest // (60 * US)) % 60))
            p[16] = 58
            put2(p + 17, <int>((rest // US) % 60))
            p += 19
            micro = <int>(rest % US)
            if micro:
                p[0] = 46
                for i in range(6, 0, -1):
                    p[i] = 48 + micro % 10
                    micro //= 10
                p += 7
            p[0] = 45 if offset < 0 else 43
            if offset < 0:
                offset = -offset
            put2(p + 1, offset // 3600)
            p[3] = 58
            put2(p + 4, (offset // 60) % 60)
            p += 6
            self.out.put(stamp, p - stamp)
        self.out.put(b'"', 1)
        self.out.put_bytes(<bytes>self.group_middles[group])
        self.out.put_bytes(self.text(reason))
        self.out.put(b', "detail": ', 12)
        self.out.put_bytes(self.text(detail))
        self.out.put(b'}\n', 2)
        return 0

    # --- timers ------------------------------------------------------------------------

    cdef int schedule(self, int slot) except -1:
        cdef Ticket* t = &self.slots[slot]
        if t.deadline == NONE:
            return 0
        self.seq += 1
        t.seq = self.seq
        cdef Timer* grown
        if self.heap_size == self.heap_capacity:
            self.heap_capacity = max(1024, self.heap_capacity * 2)
            grown = <Timer*>realloc(self.heap, self.heap_capacity * sizeof(Timer))
            if grown == NULL:
                raise MemoryError()
            self.heap = grown
        # sift up
        cdef Py_ssize_t i = self.heap_size, parent
        self.heap_size += 1
        cdef int64_t due = t.deadline, seq = self.seq
        while i > 0:
            parent = (i - 1) >> 1
            if self.heap[parent].due < due or (
                self.heap[parent].due == due and self.heap[parent].seq < seq
            ):
                break
            self.heap[i] = self.heap[parent]
            i = parent
        self.heap[i].due = due
        self.heap[i].seq = seq
        self.heap[i].slot = slot
        return 0

    cdef Timer pop(self) noexcept:
        cdef Timer top = self.heap[0]
        self.heap_size -= 1
        cdef Timer last = self.heap[self.heap_size]
        cdef Py_ssize_t i = 0, child, n = self.heap_size
        while True:
            child = 2 * i + 1
            if child >= n:
                break
            if child + 1 < n and (
                self.heap[child + 1].due < self.heap[child].due
                or (self.heap[child + 1].due == self.heap[child].due
                    and self.heap[child + 1].seq < self.heap[child].seq)
            ):
                child += 1
            if last.due < self.heap[child].due or (
                last.due == self.heap[child].due and last.seq < self.heap[child].seq
            ):
                break
            self.heap[i] = self.heap[child]
            i = child
        if n:
            self.heap[i] = last
        return top

    cdef int fire_due(self, int64_t until, bint inclusive) except -1:
        cdef Timer timer
        cdef Ticket* t
        while self.heap_size and (
            self.heap[0].due < until or (inclusive and self.heap[0].due == until)
        ):
            timer = self.pop()
            t = &self.slots[timer.slot]
            if not t.open or t.seq != timer.seq:
                continue  # stale: the ticket moved, paused or ended since
            self.fire(timer.slot)
        return 0

    cdef int advance(self, int slot, int64_t until, bint inclusive) except -1:
        cdef Ticket* t = &self.slots[slot]
        while t.deadline != NONE and (
            t.deadline < until or (inclusive and t.deadline == until)
        ):
            self.fire(slot)
            t = &self.slots[slot]
        return 0

    cdef int fire(self, int slot) except -1:
        cdef Ticket* t = &self.slots[slot]
        cdef int64_t due = t.deadline
        cdef int step = t.step
        obj = self.step_objects[step]
        if self.steps[step].is_last:
            t.exhausted = True
            t.deadline = NONE
            t.seq = 0
            self.emit(slot, due, "exhausted", obj.exhausted_detail, None)
        else:
            self.move(slot, t.position + 1, due)
            self.emit(slot, due, "timeout", obj.timeout_detail, None)
        return 0

    # --- state changes -------------------------------------------------------------------

    cdef int start_clock(self, int slot, int64_t at) except -1:
        cdef Ticket* t = &self.slots[slot]
        cdef int step = self.step_of(t)
        t.step = step
        t.entered = at
        t.paused_work = 0
        t.exhausted = False
        t.base_deadline = self.window_end(step, at)
        t = &self.slots[slot]
        if t.paused_since != NONE:
            t.paused_since = at
            t.deadline = NONE
        else:
            t.deadline = t.base_deadline
        t.seq = 0
        self.schedule(slot)
        return 0

    cdef int move(self, int slot, int position, int64_t at) except -1:
        cdef Ticket* t = &self.slots[slot]
        t.position = position
        if position > t.highest:
            t.highest = position
        return self.start_clock(slot, at)

    cdef int new_slot(self, str ticket_id, int category, int priority, int64_t now) except -1:
        cdef int slot
        cdef Ticket* grown
        if self.free_slots:
            slot = self.free_slots.pop()
            self.ids[slot] = ticket_id
        else:
            if self.n_slots == self.slots_capacity:
                self.slots_capacity = max(1024, self.slots_capacity * 2)
                grown = <Ticket*>realloc(self.slots, self.slots_capacity * sizeof(Ticket))
                if grown == NULL:
                    raise MemoryError()
                self.slots = grown
            slot = self.n_slots
            self.n_slots += 1
            self.ids.append(ticket_id)
            self.slot_keys.append(slot)
        cdef Ticket* t = &self.slots[slot]
        t.category = category
        t.priority = priority
        t.position = 0
        t.highest = 0
        t.step = -1
        t.exhausted = False
        t.open = True
        t.entered = now
        t.base_deadline = NONE
        t.deadline = NONE
        t.paused_since = NONE
        t.paused_work = 0
        t.last_time = now
        t.seq = 0
        self.tickets[ticket_id] = self.slot_keys[slot]
        return slot

    # --- events ----------------------------------------------------------------------------

    cdef int feed(self, str ticket_id, int64_t now, object time, int offset, str name,
                  int64_t line,
                  object category, object priority, object level) except -1:
        if self.has_horizon and now > self.horizon:
            self.after_horizon += 1
            return 0
        self.events += 1
        if now > self.latest:
            self.latest = now
            self.latest_time = time
            self.latest_offset = offset
        if self.in_order:
            if now < self.watermark:
                self.in_order = False
            else:
                self.watermark = now
                if self.heap_size and self.heap[0].due < now:
                    self.fire_due(now, False)
        key = self.tickets.get(ticket_id)
        cdef int slot
        cdef Ticket* t
        if key is not None:
            slot = key
            if slot >= 0:
                t = &self.slots[slot]
                if now < t.last_time:
                    raise LogOrderError(
                        ticket_id, line, _moment(now, time, offset),
                        self.sim._time(t.last_time),
                    )
                if t.deadline != NONE and t.deadline < now:
                    self.advance(slot, now, False)
                    t = &self.slots[slot]
                t.last_time = now
                return self.apply(slot, now, name, line, priority, level)
            return self.after_end(ticket_id, -1 - slot, now, name)
        if ticket_id in self.skipped:
            self.events -= 1  # counted as a skipped row, not as an event
            self.problems.counts["rows of skipped tickets"] += 1
            return 0
        return self.first_row(ticket_id, now, name, line, category, priority, level)

    cdef int first_row(self, str ticket_id, int64_t now, str name, int64_t line,
                       object category, object priority, object level) except -1:
        found = self.category_index.get(category) if category is not None else None
        if found is None:
            event = Event(ticket_id, None, name, line, category, priority, level)
            chosen = self.sim._category(event)
            if chosen is None:
                self.events -= 1  # the ticket is skipped with its rows
                return 0
            found = self.category_index[chosen.id]
        cdef int cat = found
        cdef int prio
        index = self.priority_index.get(priority) if priority is not None else None
        if index is None:
            index = self.priority_index[self.sim._priority(priority)]
        prio = index
        opening = self.openings[cat * self.n_priorities + prio]
        if opening is None:
            opening = self.openings[cat * self.n_priorities + prio] = self.sim._opening(
                self.categories[cat], self.priority_ids[prio]
            )
        _, position, detail = <tuple>opening
        cdef int slot = self.new_slot(ticket_id, cat, prio, now)
        cdef Ticket* t = &self.slots[slot]
        t.position = position
        t.highest = position
        self.tickets_created += 1
        cdef bint inferred = name != CREATED
        if inferred:
            self.creation_inferred += 1
        self.start_clock(slot, now)
        if inferred:
            detail += (
                f"; the log has no 'created' row, so its first row ({name}) stands for it"
            )
        self.emit(slot, now, "created", detail, None)
        if inferred:
            self.apply(slot, now, name, line, priority, level)
        return 0

    cdef int code_of(self, str name) except -1:
        code = self.event_codes.get(name)
        if code is None:
            code = _HANDLED.get(name)
            if code is None:
                code = E_UNKNOWN
                if name in self.sim._triggers_by_event:
                    code = E_TRIGGER + len(self.event_codes)
            # every name the matrix knows is kept; unknown ones only up to a bound, so
            # that a log of a million distinct names does not keep them all
            if code != E_UNKNOWN or len(self.event_codes) < DISTINCT_NAMES:
                self.event_codes[name] = code
        return code

    cdef int apply(self, int slot, int64_t now, str name, int64_t line, object priority,
                   object level) except -1:
        cdef int code = self.code_of(name)
        cdef Ticket* t = &self.slots[slot]
        if code == E_RESOLVED or code == E_CLOSED:
            return self.end(slot, code == E_CLOSED)
        if code == E_PAUSED:
            if t.paused_since != NONE:
                self.ignored["paused while paused"] += 1
                return 0
            t.paused_since = now
            t.deadline = NONE
            t.seq = 0
            return 0
        if code == E_RESUMED:
            return self.resumed(slot, now)
        if code >= E_TRIGGER:
            return self.trigger(slot, now, name, code)
        if code == E_ESCALATED:
            return self.escalated(slot, now, level)
        if code == E_PRIORITY:
            return self.priority_changed(slot, now, priority)
        if code == E_CREATED:
            self.ignored["created again while open"] += 1
        elif code == E_REOPENED:
            self.ignored["reopened while open"] += 1
        else:
            self.counts.unknown_events[name] += 1
        return 0

    cdef int end(self, int slot, bint closed) except -1:
        cdef Ticket* t = &self.slots[slot]
        ticket_id = self.ids[slot]
        self.tickets[ticket_id] = self.end_key(
            t.category, t.priority, t.position, t.highest, closed
        )
        t.open = False
        t.seq = 0
        self.ids[slot] = None
        self.free_slots.append(slot)
        return 0

    cdef object end_key(self, int category, int priority, int position, int highest,
                        bint closed):
        """The dictionary value standing for an ended ticket in this state (one shared
        number, -1 and below, for each distinct state)."""
        cdef int64_t code = category * self.n_priorities + priority
        code = ((code * self.longest + position) * self.longest + highest) * 2 + closed
        number = self.end_state_index.get(code)
        if number is None:
            number = self.end_state_index[code] = len(self.end_states)
            self.end_states.append((category, priority, position, highest, closed))
            self.end_keys.append(-1 - number)
        return self.end_keys[number]

    cdef int after_end(self, str ticket_id, int number, int64_t now, str name) except -1:
        cdef tuple state = self.end_states[number]
        cdef int slot
        cdef Ticket* t
        if name == REOPENED:
            slot = self.new_slot(ticket_id, state[0], state[1], now)
            t = &self.slots[slot]
            t.position = state[2]
            t.highest = state[3]
            self.start_clock(slot, now)
            t = &self.slots[slot]
            path = self.paths[t.category]
            self.emit(
                slot, now, "reopened",
                f"ticket reopened; back at {path[t.position]} with a fresh clock", None,
            )
        elif name == CLOSED and not state[4]:
            self.tickets[ticket_id] = self.end_key(state[0], state[1], state[2], state[3], True)
        else:
            was = "closed" if state[4] else "resolved"
            self.ignored[f"{name} after the ticket was {was}"] += 1
        return 0

    cdef int resumed(self, int slot, int64_t now) except -1:
        cdef Ticket* t = &self.slots[slot]
        if t.paused_since == NONE:
            self.ignored["resumed while running"] += 1
            return 0
        if self.steps[t.step].always:  # AlwaysCalendar.working_us, without the call
            worked = now - t.paused_since if now > t.paused_since else 0
        else:
            worked = self.step_objects[t.step].calendar.working_us(t.paused_since, now)
        t.paused_work += worked
        t.paused_since = NONE
        if t.base_deadline != NONE and not t.exhausted:
            t.deadline = self.shifted(slot)
            self.schedule(slot)
        return 0

    cdef int64_t shifted(self, int slot) except? -1:
        cdef Ticket* t = &self.slots[slot]
        if not t.paused_work:
            return t.base_deadline
        if self.steps[t.step].always:  # AlwaysCalendar.add_working_us, without the call
            return t.base_deadline + t.paused_work
        obj = self.step_objects[t.step]
        return obj.calendar.add_working_us(t.base_deadline, t.paused_work)

    cdef int escalated(self, int slot, int64_t now, object level) except -1:
        cdef Ticket* t = &self.slots[slot]
        key = ("escalated", t.step, level)  # never equal to a trigger's (a number)
        decision = self.decisions.get(key)
        if decision is None:
            decision = self.decisions[key] = self.escalation(t, level)
        counted, target, detail = decision
        for reason in counted:
            self.ignored[reason] += 1
        if target < 0:
            return 0
        self.move(slot, target, now)
        self.emit(slot, now, "manual", detail, None)
        return 0

    cdef tuple escalation(self, Ticket* t, object level):
        """What ``escalated`` (to ``level``) does at the ticket's step, as the Python
        engine decides: (what to count under ignored, target position or -1, sentence)."""
        target, counted, detail = self.sim.escalation(
            self.categories[t.category], self.paths[t.category], t.position, level
        )
        return ((counted,) if counted else (), -1 if target is None else target, detail)

    cdef int priority_changed(self, int slot, int64_t now, object new) except -1:
        matrix = self.matrix
        cdef Ticket* t = &self.slots[slot]
        if new is None or new not in matrix.priority_by_id:
            self.ignored["priority_changed without a known priority"] += 1
            return 0
        cdef int prio = self.priority_index[new]
        if prio == t.priority:
            return 0
        t.priority = prio
        start = matrix.priority_by_id[new].start
        path = self.paths[t.category]
        if start in path and path.index(start) > t.position:
            name = matrix.priority_by_id[new].name
            self.move(slot, path.index(start), now)
            self.emit(
                slot, now, "priority",
                f"priority changed to {new}" + (f" ({name})" if name else "")
                + f", which starts at {start}",
                None,
            )
            return 0
        t.step = self.step_of(t)
        obj = self.step_objects[t.step]
        if t.exhausted:
            return 0
        t.base_deadline = self.window_end(t.step, t.entered)
        t = &self.slots[slot]
        if t.base_deadline == NONE:
            t.deadline = NONE
            t.seq = 0
            return 0
        cdef int64_t deadline = self.shifted(slot)
        t = &self.slots[slot]
        if t.paused_since != NONE:
            if deadline > t.paused_since:  # the rest of the window runs once resumed
                return 0
        elif deadline > now:
            t.deadline = deadline
            self.schedule(slot)
            return 0
        label = obj.timeout_detail.removesuffix(" elapsed without resolution")
        if self.steps[t.step].is_last:
            t.exhausted = True
            t.deadline = NONE
            t.seq = 0
            self.emit(
                slot, now, "exhausted",
                f"priority changed to {new}: the {label} has already elapsed;"
                f" {obj.level_id} is the last level of the path",
                None,
            )
        else:
            self.move(slot, t.position + 1, now)
            self.emit(
                slot, now, "timeout",
                f"priority changed to {new}: the {label} has already elapsed", None,
            )
        return 0

    cdef int trigger(self, int slot, int64_t now, str name, int code) except -1:
        cdef Ticket* t = &self.slots[slot]
        key = (<int64_t>t.step << 32) | code
        decision = self.decisions.get(key)
        if decision is None:
            decision = self.decisions[key] = self.trigger_decision(t, name)
        kind = decision[0]
        if kind == 0:
            self.ignored[decision[1]] += 1
        elif kind == 1:
            self.emit(slot, now, decision[1], decision[2], decision[3])
        else:
            self.move(slot, decision[1], now)
            t = &self.slots[slot]
            extra = decision[4]
            contacts = None
            if extra:
                contacts = self.step_objects[t.step].contacts
                contacts = contacts + tuple([c for c in extra if c not in contacts])
            self.emit(slot, now, decision[2], decision[3], contacts)
        return 0

    cdef tuple trigger_decision(self, Ticket* t, str name):
        """What trigger event ``name`` does at the ticket's step, as the Python engine
        decides: (0, ignored key) | (1, reason, detail, only these contacts) |
        (2, position, reason, detail, extra contacts)."""
        matrix = self.matrix
        armed = self.step_objects[t.step].armed
        matching = [tr for tr in self.sim._triggers_by_event[name] if tr.id in armed]
        if not matching:
            return (0, f"trigger event {name} not armed at the ticket's level")
        path = self.paths[t.category]
        category = self.categories[t.category]
        best = None
        best_position = t.position
        current = path[t.position]
        for trigger in matching:
            target = matrix.target(category, current, trigger.escalate)
            if target is not None:
                position = path.index(target)
                if position > best_position:
                    best, best_position = trigger, position
        notify = tuple(dict.fromkeys(c for tr in matching for c in tr.notify))
        if best is None:
            if not notify:
                return (0, f"trigger {matching[0].id} at or above its target")
            names = ", ".join(
                matrix.contact_by_id[c].name if c in matrix.contact_by_id else c
                for c in notify
            )
            first = matching[0]
            return (
                1,
                f"trigger:{first.id}",
                f"trigger '{first.name}' (event {name}) informs {names};"
                f" the ticket stays at {current}",
                notify,
            )
        return (
            2, best_position, f"trigger:{best.id}",
            f"trigger '{best.name}' (event {name})", notify,
        )

    # --- reading -------------------------------------------------------------------------

    def run(self, table, dict indices, zone, report, read_time):
        """Replay the rows of a canonical CSV ``table`` (``_canonical_events`` row for row:
        the same problems, line numbers and ordering of a ticket's consecutive rows)."""
        import csv

        self.log_zone = zone
        self.report = report
        self.read_time = read_time
        self.log_source = table.source
        self.width = len(table.header)
        self.columns[0] = indices["ticket"]
        self.columns[1] = indices["time"]
        self.columns[2] = indices["event"]
        self.columns[3] = indices.get("category", -1)
        self.columns[4] = indices.get("priority", -1)
        self.columns[5] = indices.get("level", -1)
        errors = _stream_errors()
        cdef int64_t base = 1 + table.offset, line
        cdef CsvSource source
        cdef int found
        try:
            source = CsvSource(table.text, table.rows, self.width, errors)
            quoted = csv.reader(source, dialect=table.rows.dialect)
            while True:
                found = source.scan()
                line = source.lines + base
                if found == R_SIMPLE:
                    self.take_cells(source, None, line)
                    source.take()
                elif found == R_QUOTED:
                    # only reading the file is guarded: an error of the engine or of
                    # writing the output is not a read error
                    try:
                        row = next(quoted)
                    except StopIteration:
                        break
                    except errors as error:
                        table.failed(error, line, report)
                        break
                    if source.exhausted:
                        table.unclosed(line)
                    if row:
                        self.take_cells(None, row, line)
                elif found == R_FAILED:
                    table.failed(source.error, line, report)
                    break
                else:
                    break
        finally:
            table.close()
        self.hand_over()
        if self.progress is not None:
            self.progress(self.events, self.tickets_created)

    cdef int take_cells(self, CsvSource source, list row, int64_t line) except -1:
        """One row: the cells ``source`` split, or ``row`` as ``csv.reader`` gave it."""
        cdef Span cells[6]
        cdef Py_ssize_t n = 0
        cdef int i, index
        cdef int64_t us = 0
        cdef int offset = 0
        for i in range(6):
            index = self.columns[i]
            if source is not None:
                cells[i] = source.cell(index)
            elif 0 <= index < len(row) and index < self.width:
                cells[i].p = PyUnicode_AsUTF8AndSize(row[index], &n)
                cells[i].n = n
            else:
                cells[i].p = NULL
                cells[i].n = -1
        # the ticket: stripped; a row without one is reported unless it is all blank
        cdef Span s = cells[0]
        cdef str ticket = None
        if s.n > 0 and not strip_span(&s):
            ticket = PyUnicode_DecodeUTF8(s.p, s.n, NULL).strip()
            s.p = PyUnicode_AsUTF8AndSize(ticket, &n)
            s.n = n
        if s.n <= 0:
            if self.has_text(source, row):
                self.report(self.log_source, line, MISSING_TICKET,
                            "skipped: the row has no ticket id")
            return 0
        if ticket is None:
            ticket = self.ticket_text(s)
        # the time: the usual ISO 8601 form here, any other the Python way
        cdef object time = None
        s = cells[1]
        if s.n < 0 or not parse_iso(s.p, s.n, &us, &offset):
            text = None if s.n < 0 else PyUnicode_DecodeUTF8(s.p, s.n, NULL)
            try:
                time = self.read_time(text)  # what the Python reader falls back on
            except ValueError as error:
                reason, message = time_problem(text, error)
                self.report(self.log_source, line, reason, message)
                return 0
            us = to_us(time)
        # the event: stripped
        s = cells[2]
        cdef str name = None
        if s.n > 0:
            if strip_span(&s):
                if s.n > 0:
                    name = self.interned(s)
            else:
                name = PyUnicode_DecodeUTF8(s.p, s.n, NULL).strip()
        if not name:
            self.report(self.log_source, line, MISSING_EVENT,
                        f"skipped: ticket {ticket} has no event")
            return 0
        return self.hold(
            ticket, us, time, offset, name, line,
            self.interned(cells[3]) if cells[3].n > 0 else None,
            self.interned(cells[4]) if cells[4].n > 0 else None,
            self.interned(cells[5]) if cells[5].n > 0 else None,
        )

    cdef bint has_text(self, CsvSource source, list row) except -1:
        """Whether any cell of the row (of the header's width) holds more than spaces."""
        cdef Span s
        cdef int i
        if source is None:
            return any(cell and cell.strip() for cell in row[:self.width])
        for i in range(min(source.cells, self.width)):
            s = source.cell(i)
            if s.n <= 0:
                continue
            if strip_span(&s):
                if s.n > 0:
                    return True
            elif PyUnicode_DecodeUTF8(s.p, s.n, NULL).strip():
                return True
        return False

    cdef str ticket_text(self, Span s):
        """The ticket id of ``s``: the held row's own object when it is the same ticket."""
        cdef Py_ssize_t n = 0
        cdef const char* held
        if self.p_ticket is not None:
            held = PyUnicode_AsUTF8AndSize(self.p_ticket, &n)
            if n == s.n and memcmp(held, s.p, n) == 0:
                return self.p_ticket
        return PyUnicode_DecodeUTF8(s.p, s.n, NULL)

    cdef str interned(self, Span s):
        """The text of ``s`` as one shared object per distinct value (event names,
        categories, priorities and levels repeat): no new object, and dictionary lookups
        that find it by identity."""
        cdef uint64_t h = 14695981039346656037ULL
        cdef Py_ssize_t i
        for i in range(s.n):
            h = (h ^ <unsigned char>s.p[i]) * 1099511628211ULL
        cdef Py_ssize_t slot = <Py_ssize_t>(h & (INTERNED - 1))
        cdef Interned* entry
        while True:
            entry = &self.interned_table[slot]
            if entry.text == NULL:
                break
            if entry.hash == h and entry.n == s.n and memcmp(entry.text, s.p, s.n) == 0:
                return <str>entry.value
            slot = (slot + 1) & (INTERNED - 1)
        value = PyUnicode_DecodeUTF8(s.p, s.n, NULL)
        if self.n_interned < INTERNED // 2:
            self.interned_values.append(value)  # keeps it (and its UTF-8) alive
            entry.text = PyUnicode_AsUTF8AndSize(value, &entry.n)
            entry.hash = h
            entry.value = <PyObject*>value
            self.n_interned += 1
        return value

    cdef int hold(self, str ticket, int64_t us, object time, int offset, str name,
                  int64_t line, object category, object priority, object level) except -1:
        """A ticket's consecutive rows are held together (and sorted by time if need be)
        until another ticket's row comes."""
        if self.p_ticket is not None and ticket == self.p_ticket and (
            self.run_rows is None or len(self.run_rows) < RUN_ROWS  # as the Python reader
        ):
            if self.run_rows is None:
                self.run_rows = [(self.p_ticket, self.p_us, self.p_time, self.p_offset,
                                  self.p_name, self.p_line, self.p_category, self.p_priority,
                                  self.p_level)]
            if us < self.run_last:
                self.disordered = True
            else:
                self.run_last = us
            self.run_rows.append((ticket, us, time, offset, name, line, category, priority,
                                  level))
            return 0
        self.hand_over()
        self.p_ticket, self.p_us, self.p_time, self.p_offset = ticket, us, time, offset
        self.p_name, self.p_line = name, line
        self.p_category, self.p_priority, self.p_level = category, priority, level
        self.run_last = us
        return 0

    cdef int hand_over(self) except -1:
        """Give the engine the held rows."""
        if self.p_ticket is None:
            return 0
        if self.run_rows is None:
            self.deliver(self.p_ticket, self.p_us, self.p_time, self.p_offset, self.p_name,
                         self.p_line, self.p_category, self.p_priority, self.p_level)
        else:
            run, self.run_rows = self.run_rows, None
            if self.disordered:
                run.sort(key=_by_time)
                self.disordered = False
            for entry in run:
                self.deliver(entry[0], entry[1], entry[2], entry[3], entry[4], entry[5],
                             entry[6], entry[7], entry[8])
        self.p_ticket = None
        return 0

    cdef int deliver(self, str ticket, int64_t us, object time, int offset, str name,
                     int64_t line, object category, object priority, object level) except -1:
        """Hand one row to the engine (unless ``--ticket`` leaves it out)."""
        if self.wanted is not None and ticket not in self.wanted:
            return 0
        self.delivered += 1
        if self.progress is not None and self.delivered % 5000 == 0:
            self.progress(self.delivered, self.tickets_created)
        return self.feed(ticket, us, time, offset, name, line, category, priority, level)

    def finish(self):
        """Fire the timers still running up to the horizon, hand the counts to the Python
        engine and the summary; returns (reason counts, (contacts, hour) counts)."""
        cdef int64_t horizon = self.horizon if self.has_horizon else self.latest
        if horizon != BEFORE_ALL:
            self.fire_due(horizon, True)
        self.out.flush()
        sim, counts = self.sim, self.counts
        sim._events = self.events
        sim._latest_time = None if self.latest == BEFORE_ALL else _moment(
            self.latest, self.latest_time, self.latest_offset
        )
        sim._in_order = self.in_order
        counts.events = self.events
        counts.tickets += self.tickets_created
        counts.creation_inferred += self.creation_inferred
        counts.after_horizon += self.after_horizon
        highest = counts.highest_level
        highest.clear()
        cdef Ticket* t
        for key in self.tickets.values():
            if key >= 0:
                t = &self.slots[<int>key]
                path = self.paths[t.category]
                counts.unresolved[path[t.position]] += 1
                highest[path[t.highest]] += 1
            else:
                state = self.end_states[-1 - key]
                highest[self.paths[state[0]][state[3]]] += 1
        contact_hours = {}
        for group in range(self.hours_groups):
            contacts = self.group_contacts[group]
            for hour in range(168):
                if self.hours[group * 168 + hour]:
                    key = (contacts, hour)
                    contact_hours[key] = contact_hours.get(key, 0) + self.hours[group * 168 + hour]
        return self.records, dict(self.reasons), contact_hours


cdef inline bint plain(const char* text, Py_ssize_t n) noexcept:
    """True when the UTF-8 text needs no JSON escape (no quote, backslash or control)."""
    cdef Py_ssize_t i
    cdef unsigned char c
    for i in range(n):
        c = <unsigned char>text[i]
        if c < 32 or c == 34 or c == 92:
            return False
    return True


def _by_time(entry):
    return entry[1]


cdef object _EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _moment(int64_t us, time, int offset):
    """An event's time: the datetime read the Python way, or else (read here) ``us`` with
    the offset it was written with, as ``datetime.fromisoformat`` gives it."""
    if time is not None:
        return time
    zone = dt.timezone(dt.timedelta(seconds=offset))  # timezone.utc itself for 0
    return (_EPOCH + dt.timedelta(microseconds=us)).astimezone(zone)


def _stream_errors():
    from escmatrix.loading.logs import _STREAM_ERRORS

    return _STREAM_ERRORS
