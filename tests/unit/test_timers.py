"""The engine's timer heap: due order, ties in the order set, sequence numbers; the Python
heap and the C one (when built) behave the same."""

from __future__ import annotations

import heapq

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escmatrix.instants import NONE
from escmatrix.simulation import timers

KINDS = [timers.Timers]
try:
    from escmatrix.simulation._timers import Timers as CTimers
except ImportError:  # not built, or ESCMATRIX_PURE=1
    pass
else:
    KINDS.append(CTimers)


@pytest.mark.parametrize("kind", KINDS)
def test_empty(kind: type) -> None:
    heap = kind()
    assert len(heap) == 0 and heap.due() == NONE
    with pytest.raises(IndexError):
        heap.pop()


@pytest.mark.parametrize("kind", KINDS)
@given(st.lists(st.one_of(st.integers(-(2**61), 2**61), st.none()), max_size=300))
def test_pops_in_due_order_then_in_the_order_set(kind: type, plan: list[int | None]) -> None:
    """Each number pushes a timer due then; each None pops the earliest."""
    heap, model = kind(), []
    for step, due in enumerate(plan):
        if due is None:
            if model:
                expected_due, expected_seq, expected = heapq.heappop(model)
                assert heap.due() == expected_due
                assert heap.pop() is expected
                assert heap.popped == expected_seq
            continue
        ticket = object()
        seq = heap.push(due, ticket)
        heapq.heappush(model, (due, seq, ticket))
        assert seq == step + 1 - plan[:step].count(None)  # 1, 2, 3… in the order set
    assert len(heap) == len(model)
    while model:
        assert heap.pop() is heapq.heappop(model)[2]
