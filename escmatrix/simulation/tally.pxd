# Types of escmatrix/simulation/tally.py when it is compiled (Cython's pure-Python mode).

cimport cython

from escmatrix.instants cimport LocalClock
from escmatrix.simulation.engine cimport Notification




cdef class Tally:
    cdef public long long records, reached_nobody
    cdef public bint days
    cdef public dict reasons, hours, per_day, away
    cdef dict _clocks

    @cython.locals(clock=LocalClock, hours=list, hour=Py_ssize_t, reason=str)
    cpdef add(self, Notification n)
