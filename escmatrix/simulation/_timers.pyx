# cython: language_level=3, boundscheck=False, wraparound=False
"""The engine's timer heap in C: exactly the API and behaviour of ``timers.Timers`` (the
tests run the same cases on both), without a Python tuple or integer per timer."""

from cpython.ref cimport Py_DECREF, Py_INCREF, Py_XDECREF
from libc.stdlib cimport free, realloc

cdef long long NONE = -(2 ** 62) - 1


cdef class Timers:
    """Timers in due order. :meth:`push` returns the timer's sequence number; :meth:`pop`
    returns the ticket of the earliest and leaves its sequence number in :attr:`popped`."""

    def __cinit__(self):
        self.heap = NULL
        self.size = self.capacity = 0
        self._seq = 0
        self.popped = 0

    def __dealloc__(self):
        cdef Py_ssize_t i
        for i in range(self.size):
            Py_XDECREF(self.heap[i].ticket)
        free(self.heap)

    def __len__(self):
        return self.size

    cdef inline bint before(self, Entry* a, Entry* b) noexcept:
        return a.due < b.due or (a.due == b.due and a.seq < b.seq)

    cpdef long long push(self, long long due, object ticket) except -1:
        """Set a timer for ``ticket`` at ``due``; its sequence number (never 0)."""
        cdef Entry* grown
        cdef Entry entry
        cdef Py_ssize_t i, parent
        if self.size == self.capacity:
            self.capacity = max(1024, 2 * self.capacity)
            grown = <Entry*>realloc(self.heap, self.capacity * sizeof(Entry))
            if grown == NULL:
                raise MemoryError()
            self.heap = grown
        self._seq += 1
        entry.due = due
        entry.seq = self._seq
        entry.ticket = <PyObject*>ticket
        Py_INCREF(ticket)
        i = self.size
        self.size += 1
        while i > 0:
            parent = (i - 1) >> 1
            if not self.before(&entry, &self.heap[parent]):
                break
            self.heap[i] = self.heap[parent]
            i = parent
        self.heap[i] = entry
        return self._seq

    cpdef long long due(self):
        """When the earliest timer is due (NONE when there is none)."""
        return self.heap[0].due if self.size else NONE

    cpdef object pop(self):
        """Take the earliest timer: its ticket (IndexError when there is none)."""
        cdef Entry top, last
        cdef Py_ssize_t i = 0, child, n
        if not self.size:
            raise IndexError("pop from an empty heap")
        top = self.heap[0]
        self.size -= 1
        n = self.size
        if n:
            last = self.heap[n]
            while True:
                child = 2 * i + 1
                if child >= n:
                    break
                if child + 1 < n and self.before(&self.heap[child + 1], &self.heap[child]):
                    child += 1
                if not self.before(&self.heap[child], &last):
                    break
                self.heap[i] = self.heap[child]
                i = child
            self.heap[i] = last
        self.popped = top.seq
        ticket = <object>top.ticket
        Py_DECREF(ticket)  # the heap's reference; ``ticket`` holds its own
        return ticket
