"""The SEQUENCE guard reads any old feed, however broken, without failing."""

from __future__ import annotations

from hypothesis import given

from reecal.publish.guard import sequence_problems
from tests.strategies import ics_inputs
from tests.support import FUZZ, ROOT

FEED = (ROOT / "calendars" / "all.ics").read_bytes()


@FUZZ
@given(ics_inputs())
def test_sequence_guard_reads_any_old_feed(data: bytes) -> None:
    assert isinstance(sequence_problems(data, FEED), list)
