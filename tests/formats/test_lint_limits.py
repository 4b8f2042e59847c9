"""Every hostile file of benchmarks/hostile.py, at 128 KB: bounded findings and memory.

The benchmark times the same files at 8 MB in their own processes (the issue's goal:
under 10 s and 300 MB); here tracemalloc measures what the linter allocates, which
grew with the file before (3 GB for 8 MB of commas, 570 MB for 8 MB of folds)."""

from __future__ import annotations

import importlib.util
import tracemalloc

import pytest

from reecal.formats.lint import lint_bytes
from tests.support import ROOT

_SPEC = importlib.util.spec_from_file_location("hostile", ROOT / "benchmarks" / "hostile.py")
assert _SPEC is not None and _SPEC.loader is not None
hostile = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(hostile)

SIZE = 128 * 1024
CASES = hostile.cases(SIZE)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_file_takes_bounded_memory_and_findings(name: str) -> None:
    data = CASES[name]
    tracemalloc.start()
    try:
        found = lint_bytes(data, "hostile.ics")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * SIZE + 2 * 2**20  # the file is the caller's; a few copies of a line
    assert len(found) <= 2 * 101  # a hundred of a kind and a count, at most two kinds
