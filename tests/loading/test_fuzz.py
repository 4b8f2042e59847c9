"""The loader on mutated and random TOML: records or one clean DataError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reecal.errors import DataError
from reecal.loading.parse import parse_records
from tests.strategies import seeded
from tests.support import DATA, FUZZ

TOML_RECORD = (DATA / "bad" / "04-end-before-start.toml").read_text(encoding="utf-8")


@st.composite
def toml_texts(draw: st.DrawFn) -> str:
    text = TOML_RECORD
    for _ in range(draw(st.integers(1, 5))):
        pos = draw(st.integers(0, len(text)))
        chunk = draw(st.text(max_size=6) | st.sampled_from(
            ['"', "[[", "]]", "=", "\n", "1979-05-27", "T00:00:00Z", "[", "{", "}", "'''",
             "\\u0000", "kind", "tz", "9" * 30, "nan", "inf", "true"]))
        text = text[:pos] + chunk + text[pos + draw(st.integers(0, 3)):]
    return text


BOMBS = ["a = " + "[" * 500 + "]" * 500, "a" + ".a" * 20_000 + " = 1",
         "[[" + "a." * 5_000 + "a]]", "x = { " + "b." * 5_000 + "c = 1 }",
         "a = " + "{b=[" * 250 + "]}" * 250]
"""Issue 13's parser bombs, as seeds."""


@FUZZ
@seeded(BOMBS)
@given(st.one_of(st.text(max_size=500), toml_texts()))
def test_loader_gives_a_data_error_or_records(text: str) -> None:
    try:
        records = list(parse_records(text, "fuzz.toml"))
    except DataError as exc:
        message = str(exc)
        assert message.startswith("fuzz.toml")
        assert "\n" not in message and "\r" not in message
    else:
        assert all(r.origin.path == "fuzz.toml" for r in records)
