"""Loading data files: merging, and one clear error per malformed file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reecal
from reecal.errors import DataError

from .conftest import DATA

BAD = sorted((DATA / "bad").glob("*.toml"))

GOOD = '''
[[organisation]]
id = "acme-society"
name = "Acme Magnet Society"
short = "AMS"

[[event]]
id = "acme-magnet-summit-2027"
kind = "forum"
title = "Acme Magnet Summit 2027"
start = 2027-03-02
end = 2027-03-04
organisers = ["acme-society"]
tags = ["magnets"]
updated = 2026-11-01T00:00:00Z
[event.place]
city = "Lyon"
country = "France"
tz = "Europe/Paris"
[[event.sources]]
document = "https://acme.example/summit"
quote = "2-4 March 2027, Lyon"
'''


def expected(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    assert first.startswith("# expect: ")
    return first.removeprefix("# expect: ").replace("{path}", str(path))


def test_bad_corpus_is_large_enough() -> None:
    assert len(BAD) >= 15


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_bad_file_gives_its_one_line_error(path: Path) -> None:
    with pytest.raises(DataError) as err:
        reecal.load([path])
    message = str(err.value)
    assert message == expected(path)
    assert "\n" not in message
    assert str(path) in message


def test_error_carries_its_parts() -> None:
    path = DATA / "bad" / "02-unknown-field.toml"
    with pytest.raises(DataError) as err:
        reecal.load([path])
    e = err.value
    assert (e.path, e.record, e.field, e.line) == (str(path), "bad-example", "tittle", 5)


def test_bundled_dataset_loads_and_is_not_empty(ds: reecal.Dataset) -> None:
    assert len(ds) == 17
    assert len(ds.organisations) >= 10


def test_user_file_merges_with_bundled(tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(GOOD, encoding="utf-8")
    merged = reecal.load([f])
    assert "acme-magnet-summit-2027" in merged
    assert "cres-youth-academic-conference-7" in merged
    assert len(merged) == len(reecal.load()) + 1
    alone = reecal.load([f], bundled=False)
    assert [r.id for r in alone] == ["acme-magnet-summit-2027"]
    assert alone.origin("acme-magnet-summit-2027").path == str(f)


def test_directories_are_searched_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    assert len(reecal.load([tmp_path], bundled=False)) == 1


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    """--data DIR plus --data DIR/file (or REECAL_DATA and --data) is not a duplicate."""
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    twice = reecal.load([tmp_path, tmp_path / "a.toml", tmp_path / "." / "a.toml"],
                        bundled=False)
    assert len(twice) == 1


def test_duplicate_ids_across_user_files_name_both(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD.split("[[event]]")[1].join(["", ""]) and "[[event]]" + GOOD.split(
        "[[event]]")[1], encoding="utf-8")
    with pytest.raises(DataError) as err:
        reecal.load([a, b])
    msg = str(err.value)
    assert str(a) in msg and str(b) in msg and "duplicate id" in msg


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        reecal.load([tmp_path / "nope.toml"])


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reecal import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    f = tmp_path / "big.toml"
    f.write_text(GOOD, encoding="utf-8")
    with pytest.raises(DataError, match="larger than"):
        reecal.load([f], bundled=False)


def test_loading_never_changes_the_file(tmp_path: Path) -> None:
    src = DATA / "bad" / "04-end-before-start.toml"
    f = tmp_path / "x.toml"
    shutil.copy(src, f)
    before = f.read_bytes()
    with pytest.raises(DataError):
        reecal.load([f])
    assert f.read_bytes() == before
