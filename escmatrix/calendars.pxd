# Types of escmatrix/calendars.py when it is compiled (Cython's pure-Python mode): day
# records with C fields, and the microsecond arithmetic as C calls.

cimport cython

cdef long long EPOCH_ORDINAL, US_PER_DAY, US_PER_SECOND, _US_PER_MINUTE
cdef int _MAX_CACHED_DAYS


cdef class _Base:
    cdef public str id
    cdef public object tz
    cdef public long long full_day_us
    cpdef long long add_us(self, long long start, object duration) except? -1
    cpdef long long day_fraction_us(self, object fraction) except? -1
    cpdef long long add_working_us(self, long long start, long long amount) except? -1
    cpdef long long working_us(self, long long start, long long end) except? -1
    cpdef long long add_days_us(self, long long start, long long whole, long long fraction_us) except? -1


cdef class AlwaysCalendar(_Base):
    cpdef long long add_working_us(self, long long start, long long amount) except? -1
    cpdef long long working_us(self, long long start, long long end) except? -1
    cpdef long long add_days_us(self, long long start, long long whole, long long fraction_us) except? -1


cdef class _Day:
    cdef public long long ordinal, first, last, work
    cdef public tuple spans


cdef class _Week:
    cdef public long long work, first, last
    cdef public int days


cdef class BusinessCalendar(_Base):
    cdef public tuple week
    cdef public object full_day
    cdef object _holidays
    cdef bint _by_year
    cdef frozenset _closed
    cdef dict _days, _midnights, _holiday_years, _weeks
    cdef long long _offset_guess

    cdef long long _instant(self, long long ordinal, long long minute) except? -1
    cdef long long _midnight(self, long long ordinal) except? -1
    @cython.locals(record=_Day, first='long long', following='long long', last='long long',
                   start='long long', end='long long', floor='long long')
    cdef _Day _day(self, long long ordinal)
    @cython.locals(record=_Week, work='long long', days=int, day=_Day, i=int)
    cdef _Week _week(self, long long monday)
    @cython.locals(ordinal='long long', record=_Day)
    cdef _Day _locate(self, long long t)
    @cython.locals(record=_Day, spans=tuple, i=Py_ssize_t, start='long long', end='long long',
                   ordinal='long long', week=_Week)
    cdef long long _add_us(self, long long t, long long remaining) except? -1
    @cython.locals(record=_Day, total='long long', ordinal='long long', week=_Week, spans=tuple,
                   i=Py_ssize_t, start='long long', end='long long')
    cdef long long _between_us(self, long long t0, long long t1) except? -1
    cpdef long long add_working_us(self, long long start, long long amount) except? -1
    cpdef long long working_us(self, long long start, long long end) except? -1
    @cython.locals(t='long long', day=_Day, target_day=_Day, target='long long')
    cpdef long long add_days_us(self, long long start, long long whole, long long fraction_us) except? -1
    @cython.locals(week=_Week)
    cdef long long _nth_business_day(self, long long ordinal, long long n) except? -1
    @cython.locals(previous_end='long long', i=Py_ssize_t)
    cdef long long _clamp(self, long long target, tuple spans) except? -1
