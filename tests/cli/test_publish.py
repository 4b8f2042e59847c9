"""reecal export and reecal lint through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import DATA, ROOT, Run


def test_export_check(run: Run, tmp_path: Path) -> None:
    r = run("export", "--check", "--out", str(ROOT / "calendars"))
    assert (r.exit_code, r.output) == (0, f"{ROOT / 'calendars'}: 4 feeds up to date\n")
    out = tmp_path / "cal"
    r = run("export", "--out", str(out))
    assert r.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in (ROOT / "calendars").iterdir())
    (out / "events.ics").write_bytes(b"stale")
    r = run("export", "--check", "--out", str(out))
    assert r.exit_code == 1
    assert r.output == f"reecal: error: stale in {out}: events.ics (run 'reecal export')\n"


def test_export_to_an_impossible_place_is_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = run("export", "--out", str(tmp_path / "file" / "sub"))
    assert r.exit_code == 1 and r.output.startswith("reecal: error: cannot create ")
    r = run("export", "--out", str(tmp_path / "o"), "--base-url", "javascript:alert(1)")
    assert r.exit_code == 1 and "only http and https" in r.output
    assert not (tmp_path / "o").exists()


def test_lint_exit_codes_and_json(run: Run) -> None:
    good = run("lint", str(DATA / "ics" / "good.ics"))
    assert (good.exit_code, good.output) == (0, "")
    bad = run("lint", str(DATA / "ics" / "bare-lf.ics"))
    assert bad.exit_code == 1
    assert bad.output.splitlines()[0].startswith(f"{DATA / 'ics' / 'bare-lf.ics'}:1: ")
    js = run("lint", "--format", "json", str(DATA / "ics" / "long-line.ics"))
    assert js.exit_code == 1
    [row] = json.loads(js.output)
    assert set(row) == {"file", "line", "code", "message"}
    assert row["code"] == "long-line"
