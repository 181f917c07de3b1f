# Types of escmatrix/events.py when it is compiled (Cython's pure-Python mode): an event's
# fields are C values the engine reads without a dictionary lookup.

cdef class Event:
    cdef public str ticket
    cdef public long long us
    cdef public object zone
    cdef public str name
    cdef public long long line
    cdef public object category, priority, level, channel, actor
    cdef public tuple attributes

    cpdef fill(
        self, str ticket, long long us, object zone, str name, long long line,
        object category, object priority, object level, object channel, object actor,
        tuple attributes,
    )

cimport cython


@cython.locals(event=Event)
cpdef Event make_event(
    str ticket, long long us, object zone, str name, long long line, object category,
    object priority, object level, object channel, object actor, tuple attributes=*,
)
