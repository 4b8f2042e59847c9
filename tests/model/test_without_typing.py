"""What the agenda's start-up does without typing and re is what typing and re do."""

from __future__ import annotations

import re
import subprocess
import sys
import typing
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reecal._namedtuple import NamedTuple
from reecal.formats.fit import _words
from reecal.model import zones
from reecal.model.dates import Dates, Point
from reecal.query.agenda import Deadline, Item
from tests.strategies import seeded
from tests.support import FUZZ

ZONE_TEXT = st.text(st.sampled_from("Aa9_+-/\n .é"), max_size=12)


@FUZZ
@given(ZONE_TEXT)
@seeded(["UTC\n", "a/", "/a", "a//b", "A/b/c", "9x", "", "\n", "a\n\n", "a/b\n"])
def test_a_zones_name_as_the_pattern_reads_it(name: str) -> None:
    assert zones._named(name) is (re.match(zones._NAME, name) is not None)


@FUZZ
@given(st.text(st.sampled_from("ab \u3000\t"), max_size=16))
def test_words_as_findall_reads_them(text: str) -> None:
    assert _words(text) == re.findall(r"( *)([^ ]+)", text)


def _made(base: Any) -> Any:
    """The same class, on typing's NamedTuple or on ours."""
    class Made(base):  # type: ignore[misc,valid-type]
        """Doc."""

        a: int
        b: str = "x"

        def twice(self) -> int:
            return self.a * 2

        @property
        def both(self) -> str:
            return f"{self.a}{self.b}"

    return Made


def test_a_named_tuple_as_typing_makes_it() -> None:
    for made in (_made(NamedTuple), _made(typing.NamedTuple)):
        one = made(2)
        assert (one, one.twice(), one.both, made._fields, made._field_defaults, made.__doc__,
                one._asdict(), one._replace(b="y"), made.__name__, tuple(one)) == (
            (2, "x"), 4, "2x", ("a", "b"), {"b": "x"}, "Doc.", {"a": 2, "b": "x"},
            made(2, "y"), made.__name__, (2, "x"))
        assert set(made.__annotations__) == {"a", "b"}
    for ours in (Point, Dates, Item, Deadline):
        assert issubclass(ours, tuple) and ours.__module__.startswith("reecal.")
        assert ours.__doc__ and not ours.__doc__.startswith(ours.__name__ + "(")


def test_the_agendas_modules_import_no_typing_and_no_re() -> None:
    code = ("import sys; before = set(sys.modules); "
            "import reecal.cli.fast, reecal.formats.reports, reecal.formats.terminal, "
            "reecal.formats.briefs, reecal.loading.files; "
            "print(sorted(m for m in ('typing', 're') if m in set(sys.modules) - before))")
    out = subprocess.run([sys.executable, "-I", "-S", "-c", f"import sys; sys.path[:0] = "
                          f"{sys.path!r}; {code}"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
