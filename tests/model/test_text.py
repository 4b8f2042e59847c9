"""Property tests: text the rules forbid is refused in every field, and line breaks
in multi-line text are kept exactly, as one LF each."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reecal import Event, FieldError, Kind, Source
from tests.strategies import text

# ------------------------------------------------------------------ rejected text


FORBIDDEN = st.one_of(
    st.characters(categories=("Cc",)).filter(lambda c: c not in "\n\t"),
    st.sampled_from(["\u2028", "\u2029", "\ufffe", "\uffff", "\ufdd0", "\ufeff", "\u202a",
                     "\u202e"]))


@given(prefix=text(long=False), bad=FORBIDDEN, field=st.sampled_from(["title", "title_zh"]))
def test_single_line_fields_reject_controls_and_separators(prefix: str, bad: str,
                                                           field: str) -> None:
    kw: dict[str, object] = {"id": "x", "kind": Kind.FORUM, "title": "T",
                             "start": date(2026, 1, 1), "updated": datetime(2026, 1, 1, tzinfo=UTC),
                             "sources": (Source(document="d", quote="q"),)}
    kw[field] = prefix + bad + "x"
    with pytest.raises(FieldError) as err:
        Event(**kw)  # type: ignore[arg-type]
    assert err.value.field == field


@given(before=text(multiline=True, long=False), after=text(multiline=True, long=False))
def test_multiline_fields_normalise_cr_and_crlf(before: str, after: str) -> None:
    for sep in ("\r\n", "\r"):
        original = before + sep + after
        s = Source(document="d", quote=original)
        assert "\r" not in s.quote
        # every line break (CRLF, CR or LF) is kept as exactly one LF
        assert s.quote.split("\n") == re.split(r"\r\n|\r|\n", original)
