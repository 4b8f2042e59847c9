"""Large inputs cost what their size says: a long chain of parents is checked and
listed in linear time, and a large data file listed in memory in proportion to its
size; both counted rather than timed (issue 13)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from click.testing import Result

from reecal.model.records import Event
from tests.support import GOOD, Run

CHAIN = 1_500
MANY = 300


def events(n: int, chained: bool = False) -> str:
    """A data file of *n* events (each but the first a part of the one before, if
    *chained*)."""
    first = GOOD.index("[[event]]")
    head, event = GOOD[:first], GOOD[first:]
    return head + "\n".join(
        event.replace('id = "acme-magnet-summit-2027"', f'id = "part-{i}"'
                      + (f'\nparent = "part-{i - 1}"' if chained and i else ""))
        for i in range(n))


def test_a_chain_of_parents_is_read_a_few_times_per_record(tmp_path: Path, run: Run,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    data = tmp_path / "chain.toml"
    data.write_text(events(CHAIN, chained=True), encoding="utf-8")
    reads = 0

    def parent(r: Event) -> str | None:
        nonlocal reads
        reads += 1
        value: str | None = r.__dict__["parent"]
        return value

    # every read of a record's parent, wherever it happens (attrs sets it in __dict__);
    # a walk from each record to the root, as the cycle check once did (36 s for 10,000
    # parts against 5.5 s without parents), reads it n²/2 times: a million here
    monkeypatch.setattr(Event, "parent", property(parent), raising=False)
    for fmt in ("json", "text"):  # parsed and checked, then from the cache
        reads = 0
        r = run("--no-bundled", "--data", str(data), "list", "--format", fmt)
        assert r.exit_code == 0, r.output
        assert CHAIN <= reads <= 20 * CHAIN


def test_a_large_file_is_listed_as_json_in_memory_in_proportion_to_its_size(
        tmp_path: Path, run: Run) -> None:
    empty, data = tmp_path / "empty.toml", tmp_path / "many.toml"
    empty.write_text("", encoding="utf-8")
    data.write_text(events(MANY), encoding="utf-8")

    def listing(path: Path) -> Result:
        return run("--no-bundled", "--data", str(path), "list", "--format", "json")

    assert listing(empty).exit_code == 0  # the modules it needs are imported
    tracemalloc.start()
    r = listing(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.exit_code == 0 and r.output.count('"kind": "forum"') == MANY
    # parsed, checked, cached and written out (the output, 3.6 times the file, is kept
    # here too): 36 times the file's size; 57 times when the JSON was joined into one
    # string and the parsed file, its bytes and the records were all held at once
    assert peak < 45 * data.stat().st_size, f"{peak / data.stat().st_size:.1f}x"
