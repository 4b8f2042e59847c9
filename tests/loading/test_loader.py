"""Loading data files: merging, and one clear error per malformed file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reecal
from reecal.errors import DataError
from tests.support import BAD, DATA, GOOD, expected_error


def test_bad_corpus_is_large_enough() -> None:
    assert len(BAD) >= 15


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_bad_file_gives_its_one_line_error(path: Path) -> None:
    with pytest.raises(DataError) as err:
        reecal.load([path])
    message = str(err.value)
    assert message == expected_error(path)
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


def test_one_path_may_be_given_as_text_or_a_path(tmp_path: Path) -> None:
    """A string is one path, not a list of one-letter paths (which walked "/" for 20 s)."""
    f = tmp_path / "mine.toml"
    f.write_text(GOOD, encoding="utf-8")
    for one in (str(f), f):
        assert [r.id for r in reecal.load(one, bundled=False)] == ["acme-magnet-summit-2027"]


def test_an_empty_path_is_an_error_not_the_current_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match="an empty path names no file"):
        reecal.load([""], bundled=False)


def test_loading_reads_no_environment_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library keeps no cache unless given one: no file appears anywhere."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("REECAL_DATA", str(tmp_path / "nope.toml"))
    f = tmp_path / "mine.toml"
    f.write_text(GOOD, encoding="utf-8")
    assert len(reecal.load(f)) == len(reecal.load()) + 1
    assert list(home.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "mine.toml"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        reecal.load([tmp_path / "nope.toml"])


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reecal.loading import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
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
