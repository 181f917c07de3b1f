# The C timer heap (_timers.pyx), cimported by the compiled engine.

from cpython.ref cimport PyObject


cdef struct Entry:
    long long due
    long long seq
    PyObject* ticket


cdef class Timers:
    cdef Entry* heap
    cdef Py_ssize_t size, capacity
    cdef long long _seq
    cdef public long long popped

    cdef inline bint before(self, Entry* a, Entry* b) noexcept
    cpdef long long push(self, long long due, object ticket) except -1
    cpdef long long due(self)
    cpdef object pop(self)
