"""The command line's cache: keyed on content, JSON only, trusted only when it is ours."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import reecal
from reecal.loading.cache import Cache
from reecal.loading.loader import read
from reecal.loading.snapshot import dump, load
from tests.support import FELLOWSHIP, GOOD, ROOT, Run


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    f = tmp_path / "data" / "mine.toml"
    f.parent.mkdir()
    f.write_text(GOOD + FELLOWSHIP, encoding="utf-8")
    return f


def test_a_snapshot_gives_back_equal_records_of_every_kind(mine: Path) -> None:
    loaded = read([mine])
    again = load(json.loads(json.dumps(dump(loaded))))
    assert again == loaded._replace(origins=again.origins)
    assert dict(again.origins) == dict(loaded.origins)
    fellowship = next(r for r in again.records if r.id == "acme-fellowship-2027")
    assert fellowship.dates == next(r for r in loaded.records if r.id == fellowship.id).dates


def test_second_load_comes_from_the_cache_and_equals_the_first(tmp_path: Path,
                                                               mine: Path) -> None:
    cache = Cache(tmp_path / "cache")
    first = reecal.load(mine, cache=cache)
    [entry] = (tmp_path / "cache").glob("*.json")
    json.loads(entry.read_bytes()[32:])  # its digest, then plain JSON: nothing that runs code
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    second = reecal.load(mine, cache=cache)
    assert list(second) == list(first)
    assert second.origin("acme-magnet-summit-2027") == first.origin("acme-magnet-summit-2027")
    # a changed byte is another key: never the old entry
    mine.write_text(GOOD.replace("Summit 2027", "Summit 2O27") + FELLOWSHIP, encoding="utf-8")
    assert reecal.load(mine, cache=cache).get("acme-magnet-summit-2027").title == (
        "Acme Magnet Summit 2O27")
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def _planted(tmp_path: Path, mine: Path) -> tuple[Cache, Path]:
    """A cache whose one entry a stranger changed: the title reads "Planted"."""
    cache = Cache(tmp_path / "cache")
    reecal.load(mine, cache=cache)
    [entry] = (tmp_path / "cache").glob("*.json")
    kept = cache.read(entry.name)
    assert kept is not None
    cache.write(entry.name, kept.replace(b"Acme Magnet Summit 2027", b"Planted"))
    assert reecal.load(mine, cache=cache).get("acme-magnet-summit-2027").title == "Planted"
    return cache, entry


@pytest.mark.parametrize("opened", ["directory", "entry"])
def test_an_entry_others_could_write_is_never_trusted(tmp_path: Path, mine: Path,
                                                      opened: str) -> None:
    cache, entry = _planted(tmp_path, mine)
    os.chmod(entry.parent if opened == "directory" else entry, 0o777)
    assert reecal.load(mine, cache=cache).get("acme-magnet-summit-2027").title == (
        "Acme Magnet Summit 2027")


def test_a_broken_entry_is_ignored_and_rebuilt(tmp_path: Path, mine: Path) -> None:
    cache, entry = _planted(tmp_path, mine)
    for junk in (b"", b"\x80not json", b'{"format": 1}', b"[1, 2]",
                 b'{"format": 99, "records": []}'):
        cache.write(entry.name, junk)  # whole, but not a snapshot
        assert len(reecal.load(mine, cache=cache)) == len(reecal.load()) + 2
        entry.write_bytes(entry.read_bytes()[:-1])  # not whole: removed, made again
        assert len(reecal.load(mine, cache=cache)) == len(reecal.load()) + 2


def test_an_entry_written_in_pieces_reads_as_one(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    pieces = [b"x" * 5000, b"", "中文".encode(), b"\n" * 3]
    cache.write("a.kind", iter(pieces))
    cache.write("b.kind", b"".join(pieces))
    assert cache.read("a.kind") == cache.read("b.kind") == b"".join(pieces)
    assert (tmp_path / "cache" / "a.kind").read_bytes() == (
        tmp_path / "cache" / "b.kind").read_bytes()

    def broken() -> Iterator[bytes]:
        yield b"half"
        raise OSError("disk full")

    cache.write("c.kind", broken())  # nothing half-written is left, nor served
    assert cache.read("c.kind") is None
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["a.kind", "b.kind"]


def test_a_cache_that_cannot_be_written_does_not_stop_a_load(tmp_path: Path,
                                                             mine: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert len(reecal.load(mine, cache=Cache(blocker / "cache"))) == len(reecal.load()) + 2


def test_the_cli_caches_under_xdg_cache_home_unless_told_not_to(
        run: Run, tmp_path: Path, mine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("REECAL_CACHE", "0")
    r = run("--data", str(mine), "list")
    assert r.exit_code == 0 and not (tmp_path / "xdg").exists()
    monkeypatch.delenv("REECAL_CACHE")
    r = run("--data", str(mine), "list")
    assert r.exit_code == 0 and len(list((tmp_path / "xdg" / "reecal").glob("*.json"))) == 1


@pytest.mark.parametrize("changed", [
    "loading/convert.py", "model/enums.py", "_version.py", "formats/prose.py", "cli/fast.py",
    "web/templates/index.html",  # not code: the cache keeps nothing made from it
])
def test_a_change_to_any_of_reecals_code_misses(tmp_path: Path, changed: str) -> None:
    """The cache keeps what prose, rows and the help say, so any module counts; a
    module is known by its size and modification time, as Python knows its bytecode's."""
    import shutil

    from reecal.loading.cache import code_digest

    copy = tmp_path / "reecal"
    shutil.copytree(ROOT / "reecal", copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert code_digest(copy) == code_digest()
    before = (copy / changed).stat()
    with open(copy / changed, "a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    assert (code_digest(copy) != code_digest()) is changed.endswith(".py")
    os.utime(copy / changed, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same time
    assert (code_digest(copy) != code_digest()) is changed.endswith(".py")  # (by its size)


def test_another_python_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    from reecal.loading import cache

    before = cache.code_digest()
    monkeypatch.setattr(cache.sys, "version", cache.sys.version + " (another build)")
    assert cache.code_digest() != before
