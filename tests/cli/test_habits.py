"""The command line as people use it: options where they put them, dates as they type
them, hints when nothing matches, values listed with counts, help and completion."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

import reecal
from reecal.cli.agenda import STATES
from reecal.cli.options import CRITERIA
from reecal.query.agenda import State
from reecal.query.facets import FIELDS
from tests.support import GOOD, Run

TODAY = ("--today", "2025-11-12")


def _ids(output: str) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(output))]


# ------------------------------------------------------------ options anywhere
@pytest.mark.parametrize("where", ["before", "after"])
def test_group_options_work_before_or_after_the_command(run: Run, tmp_path: Path,
                                                        where: str) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(GOOD, encoding="utf-8")
    opts = ["--today", "2027-03-01", "--tz", "Europe/Paris", "--data", str(mine),
            "--no-bundled", "--format", "json"]
    args = [*opts, "upcoming"] if where == "before" else ["upcoming", *opts]
    got = json.loads(run(*args).output)
    assert got["now"] == "2027-03-01T00:00:00+01:00" and got["tz"] == "Europe/Paris"
    assert [i["id"] for i in got["items"]] == ["acme-magnet-summit-2027"]


def test_the_example_in_the_groups_help_runs(run: Run) -> None:
    r = run("deadlines", "--tz", "Europe/Berlin", "--today", "2025-11-01")
    assert r.exit_code == 0 and "2025-11-17 16:59:59 (UTC+01:00)" in r.output


def test_an_option_after_the_command_wins_over_the_environment(run: Run) -> None:
    r = run("upcoming", "--today", "2026-05-01", "--format", "json",
            env={"REECAL_TODAY": "2020-01-01", "REECAL_TZ": "UTC"})
    assert json.loads(r.output)["now"] == "2026-05-01T00:00:00+00:00"
    assert json.loads(run("upcoming", "--format", "json", env={
        "REECAL_TODAY": "2026-05-01", "REECAL_TZ": "Asia/Shanghai"}).output)["now"] == (
        "2026-05-01T00:00:00+08:00")


def test_data_after_the_command_adds_to_the_data_before_it(run: Run, tmp_path: Path) -> None:
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    one.write_text(GOOD, encoding="utf-8")
    two.write_text(GOOD.replace("acme", "zeta"), encoding="utf-8")
    r = run("--no-bundled", "--data", str(one), "list", "--data", str(two), "--format", "csv")
    assert sorted(_ids(r.output)) == ["acme-magnet-summit-2027", "zeta-magnet-summit-2027"]
    from_env = run("list", "--no-bundled", "--data", str(two), "--format", "csv",
                   env={"REECAL_DATA": str(one)})
    assert _ids(from_env.output) == ["zeta-magnet-summit-2027"]  # the command line wins


@pytest.mark.parametrize("command", ["upcoming", "deadlines", "list", "search", "show",
                                     "values", "export", "serve"])
def test_each_commands_help_lists_the_group_options(run: Run, command: str) -> None:
    shown = run(command, "--help").output
    assert all(opt in shown for opt in ("--today", "--tz", "--data", "--no-bundled"))


def test_bare_reecal_shows_the_help_on_stdout(run: Run) -> None:
    r = run()
    assert r.exit_code == 0 and r.output.startswith("Usage: reecal [OPTIONS] COMMAND")
    assert "upcoming" in r.output and "usage error" not in r.output


def test_reecal_help_command(run: Run) -> None:
    assert run("help").output == run("--help").output
    assert run("help", "show").output == run("show", "--help").output
    assert run("help", "site", "build").output == run("site", "build", "--help").output
    wrong = run("help", "shwo")
    assert wrong.exit_code == 2 and 'did you mean "show"?' in wrong.output


# ------------------------------------------------------------ finding things
def test_a_tag_that_matches_nothing_suggests_the_near_one(run: Run) -> None:
    r = run(*TODAY, "list", "--tag", "magnet")
    assert r.output == ('No records match.\n'
                        'No record has the tag "magnet" (did you mean "magnets"?).\n')
    up = run(*TODAY, "upcoming", "--tag", "magnet").output
    assert up.startswith('No record has the tag "magnet" (did you mean "magnets"?).\n')


def test_search_suggests_and_matches_places_tags_and_organisations(run: Run) -> None:
    assert 'No record mentions "tungstn" (did you mean "tungsten"?).' in run(
        "search", "tungstn").output
    ds = reecal.load()
    for text in ("Nanchang", "magnet", "Jiangxi University", "CRES"):
        found = _ids(run("search", text, "--format", "csv").output)
        assert found and found == [r.id for r in ds.select(reecal.Filter(text=text))]
    assert _ids(run("search", "Nanchang", "--format", "csv").output) == [
        r.id for r in ds if r.place and r.place.city == "Nanchang"]


def test_kinds_statuses_and_tags_in_any_case(run: Run) -> None:
    lower = run("list", "--kind", "visit", "--tag", "delegation", "--format", "csv").output
    assert _ids(lower) and run("list", "--kind", "VISIT", "--tag", "Delegation",
                               "--status", "Confirmed", "--format", "csv").output == lower
    assert reecal.Filter(kinds=("Forum",), statuses=("TENTATIVE",)).kinds[0].value == "forum"


def test_an_unknown_zone_gets_a_hint_and_the_environment_is_checked(run: Run) -> None:
    r = run("list", "--tz", "Europe/Berln")
    assert r.exit_code == 2 and 'did you mean "Europe/Berlin"?' in r.output
    env = run("list", env={"REECAL_TZ": "Mars/Base"})  # list never needs the zone
    assert env.exit_code == 2 and "'REECAL_TZ': unknown time zone 'Mars/Base'" in env.output
    assert "did you mean" not in run("list", "--tz", "Asia/Beijing").output  # no wild guess
    for machine in ("localtime", "posix/UTC"):
        r = run("upcoming", "--tz", machine)
        assert r.exit_code == 2 and "not a zone: its meaning differs between machines" in (
            r.output), machine
    assert "localtime" not in _complete(run, "reecal --tz local")


def test_deadlines_by_state(run: Run) -> None:
    assert tuple(s.value for s in State) == STATES
    both = json.loads(run(*TODAY, "deadlines", "--format", "json").output)["deadlines"]
    assert [d["state"] for d in both] == ["open"]
    assert json.loads(run(*TODAY, "deadlines", "--state", "OPEN", "--format", "json"
                          ).output)["deadlines"] == both
    r = run(*TODAY, "deadlines", "--state", "closed", "--state", "not-yet-open")
    assert r.output == "No closed or not-yet-open application windows match.\n"
    late = run("--today", "2026-01-01", "deadlines", "--state", "closed", "--format", "csv")
    assert _ids(late.output) == ["cast-doctoral-talent-2025"]


# ------------------------------------------------------------ dates as people type them
@pytest.mark.parametrize(("until", "last"), [
    ("+30d", "2025-12-12"), ("2026-01", "2026-01-31"), ("tomorrow", "2025-11-13"),
    ("2025-12-25", "2025-12-25"), ("25 Dec 2025", "2025-12-25"), ("+2m", "2026-01-12")])
def test_until_as_people_write_it(run: Run, until: str, last: str) -> None:
    r = run(*TODAY, "upcoming", "--until", until, "--format", "json")
    assert json.loads(r.output)["until"] == last


def test_today_relative_to_the_clock_and_a_month(run: Run) -> None:
    now = json.loads(run("upcoming", "--today", "2026-05", "--format", "json").output)["now"]
    assert now.startswith("2026-05-01T00:00:00")
    from datetime import UTC, datetime

    from reecal.query.when import moment
    clock = datetime(2026, 11, 25, 22, tzinfo=UTC)
    assert moment("tomorrow", "Asia/Shanghai", now=clock).isoformat() == (
        "2026-11-27T00:00:00+08:00")  # 06:00 on the 26th in Shanghai: tomorrow is the 27th
    assert moment("-1w", "UTC", now=clock).date().isoformat() == "2026-11-18"


@pytest.mark.parametrize(("given", "said"), [
    ("05/06/2026", "is ambiguous (6 May or 5 June?)"),
    ("May 2026", "leaves out the day, month or year"),
    ("next week", "is not a date"),
    ("2026-13", "is not a month")])
def test_a_date_that_cannot_be_read_says_how_to_write_it(run: Run, given: str,
                                                         said: str) -> None:
    for args in (("--today", given, "list"), (*TODAY, "list", "--since", given),
                 (*TODAY, "upcoming", "--until", given)):
        r = run(*args)
        assert r.exit_code == 2 and said in r.output and "YYYY-MM-DD" in r.output
        assert r.output.count("\n") == 1


def test_list_since_and_until(run: Run) -> None:
    r = run("list", "--since", "2025-01", "--until", "2025-04-15", "--format", "csv")
    ds = reecal.load()
    assert _ids(r.output) == [x.id for x in ds.select(reecal.Filter(
        start=date(2025, 1, 1), end=date(2025, 4, 15)))]
    assert len(_ids(r.output)) == 8


# ------------------------------------------------------------ what exists
def test_values_lists_each_criterion_with_counts(run: Run) -> None:
    assert CRITERIA == FIELDS
    got = json.loads(run("values", "--format", "json").output)
    assert list(got) == list(CRITERIA)
    ds = reecal.load()
    for criterion, flag in (("tags", "tags"), ("places", "places"), ("orgs", "orgs"),
                            ("series", "series"), ("kinds", "kinds")):
        for item in got[criterion]:  # each count is what the filter on that value selects
            assert len(ds.select(reecal.Filter(**{flag: (item["value"],)}))) == item["records"]
    shown = run("values", "tags").output.splitlines()
    assert shown[0].split() == ["TAGS", "RECORDS"] and "magnets  " in "\n".join(shown)
    assert run("values", "places", "--kind", "visit", "--format", "csv").output == (
        "criterion,value,label,records\n"
        'places,Ganzhou,"Ganzhou, Jiangxi, China",7\n'
        'places,Baotou,"Baotou, Inner Mongolia, China",1\n')


# ------------------------------------------------------------ completion
def _complete(run: Run, line: str) -> list[str]:
    words = line.split(" ")
    r = run(env={"_REECAL_COMPLETE": "bash_complete", "COMP_WORDS": line,
                 "COMP_CWORD": str(len(words) - 1)})
    return [x.split(",", 1)[1] for x in r.output.splitlines() if x]


@pytest.mark.parametrize(("line", "want"), [
    ("reecal show cast", ["cast-doctoral-talent-2025"]),
    ("reecal list --tag mag", ["magnets"]),
    ("reecal upcoming --org jx", ["jxust"]),
    ("reecal list --place nan", ["Nanchang"]),
    ("reecal list --series cres-y", ["cres-youth-academic-conference"]),
    ("reecal --tz Asia/Shang", ["Asia/Shanghai"]),
    ("reecal deadlines --tz AoE", ["AoE"]),
    ("reecal list --kind exh", ["exhibition"]),
    ("reecal val", ["values"])])
def test_completion_of_ids_tags_orgs_places_series_and_zones(run: Run, line: str,
                                                             want: list[str]) -> None:
    assert _complete(run, line) == want


def test_completion_sees_the_data_already_typed(run: Run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(GOOD, encoding="utf-8")
    assert _complete(run, f"reecal --no-bundled --data {mine} show ") == [
        "acme-magnet-summit-2027"]
    assert _complete(run, "reecal --no-bundled --data /nonexistent show ") == []
    assert _complete(run, f"reecal show --no-bundled --data {mine} ") == [  # after the command
        "acme-magnet-summit-2027"]
    assert "acme-magnet-summit-2027" in _complete(run, f"reecal show --data {mine} acme")


def test_completion_of_help_names_the_commands(run: Run) -> None:
    assert _complete(run, "reecal help dead") == ["deadlines"]
    assert _complete(run, "reecal help site ") == ["build"]
    assert _complete(run, "reecal help show ") == []



def test_values_fit_a_narrow_terminal(run: Run) -> None:
    shown = run("values", env={"COLUMNS": "60"}).output
    assert all(len(line) <= 60 for line in shown.splitlines())
    assert ("\nnational-rare-earth-functional-materials-innovation-center\n  2 records\n"
            "  National Rare Earth Functional Materials Innovation Center\n") in shown
    assert shown.splitlines()[0].split() == ["KINDS", "RECORDS"]  # fits: a table


def test_what_is_said_instead_of_a_table_fits_the_terminal(run: Run) -> None:
    shown = run("--today", "2026-11-23", "upcoming", "--tag", "talent",
                env={"COLUMNS": "60"}).output
    assert all(len(line) <= 60 for line in shown.splitlines())
    assert "[cres-youth-academic-conference-7]" in shown and "\n  " in shown
    assert run("--today", "2026-11-23", "upcoming", "--tag", "talent").output.count("\n") == 3
