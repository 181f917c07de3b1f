# Types of escmatrix/output/records.py when it is compiled (Cython's pure-Python mode).

cimport cython

from escmatrix.instants cimport LocalClock
from escmatrix.simulation.engine cimport Notification

cdef long long NONE
cdef Py_ssize_t _CACHE_LIMIT
cdef tuple _CSV_SPECIAL

cpdef str csv_cell(str text)


cdef class RecordTexts:
    cdef dict _clocks, _levels, _texts, _cells, _csv, _ends

    @cython.locals(clock=LocalClock)
    cpdef LocalClock clock(self, object zone)
    cpdef str time(self, Notification record)
    @cython.locals(encoded=str)
    cdef str _json_text(self, str text)
    @cython.locals(middle=str)
    cpdef str json_line(self, Notification n, bint reach=*)
    @cython.locals(end=str)
    cdef str _json_reach(self, Notification n)
    @cython.locals(cell=str)
    cdef str _csv_text(self, str text)
    @cython.locals(middle=str)
    cpdef str csv_line(self, Notification n, bint reach=*)
    cdef str _csv_reach(self, Notification n)
