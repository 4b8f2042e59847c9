"""The linter reads anything: random and mutated feeds get findings, never a crash, and
each finding is one line (the CLI included).  Input counts come from the profile."""

from __future__ import annotations

import pytest
from hypothesis import given

from reecal.formats.lint import Finding, lint_bytes
from tests.strategies import ics_inputs, mutated, seeded
from tests.support import FUZZ, ROOT

FEED = (ROOT / "calendars" / "all.ics").read_bytes()


SEEDS = [p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "ics").glob("*.ics"))]
HEAD = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
SEEDS += [HEAD + b"X-A;P=" + b"," * 20_000 + b":v\r\n", HEAD + b"END:X\r\n" * 2_000,
          HEAD + b"BEGIN:X\r\n" * 2_000, HEAD + b"SUMMARY:\xff\r\n" * 500,
          b"\xef\xbb\xbf" + HEAD, HEAD + b"END:VCALENDAR\r\n" + b"X-A:b\r\n" * 500]
"""The lint corpus (one defect per file) and the hostile files of issue 13, small."""


@FUZZ
@seeded(SEEDS)
@given(ics_inputs())
def test_lint_never_crashes(data: bytes) -> None:
    found = lint_bytes(data, "fuzz.ics")
    assert all(isinstance(f, Finding) and f.line >= 0 for f in found)
    for f in found:
        assert "\n" not in str(f) and "\r" not in str(f)


@given(data=mutated(FEED))
def test_cli_lint_on_garbage_is_one_line_per_finding_never_a_traceback(
        data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    from click.testing import CliRunner

    from reecal.cli import main

    f = tmp_path_factory.mktemp("lint") / "x.ics"
    f.write_bytes(data)
    r = CliRunner().invoke(main, ["lint", str(f)])
    assert r.exit_code in (0, 1)
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert all(line.startswith(f"{f}:") for line in r.stdout.splitlines())
    assert r.stderr.startswith("reecal lint: 1 file checked, ") and r.stderr.count("\n") == 1


