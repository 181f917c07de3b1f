# Types of escmatrix/simulation/engine.py when it is compiled (Cython's pure-Python mode):
# the engine's classes get C fields and its methods C calls. The .py file is the engine;
# this file only says what each name holds.

cimport cython

from escmatrix.calendars cimport _Base as Calendar
from escmatrix.events cimport Event
from escmatrix.simulation._timers cimport Timers

cdef long long NONE, BEFORE_ALL, US_PER_SECOND
cdef int _E_CREATED, _E_ESCALATED, _E_PRIORITY, _E_PAUSED, _E_RESUMED, _E_END, _E_REOPENED
cdef int _E_OTHER, _IGNORED, _INFORM, _MOVE
cdef dict _CODES


cdef class Notification:
    cdef public str ticket
    cdef public long long at, next_us
    cdef public object zone
    cdef public str level, level_name
    cdef public tuple contacts, unreachable, after_hours
    cdef public str reason, detail


cdef class _Plan:
    cdef public object category, priority
    cdef public tuple path
    cdef public list steps
    cdef public dict ended


cdef class _Step:
    cdef public object armed, max
    cdef public Calendar calendar
    cdef public tuple contacts
    cdef public str exhausted_detail, timeout_detail, level_id, level_name
    cdef public long long fixed_us, amount_us, whole_days, fraction_us
    cdef public bint is_last
    cdef public int position
    cdef public dict triggers, escalations
    cpdef long long deadline(self, long long start) except? -1


cdef class _Ended:
    cdef public _Plan plan
    cdef public int position, highest
    cdef public bint closed


cdef class _Ticket:
    cdef public str id
    cdef public _Plan plan
    cdef public int position, highest
    cdef public _Step step
    cdef public long long entered, base_deadline, deadline, paused_since, paused_work
    cdef public long long last_time, seq
    cdef public bint exhausted


cdef class Simulation:
    cdef public object matrix, horizon, problems, source, counts, zone, calendars
    cdef long long _horizon_us, _watermark, _latest, _events, _created, _inferred
    cdef long long _after_horizon, _after_us
    cdef bint _in_order
    cdef dict _paths, _plans, _openings, _tickets, _ended, _triggers_by_event
    cdef dict _categories, _priorities
    cdef object _reach
    cdef dict _details
    cdef set _skipped
    cdef Timers _timers

    @cython.locals(now='long long', ticket=_Ticket, ended=_Ended)
    cpdef _feed(self, Event event, list out)
    cdef void _schedule(self, _Ticket ticket) except *
    @cython.locals(due='long long', ticket=_Ticket, timers=Timers)
    cdef void _fire_due(self, long long until, list out, bint inclusive) except *
    cdef void _advance(self, _Ticket ticket, long long until, list out) except *
    @cython.locals(due='long long', step=_Step)
    cdef void _fire(self, _Ticket ticket, list out) except *
    @cython.locals(plan=_Plan)
    cdef _Plan _plan(self, object category, object priority)
    @cython.locals(plan=_Plan, step=_Step)
    cdef _Step _step(self, _Ticket ticket)
    @cython.locals(step=_Step)
    cdef void _start_clock(self, _Ticket ticket, long long at) except *
    cdef void _move(self, _Ticket ticket, int position, long long at) except *
    cdef Notification _notify(self, _Ticket ticket, long long at, str reason, str detail)
    @cython.locals(step=_Step, record=Notification)
    cdef Notification _record(
        self, _Ticket ticket, long long at, str reason, str detail, tuple contacts
    )
    cdef str _joined(self, str detail, str more)
    cdef long long _shifted(self, _Ticket ticket) except? -1
    @cython.locals(ticket=_Ticket)
    cdef _Ticket _new_ticket(
        self, str ticket_id, _Plan plan, int position, int highest, long long now
    )
    @cython.locals(ticket=_Ticket, plan=_Plan, position=int, inferred=bint, opening=tuple,
                   detail=str)
    cdef void _first_row(self, Event event, long long now, list out) except *
    cdef tuple _opening(self, object category, object priority)
    cdef object _category(self, Event event)
    cdef object _priority(self, object priority)
    @cython.locals(code=int)
    cdef void _apply(self, _Ticket ticket, Event event, long long now, list out) except *
    cdef void _paused(self, _Ticket ticket, long long now) except *
    @cython.locals(calendar=Calendar, running=bint, before='long long', left='long long')
    cdef void _resumed(self, _Ticket ticket, long long now) except *
    cdef void _end(self, _Ticket ticket, Event event) except *
    @cython.locals(key='long long', state=_Ended)
    cdef _Ended _end_state(self, _Plan plan, int position, int highest, bint closed)
    @cython.locals(ticket=_Ticket)
    cdef void _after_end(self, Event event, long long now, _Ended ended, list out) except *
    @cython.locals(step=_Step, plan=_Plan, decision=tuple)
    cdef void _escalated(self, _Ticket ticket, Event event, long long now, list out) except *
    @cython.locals(step=_Step, plan=_Plan, deadline='long long')
    cdef void _priority_changed(
        self, _Ticket ticket, Event event, long long now, list out
    ) except *
    @cython.locals(step=_Step, decision=tuple, kind=int, contacts=tuple, notify=tuple)
    cdef void _trigger(self, _Ticket ticket, Event event, long long now, list out) except *
    @cython.locals(plan=_Plan, best_position=int, position=int, notify=tuple)
    cdef tuple _trigger_decision(self, _Ticket ticket, str name)
