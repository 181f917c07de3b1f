# Types of escmatrix/loading/canonical.py when it is compiled (Cython's pure-Python mode).

cimport cython

from escmatrix.events cimport Event
from escmatrix.instants cimport IsoReader

cdef long long NONE, FIRST_YEAR, LAST_YEAR


cdef class CanonicalRow:
    cdef public object source, report, zone, general
    cdef public Py_ssize_t width, ticket, time, name
    cdef public tuple optional
    cdef public IsoReader fast

    @cython.locals(width=Py_ssize_t, us='long long', fast=IsoReader, optional=tuple, ticket=str,
                   name=str,
                   event=Event)
    cpdef Event event(self, list row, long long line)
