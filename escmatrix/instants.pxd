# Types of escmatrix/instants.py when it is compiled (Cython's pure-Python mode).

cimport cython

cdef dict _day_starts

cpdef long long to_us(object at) except? -1
cpdef object from_us(long long us, object zone)
cpdef long long delta_us(object delta) except? -1

cdef long long _SECOND, _HOUR, _DAY, _NONE, _ORDINAL_1970, _CLOCK_LIMIT
cdef list _TWO_DIGITS, _MINUTES_SECONDS


cdef class LocalClock:
    cdef public object zone
    cdef dict _offsets, _dates, _suffixes, _local_offsets
    cdef long long _last_hour, _last_offset, _text_hour, _text_offset
    cdef str _text_prefix, _text_suffix

    @cython.locals(hour='long long')
    cpdef long long offset_us(self, long long at) except? -1
    cpdef long long local_us(self, long long at) except? -1
    @cython.locals(offset='long long', local='long long', hour='long long', rest='long long',
                   seconds='long long', micro='long long', prefix=str)
    cpdef str iso(self, long long at)
    @cython.locals(day='long long', date=str, suffix=str, prefix=str)
    cdef str _prefix(self, long long at, long long offset, long long hour)
    @cython.locals(local='long long', day='long long', hour='long long')
    cpdef long long hour_of_week(self, long long at) except? -1
    cpdef long long local_day(self, long long at) except? -1
    @cython.locals(hour='long long')
    cpdef long long utc_us(self, long long local) except? -1
    cdef bint _is_real(self, long long at, long long local) except -1

cdef tuple _DAYS_IN_MONTH
cdef long long _FIRST_YEAR, _LAST_YEAR

@cython.locals(value=int, i=Py_ssize_t, c=int)
cdef inline int _digits(str text, Py_ssize_t start, Py_ssize_t count) noexcept

@cython.locals(era='long long', yoe='long long', doy='long long', doe='long long')
cpdef long long days_from_civil(long long year, long long month, long long day) noexcept


cdef class IsoReader:
    cdef public object default, zone
    cdef LocalClock _clock
    cdef dict _fixed

    @cython.locals(n=Py_ssize_t, at=Py_ssize_t, year=int, month=int, day=int, hour=int,
                   minute=int, second=int, micro=int, local='long long', hours=int,
                   minutes=int, offset=int)
    cpdef long long read(self, str text) except? -1
