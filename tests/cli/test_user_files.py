"""No command changes a user's data file, and exports are the same bytes everywhere."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import GOOD, ROOT, Run


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", [
    ["list"], ["upcoming", "--days", "9999"], ["deadlines"], ["search", "acme"],
    ["show", "acme-magnet-summit-2027"], ["list", "--format", "ics"],
    ["export", "--out", "{out}"], ["export", "--check", "--out", "{out}"],
])
def test_no_command_modifies_a_user_data_file(args: list[str], tmp_path: Path, run: Run) -> None:
    data = tmp_path / "mine.toml"
    data.write_text(GOOD, encoding="utf-8")
    os.chmod(data, 0o644)
    before = (_sha(data), data.stat().st_mtime_ns, data.stat().st_mode)
    argv = ["--today", "2026-01-01", "--data", str(data),
            *[a.replace("{out}", str(tmp_path / "cal")) for a in args]]
    r = run(*argv)
    assert r.exit_code in (0, 1), r.output
    assert (_sha(data), data.stat().st_mtime_ns, data.stat().st_mode) == before


@pytest.mark.slow
def test_exports_are_byte_identical_across_processes_zones_locales_and_hash_seeds(
        tmp_path: Path) -> None:
    outs = []
    for i, (tz, lang, seed) in enumerate([("Asia/Shanghai", "C.UTF-8", "0"),
                                          ("America/Los_Angeles", "POSIX", "12345"),
                                          ("Pacific/Chatham", "C", "random")]):
        out = tmp_path / f"cal{i}"
        env = {**os.environ, "TZ": tz, "LANG": lang, "LC_ALL": lang, "PYTHONHASHSEED": seed,
               "PYTHONPATH": str(ROOT)}  # this checkout's reecal, not an installed one
        env.pop("REECAL_TODAY", None)
        subprocess.run([sys.executable, "-m", "reecal", "export", "--out", str(out)],
                       check=True, env=env, capture_output=True, cwd=tmp_path)
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1] == outs[2]
    committed = {p.name: p.read_bytes() for p in sorted((ROOT / "calendars").iterdir())}
    assert outs[0] == committed


@pytest.mark.parametrize("name", ["evil\x1b[2Jname.toml", "two\nlines.toml", "bidi\u202eevil.toml",
                                  "bell\x07\x9b.toml"])
def test_hostile_text_in_a_message_is_escaped_onto_one_line(name: str, tmp_path: Path,
                                                            run: Run) -> None:
    bad = tmp_path / name
    bad.write_text(GOOD.replace('title = "', '"ti\\u001b]0;owned\\u0007tle" = 1\ntitle = "', 1)
                   + '\n[[event]]\nid = "x\\u202ey"\n', encoding="utf-8")
    r = run("--no-bundled", "--data", str(bad), "list")
    assert r.exit_code == 1
    message = r.stderr
    assert message.count("\n") == 1 and message.startswith("reecal: error: ")
    assert message[:-1].isprintable(), repr(message)
    assert "\\x1b" in message or "\\n" in message or "\\u202e" in message or "\\x07" in message


@pytest.mark.parametrize("body", [
    "[[event]]\n" + "x" * 100_000 + " = 1\nid = \"a\"\n",
    '"' + "a." * 1_000 + 'a" = 1\n',
], ids=["a 100,000-character field", "a 2,000-character section"])
def test_a_huge_name_from_the_input_is_cut_short_in_the_message(body: str, tmp_path: Path,
                                                                run: Run) -> None:
    bad = tmp_path / "huge.toml"
    bad.write_text(body, encoding="utf-8")
    r = run("--no-bundled", "--data", str(bad), "list")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert len(r.stderr) < 600 and "…" in r.stderr
    assert r.stderr.startswith(f"reecal: error: {bad}:")  # with the line
