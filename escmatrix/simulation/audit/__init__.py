"""The audit (SPEC section 8): each ticket's actual path against what the matrix prescribes.

:mod:`~escmatrix.simulation.audit.core` follows the tickets and finds the deviations,
:mod:`~escmatrix.simulation.audit.summary` holds the figures, and
:mod:`~escmatrix.simulation.audit.run` reads a log into a sink.
"""

from escmatrix.simulation.audit.core import (
    FIELDS,
    KINDS,
    ROW_EVENT,
    Audit,
    AuditError,
    Deviation,
)
from escmatrix.simulation.audit.run import AuditOptions, AuditSink, audit, group_fields
from escmatrix.simulation.audit.summary import AuditSummary

__all__ = [
    "FIELDS",
    "KINDS",
    "ROW_EVENT",
    "Audit",
    "AuditError",
    "AuditOptions",
    "AuditSink",
    "AuditSummary",
    "Deviation",
    "audit",
    "group_fields",
]
