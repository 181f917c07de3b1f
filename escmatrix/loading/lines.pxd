# Types of escmatrix/loading/lines.py when it is compiled (Cython's pure-Python mode).

cdef Py_ssize_t LOG_LINE_CHARS


cdef class Lines:
    cdef object _readline
    cdef public bint ended
    cdef public object first

    cpdef str readline(self)


cimport cython


cdef class CsvRows:
    cdef Lines _lines
    cdef public str delimiter
    cdef public long long line_num
    cdef Py_ssize_t _limit
    cdef object _pending, _reader

    cpdef str _next_line(self)
    @cython.locals(n=Py_ssize_t, end=Py_ssize_t)
    cpdef list row(self, str line)


cdef class _Feed:
    cdef CsvRows _rows
