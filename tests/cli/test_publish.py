"""reecal export and reecal lint through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reecal.formats.lint import MAX_BYTES
from tests.support import DATA, ROOT, Run


def test_export_check(run: Run, tmp_path: Path) -> None:
    r = run("export", "--check", "--out", str(ROOT / "calendars"))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", f"{ROOT / 'calendars'}: up to date "
                                                        "(6 files)\n")
    out = tmp_path / "cal"
    r = run("export", "--out", str(out))
    assert r.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in (ROOT / "calendars").iterdir())
    (out / "events.ics").write_bytes(b"stale")
    r = run("export", "--check", "--out", str(out))
    assert r.exit_code == 1
    assert r.output == f"reecal: error: stale in {out}: events.ics (run 'reecal export')\n"


def test_export_check_without_the_directory_says_so(run: Run, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run("export", "--check")
    assert (r.exit_code, r.output) == (1, "reecal: error: calendars: no such directory (run "
                                          "'reecal export' to create it, or give --out DIR)\n")
    (tmp_path / "calendars").write_text("a file", encoding="utf-8")
    for args in (("--check",), ()):
        r = run("export", *args)
        assert (r.exit_code, r.output) == (1, "reecal: error: calendars: exists and is not "
                                              "a directory (give --out DIR)\n")
    assert (tmp_path / "calendars").read_text(encoding="utf-8") == "a file"


def test_export_names_what_it_wrote(run: Run, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run("export", "--out", "public")
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout == "".join(f"wrote public/{n}\n" for n in (
        "all.ics", "events.ics", "deadlines.ics", "deadlines-alerts.ics", "changes.atom",
        "README.md"))
    again = run("export", "--out", "public")
    assert (again.exit_code, again.stdout, again.stderr) == (
        0, "", "public: already up to date (6 files)\n")
    # a feed reecal wrote is replaced when stale, and only it
    feed = tmp_path / "public" / "events.ics"
    feed.write_bytes(feed.read_bytes().replace(b"X-WR-CALNAME:", b"X-WR-CALNAME:Old "))
    r = run("export", "--out", "public")
    assert (r.exit_code, r.stdout) == (0, "wrote public/events.ics\n")


def test_export_replaces_only_files_reecal_wrote(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    theirs = {"README.md": b"# My site\n", "all.ics": (DATA / "ics" / "good.ics").read_bytes(),
              "notes.txt": b"mine\n"}
    for name, data in theirs.items():
        (out / name).write_bytes(data)
    r = run("export", "--out", str(out))
    assert (r.exit_code, r.output) == (1, f"reecal: error: {out}: README.md, all.ics were not "
                                          "written by reecal; move them or pass --force to "
                                          "replace them\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == theirs  # nothing written
    (out / "README.md").unlink()
    r = run("export", "--out", str(out))
    assert r.exit_code == 1 and "all.ics was not written by reecal; move it or" in r.output
    r = run("export", "--out", str(out), "--force")
    assert r.exit_code == 0 and "wrote " + str(out / "all.ics") in r.stdout.splitlines()
    assert (out / "notes.txt").read_bytes() == b"mine\n"  # not a target: never touched
    assert run("export", "--out", str(out)).exit_code == 0  # now all reecal's


def test_export_examples_run_as_written(run: Run, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shown = run("export", "--help").output.split("Examples:\n", 1)[1]
    examples = [line.split("#", 1)[0].split() for line in shown.splitlines()
                if line.strip().startswith("reecal export")]
    assert len(examples) == 3
    for args in examples:
        r = run(*args[1:])
        assert r.exit_code == 0, (args, r.output)
    assert (tmp_path / "calendars" / "all.ics").is_file()
    readme = (tmp_path / "feeds" / "README.md").read_text(encoding="utf-8")
    assert "https://example.org/calendars/all.ics" in readme


def test_export_to_an_impossible_place_is_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = run("export", "--out", str(tmp_path / "file" / "sub"))
    assert r.exit_code == 1 and r.output.startswith("reecal: error: cannot create ")
    r = run("export", "--out", str(tmp_path / "o"), "--base-url", "javascript:alert(1)")
    assert r.exit_code == 1 and "only http and https" in r.output
    assert not (tmp_path / "o").exists()


def test_lint_exit_codes_and_json(run: Run) -> None:
    good = run("lint", str(DATA / "ics" / "good.ics"))
    assert (good.exit_code, good.stdout) == (0, "")
    assert good.stderr == "reecal lint: 1 file checked, no findings\n"
    bad = run("lint", str(DATA / "ics" / "bare-lf.ics"))
    assert bad.exit_code == 1
    assert bad.stdout.splitlines()[0].startswith(f"{DATA / 'ics' / 'bare-lf.ics'}:1: ")
    js = run("lint", "--format", "json", str(DATA / "ics" / "good.ics"),
             str(DATA / "ics" / "long-line.ics"))
    assert js.exit_code == 1
    [row] = json.loads(js.stdout)
    assert set(row) == {"file", "line", "code", "message"}
    assert row["code"] == "long-line"
    assert js.stderr == "reecal lint: 2 files checked, 1 finding in 1 file\n"


def test_lint_summary_counts_files_and_findings(run: Run) -> None:
    names = [str(DATA / "ics" / n) for n in ("good.ics", "bare-lf.ics", "good.ics", "nesting.ics")]
    r = run("lint", *names)
    found = r.stdout.splitlines()
    assert r.exit_code == 1 and len(found) >= 2
    assert r.stderr == f"reecal lint: 4 files checked, {len(found)} findings in 2 files\n"
    assert run("lint", *names[::2]).stderr == "reecal lint: 2 files checked, no findings\n"


def test_lint_summary_counts_the_findings_cut_short_too(run: Run) -> None:
    body = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + b"x\r\n" * 250 + \
        b"END:VCALENDAR\r\n"
    r = run("lint", "-", input=body)
    assert r.stdout.count("\n") == 101 and "150 more like the syntax finding" in r.stdout
    assert r.stderr == "reecal lint: 1 file checked, 250 findings in 1 file\n"


def test_lint_refuses_an_empty_file_name(run: Run) -> None:
    r = run("lint", "")
    assert (r.exit_code, r.stderr) == (2, "reecal: usage error: an empty path names no file "
                                          "(see 'reecal lint --help')\n")


def test_lint_reads_standard_input(run: Run) -> None:
    good = (DATA / "ics" / "good.ics").read_bytes()
    r = run("lint", "-", input=good)
    assert (r.exit_code, r.stdout, r.stderr) == (
        0, "", "reecal lint: 1 file checked, no findings\n")
    r = run("lint", str(DATA / "ics" / "good.ics"), "-",
            input=(DATA / "ics" / "bare-lf.ics").read_bytes())
    assert r.exit_code == 1
    assert r.stdout.startswith("<stdin>:1: line ends with a bare LF")
    assert r.stderr.startswith("reecal lint: 2 files checked, ")
    r = run("lint", "-", input=good + b"X" * MAX_BYTES)
    assert r.stdout == "<stdin>: input is larger than 8 MiB; not read\n"
    r = run("lint", "-", "-", input=good)
    assert r.exit_code == 2 and "'-' (standard input) can be given only once" in r.stderr


@pytest.mark.parametrize(("name", "data", "start"), [
    ("page.html", b"<!DOCTYPE html>\n<html>\n" + b"<p>Not found</p>\n" * 150, "<!DOCTYPE html>"),
    ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "\\x89PNG"),
    ("events.toml", b'[[event]]\nid = "x"\n', "[[event]]"),
    ("evil.ics", b"\x1b]0;owned\x07\x1b[2J\r\n", "\\x1b]0;owned\\x07\\x1b[2J"),
])
def test_lint_of_a_file_that_is_not_icalendar_is_one_line(run: Run, tmp_path: Path, name: str,
                                                          data: bytes, start: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (tmp_path / "empty.ics").write_bytes(b"")
    r = run("lint", str(path), str(tmp_path / "empty.ics"))
    assert r.exit_code == 1
    expected = "; expected BEGIN:VCALENDAR)\n"
    assert r.stdout == (f'{path}: not an iCalendar file (it starts with "{start}"{expected}'
                        f"{tmp_path / 'empty.ics'}: not an iCalendar file (it is empty{expected}")
    assert r.stderr == "reecal lint: 2 files checked, 2 findings in 2 files\n"


def test_export_refuses_a_change_after_the_clock_not_after_today(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta

    import reecal
    import reecal.cli.settings

    newest = max(r.updated for r in reecal.load())
    out = tmp_path / "cal"
    out.mkdir()
    monkeypatch.setattr(reecal.cli.settings, "wall_clock", lambda: newest - timedelta(minutes=1))
    for args in ((), ("--check",)):
        r = run("export", "--out", str(out), *args)
        assert r.exit_code == 1 and f"is updated {newest.isoformat()}, after now " \
            f"({(newest - timedelta(minutes=1)).isoformat()}): a change cannot be published" \
            in r.output, r.output
    assert list(out.iterdir()) == []
    monkeypatch.setattr(reecal.cli.settings, "wall_clock", lambda: newest)
    # --today is the day views are computed for, not the moment of publishing
    assert run("--today", "2000-05-01", "export", "--out", str(out)).exit_code == 0
    assert run("export", "--check", "--out", str(out)).exit_code == 0


def test_export_names_the_imported_drafts_it_publishes(run: Run, tmp_path: Path) -> None:
    r = run("--data", str(DATA / "imports" / "drafts"), "export", "--out",
            str(tmp_path / "cal"))
    assert r.exit_code == 0
    assert r.stderr.endswith("note: published 3 imported drafts no curator has checked: "
                             "exhibitor-briefing-online-2026, china-rare-earth-industry-"
                             "forum-2026, late-session-magnet-supply-chain-round-table-2026\n")
    assert "note:" not in run("export", "--out", str(tmp_path / "plain")).stderr
