"""reecal import on mutated calendar files: drafts or one clean ImportFailed, never
another exception, and messages free of control characters."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

import reecal
from reecal.errors import ImportFailed
from tests.importing.corpus import GOOD
from tests.support import FUZZ

SOURCES = [p.read_bytes() for p in GOOD]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(data)))
        chunk = draw(st.binary(max_size=4) | st.sampled_from(
            [b"\r\n", b"\r\n ", b":", b";", b"TZID=Nowhere", b"BEGIN:VEVENT\r\n",
             b"END:VEVENT\r\n", b"RRULE:FREQ=DAILY\r\n", b"99999999", b"T250000Z",
             b"\xe4\xb8", b"\x00", b"\x1b[2J", b"RECURRENCE-ID:20260101\r\n"]))
        data = data[:pos] + chunk + data[pos + draw(st.integers(0, 8)):]
    return data


@FUZZ
@given(mutated())
def test_import_gives_drafts_or_one_clean_error(data: bytes) -> None:
    lines: list[str] = []
    try:
        drafts = reecal.import_ics(data, name="fuzz.ics", now=datetime(2026, 1, 10, tzinfo=UTC),
                                   until=date(2027, 1, 10))
    except ImportFailed as exc:
        lines = exc.lines()
    else:
        assert all(d.record.sources[0].document == drafts.document for d in drafts.drafts)
        return
    assert lines
    for line in lines:
        assert line.startswith("fuzz.ics:")
        assert not re.search(r"[\x00-\x1f\x7f]", line), line
