"""The group: its options (before or after nothing else), the environment, errors as one
line with an exit code, the output dispatch (colour, formats), and bad data."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import BAD, DATA, GOOD, ROOT, Run, expected_error


def test_env_today_and_tz(run: Run) -> None:
    a = run("--today", "2025-11-12", "--tz", "UTC", "deadlines", "--format", "json")
    b = run("deadlines", "--format", "json",
            env={"REECAL_TODAY": "2025-11-12", "REECAL_TZ": "UTC"})
    assert a.output == b.output


def test_user_data_and_no_bundled(run: Run, tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(GOOD, encoding="utf-8")
    r = run("--data", str(f), "--no-bundled", "list", "--format", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.output))] == [
        "acme-magnet-summit-2027"]
    r = run("list", "--format", "csv", env={"REECAL_DATA": str(f)})
    assert "acme-magnet-summit-2027" in r.output and "baotou-rare-earth-forum-15" in r.output
    r = run("--no-bundled", "list")
    assert r.exit_code == 2


@pytest.mark.parametrize("how", ["trailing colon", "empty option"])
def test_an_empty_data_path_never_loads_the_working_directory(
        how: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = (run("list", env={"REECAL_DATA": f"{tmp_path}:"}) if how == "trailing colon"
         else run("--data", "", "list"))
    assert r.exit_code == 1 and "acme" not in r.stdout
    assert r.stderr == ('reecal: error: "": an empty path names no file (it would mean the '
                        "current directory)\n")


@pytest.mark.parametrize("args", [
    ["upcoming", "--kind", "congress"],
    ["--today", "2025-02-30", "upcoming"],
    ["--tz", "Mars/Base", "upcoming"],
    ["nosuch"],
    ["upcoming", "--days", "-1"],
    ["--today", "2026-05-01", "upcoming", "--until", "2026-04-01"],
    ["show"],
])
def test_usage_errors_exit_2_with_one_line(run: Run, args: list[str]) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert len(r.output.splitlines()) == 1
    assert r.output.startswith("reecal: usage error: ")


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_data_through_the_cli(run: Run, path: Path, tmp_path: Path) -> None:
    """One line naming file, record and field; exit 1; nothing written; file unchanged."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    r = run("--data", str(path), "upcoming")
    assert r.exit_code == 1
    assert r.output == f"reecal: error: {expected_error(path)}\n"
    out = tmp_path / "cal"
    r = run("--data", str(path), "export", "--out", str(out))
    assert r.exit_code == 1
    assert not out.exists()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_version_and_python_m() -> None:
    out = subprocess.run([sys.executable, "-m", "reecal", "--version"], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    assert out.stdout == "reecal, version 0.1.0\n"


def test_no_color_when_piped_and_with_no_color(run: Run) -> None:
    r = run("--today", "2025-11-17", "--tz", "UTC", "upcoming")
    assert "\x1b[" not in r.output


def test_color_on_a_tty_by_urgency(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    import reecal
    from reecal.cli.streams import color
    from reecal.formats import rows, terminal

    ds = reecal.load()
    now = datetime(2025, 11, 17, 10, tzinfo=UTC)
    found = rows.upcoming_rows(ds.upcoming(now, within=200), now, UTC)
    text = terminal.table(found, [terminal.Column("id", "ID")], color=True)
    lines = text.splitlines()
    assert lines[1].startswith(terminal.RED)  # closes within a day
    assert not lines[2].startswith("\x1b")   # two months away
    monkeypatch.setenv("NO_COLOR", "1")
    assert color() is False


def test_cli_choices_agree_with_the_enums() -> None:
    from reecal.cli.options import KINDS, STATUSES
    from reecal.model.enums import Kind, Status

    assert tuple(k.value for k in Kind) == KINDS
    assert tuple(s.value for s in Status) == STATUSES


@pytest.mark.parametrize("command", ["upcoming", "deadlines", "list"])
def test_empty_csv_still_has_its_header(run: Run, command: str) -> None:
    from reecal.formats import rows

    fields = {"upcoming": rows.UPCOMING_FIELDS, "deadlines": rows.DEADLINE_FIELDS,
              "list": rows.RECORD_FIELDS}[command]
    r = run("--today", "2025-11-01", command, "--tag", "nope", "--format", "csv")
    assert (r.exit_code, r.output) == (0, ",".join(fields) + "\n")


def test_row_keys_are_the_documented_fields(run: Run) -> None:
    from reecal.formats.rows import DEADLINE_FIELDS, RECORD_FIELDS, UPCOMING_FIELDS

    for command, fields in (("upcoming", UPCOMING_FIELDS), ("deadlines", DEADLINE_FIELDS)):
        r = run("--today", "2025-11-12", command, "--days", "400", "--format", "json"
                ) if command == "upcoming" else run("--today", "2025-11-12", command,
                                                    "--format", "json")
        found = json.loads(r.output)["items" if command == "upcoming" else "deadlines"]
        assert found and all(tuple(row) == fields for row in found)
    found = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").output)))
    assert found and all(tuple(row) == RECORD_FIELDS for row in found)


def test_the_groups_format_applies_where_a_command_has_it(run: Run) -> None:
    """--format before the command is the command's format; a command without that
    format is a usage error naming the formats it has, never text printed instead."""
    lint = run("--format", "csv", "lint", str(DATA / "ics" / "good.ics"))
    assert lint.exit_code == 2 and lint.output.startswith(
        "reecal: usage error: 'reecal lint' has no csv output (its formats are text, json) ")
    assert run("--format", "csv", "show", "cast-doctoral-talent-2025").exit_code == 2
    assert "has no json output (it has none)" in run("--format", "json", "export").output
    assert run("--format", "json", "show", "cast-doctoral-talent-2025").output.startswith("{")
    assert run("--format", "csv", "list").output.startswith("first_day,last_day,")
