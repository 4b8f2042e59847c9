"""Large inputs cost what their size says: a long chain of parents is checked and
listed in linear time, counted rather than timed (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reecal.model.records import Event
from tests.support import GOOD, Run

CHAIN = 1_500


def chain(n: int) -> str:
    """A data file of *n* events, each (but the first) a part of the one before."""
    first = GOOD.index("[[event]]")
    head, event = GOOD[:first], GOOD[first:]
    events = [event.replace('id = "acme-magnet-summit-2027"',
                            f'id = "part-{i}"' + (f'\nparent = "part-{i - 1}"' if i else ""))
              for i in range(n)]
    return head + "\n".join(events)


def test_a_chain_of_parents_is_read_a_few_times_per_record(tmp_path: Path, run: Run,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    data = tmp_path / "chain.toml"
    data.write_text(chain(CHAIN), encoding="utf-8")
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
