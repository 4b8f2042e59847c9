"""Hostile input: nothing that reads .ics or data files crashes, and nothing changes
a user's files.  Fuzzing runs 10,000 inputs per reader."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reecal.errors import DataError
from reecal.feeds import sequence_problems
from reecal.lint import Finding, lint_bytes
from reecal.loader import parse_records

from .conftest import DATA, ROOT

GOOD_ICS = (DATA / "ics" / "good.ics").read_bytes()
FEED = (ROOT / "calendars" / "all.ics").read_bytes()
FUZZ = settings(max_examples=10_000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """A real feed with random bytes inserted, deleted or overwritten."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
            [b"\r", b"\n", b"\r\n ", b":", b";", b",", b"\\", b"\xe4\xb8", b"\xff",
             b"BEGIN:VEVENT\r\n", b"END:VCALENDAR\r\n", b"TZID=", b'"']))
        if op == "insert":
            data[pos:pos] = chunk
        elif op == "delete":
            del data[pos:pos + len(chunk)]
        else:
            data[pos:pos + len(chunk)] = chunk
    return bytes(data)


ICS_INPUTS = st.one_of(st.binary(max_size=2000), mutated(GOOD_ICS), mutated(FEED))


@FUZZ
@given(ICS_INPUTS)
def test_lint_never_crashes(data: bytes) -> None:
    found = lint_bytes(data, "fuzz.ics")
    assert all(isinstance(f, Finding) and f.line >= 0 for f in found)
    for f in found:
        assert "\n" not in str(f) and "\r" not in str(f)


@FUZZ
@given(ICS_INPUTS)
def test_sequence_guard_reads_any_old_feed(data: bytes) -> None:
    assert isinstance(sequence_problems(data, FEED), list)


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


@FUZZ
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


@settings(max_examples=30, deadline=None)
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
    assert all(line.startswith(f"{f}:") for line in r.output.splitlines())


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", [
    ["list"], ["upcoming", "--days", "9999"], ["deadlines"], ["search", "acme"],
    ["show", "acme-magnet-summit-2027"], ["list", "--format", "ics"],
    ["export", "--out", "{out}"], ["export", "--check", "--out", "{out}"],
])
def test_no_command_modifies_a_user_data_file(args: list[str], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reecal.cli import main

    from .test_loader import GOOD

    data = tmp_path / "mine.toml"
    data.write_text(GOOD, encoding="utf-8")
    os.chmod(data, 0o644)
    before = (_sha(data), data.stat().st_mtime_ns, data.stat().st_mode)
    argv = ["--today", "2026-01-01", "--data", str(data),
            *[a.replace("{out}", str(tmp_path / "cal")) for a in args]]
    r = CliRunner().invoke(main, argv)
    assert r.exit_code in (0, 1), r.output
    assert (_sha(data), data.stat().st_mtime_ns, data.stat().st_mode) == before


def test_exports_are_byte_identical_across_processes_zones_locales_and_hash_seeds(
        tmp_path: Path) -> None:
    outs = []
    for i, (tz, lang, seed) in enumerate([("Asia/Shanghai", "C.UTF-8", "0"),
                                          ("America/Los_Angeles", "POSIX", "12345"),
                                          ("Pacific/Chatham", "C", "random")]):
        out = tmp_path / f"cal{i}"
        env = {**os.environ, "TZ": tz, "LANG": lang, "LC_ALL": lang, "PYTHONHASHSEED": seed}
        env.pop("REECAL_TODAY", None)
        subprocess.run([sys.executable, "-m", "reecal", "export", "--out", str(out)],
                       check=True, env=env, capture_output=True, cwd=tmp_path)
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1] == outs[2]
    committed = {p.name: p.read_bytes() for p in sorted((ROOT / "calendars").iterdir())}
    assert outs[0] == committed
