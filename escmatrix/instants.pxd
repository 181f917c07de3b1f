# Types of escmatrix/instants.py when it is compiled (Cython's pure-Python mode).

cimport cython

cdef dict _day_starts

cpdef long long to_us(object at) except? -1
cpdef object from_us(long long us, object zone)
cpdef long long delta_us(object delta) except? -1

cdef long long _SECOND, _HOUR, _DAY, _NONE, _ORDINAL_1970, _CLOCK_LIMIT
cdef list _TWO_DIGITS


cdef class LocalClock:
    cdef public object zone
    cdef dict _offsets, _dates, _suffixes

    cpdef long long offset_us(self, long long at) except? -1
    cpdef long long local_us(self, long long at) except? -1
    @cython.locals(offset='long long', local='long long', day='long long', rest='long long',
                   seconds='long long', micro='long long', date=str, suffix=str, text=str)
    cpdef str iso(self, long long at)
    @cython.locals(local='long long', day='long long', hour='long long')
    cpdef long long hour_of_week(self, long long at) except? -1
    cpdef long long local_day(self, long long at) except? -1
