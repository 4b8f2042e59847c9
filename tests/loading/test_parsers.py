"""The compiled ``tomli``, where it is installed, and the standard ``tomllib`` give the
same records and the same one-line errors: the bad corpus and the parser bombs go
through the loader with each (the ``tomli`` arm is skipped where it is absent)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reecal import load
from reecal.errors import DataError
from reecal.loading.parse import parse_records
from tests.support import BAD, GOOD, expected_error

PARSERS = ["tomli", "tomllib"]
DEEP = {  # the compiled parser reads these; the standard one, and so the loader, refuses
    "nested-arrays": "a = " + "[" * 500 + "]" * 500 + "\n",
    "nested-tables": "a = " + "{b=[" * 250 + "]}" * 250 + "\n",
    "nested-in-a-record": GOOD.replace('\ntitle = "', "\ntags = " + "[" * 500 + "]" * 500
                                       + '\ntitle = "', 1),
}


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The parser the loader is to use: ``tomli`` (if installed) or ``tomllib`` alone."""
    if request.param == "tomli":
        pytest.importorskip("tomli")
    else:
        monkeypatch.setitem(sys.modules, "tomli", None)  # as if it were not installed
    return str(request.param)


def message(text: str) -> str:
    with pytest.raises(DataError) as err:
        list(parse_records(text, "x.toml"))
    return str(err.value)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_parser_gives_the_bad_corpus_its_message(path: Path, parser: str) -> None:
    with pytest.raises(DataError) as err:
        load([path])
    assert str(err.value) == expected_error(path)


@pytest.mark.parametrize("name", sorted(DEEP))
def test_nesting_the_standard_parser_refuses_is_refused_by_both(name: str, parser: str
                                                                ) -> None:
    assert message(DEEP[name]).startswith("x.toml:")
    assert "nested more than 64 deep" in message(DEEP[name])


def test_both_parsers_read_the_same_records(parser: str) -> None:
    import tomllib

    tables = [t for ts in tomllib.loads(GOOD).values() for t in ts]
    records = list(parse_records(GOOD, "x.toml"))
    assert [x.value.id for x in records] == [t["id"] for t in tables]
    assert all(x.origin.line for x in records)


def test_the_two_parsers_word_every_syntax_error_alike() -> None:
    """tomli's texts are tomllib's (the same project): every file of the corpus, and
    each cut short at every line, gives both the same error or the same document."""
    import tomllib

    tomli = pytest.importorskip("tomli")
    for path in BAD:
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = text.split("\n")
        for cut in range(1, len(lines) + 1):
            part = "\n".join(lines[:cut])
            results = []
            for module in (tomllib, tomli):
                try:
                    results.append(module.loads(part))
                except module.TOMLDecodeError as exc:
                    results.append(str(exc))
            assert results[0] == results[1], (path.name, cut)
