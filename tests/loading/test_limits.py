"""TOML that would make the parser recurse or copy without bound ends in one line
naming the file and line, through the real CLI."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from reecal.errors import DataError
from reecal.loading.limits import nesting_line, too_many_segments
from tests.support import GOOD, Run

NESTED = "arrays or inline tables nested more than 64 deep"
BOMBS = {
    "nested-arrays": ('a = ' + "[" * 500 + "]" * 500 + "\n", 3, NESTED),
    "nested-tables": ('a = ' + "{b=[" * 250 + "]}" * 250 + "\n", 3, NESTED),
    "dotted-key": ("a" + ".a" * 20_000 + " = 1\n", 3, "a dotted key of more than 64 parts"),
    "dotted-header": ("[[" + "a." * 20_000 + "a]]\n", 3, "a dotted key of more than 64 parts"),
    "dotted-inline": ('x = { ' + "b." * 20_000 + 'c = 1 }\n', 3,
                      "a dotted key of more than 64 parts"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_parser_bomb_is_one_line_naming_file_and_line(name: str, tmp_path: Path,
                                                        run: Run) -> None:
    body, line, words = BOMBS[name]
    bad = tmp_path / f"{name}.toml"
    bad.write_text("# a comment\n# [[[[ not nesting\n" + body, encoding="utf-8")
    tracemalloc.start()
    r = run("--no-bundled", "--data", str(bad), "list")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.exit_code == 1
    assert r.stderr == f"reecal: error: {bad}:{line}: {words} (a data file needs a few" + (
        " levels)\n" if "nested" in words else ")\n")
    assert peak < 50 * 2**20  # bounded: the dotted key alone took 2.4 GB inside tomllib


def test_strings_comments_and_real_data_are_within_the_limits() -> None:
    text = GOOD + 'url = "https://a.b.c/' + "x." * 100 + '"\n# ' + "[" * 100 + "\n"
    too_many_segments(text, "ok.toml")
    assert nesting_line(text) is None
    assert nesting_line('s = """\n[[[[\n"""\nt = ' + "[" * 65, 64) == 4
    with pytest.raises(DataError, match=r"ok\.toml:2: a dotted key"):
        too_many_segments("x = 1\n" + "'q.q'." * 64 + "z = 2\n", "ok.toml")


def test_an_integer_python_will_not_convert_is_one_line(tmp_path: Path, run: Run) -> None:
    bad = tmp_path / "digits.toml"
    bad.write_text(GOOD + "revision = " + "9" * 4301 + "\n", encoding="utf-8")
    r = run("--no-bundled", "--data", str(bad), "list")
    line = GOOD.count("\n") + 1
    assert (r.exit_code, r.stderr) == (
        1, f"reecal: error: {bad}:{line}: a number of more than 4300 digits\n")


def test_a_loop_of_links_is_one_line_named_or_found(tmp_path: Path, run: Run) -> None:
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    for given in (tmp_path / "a.toml", tmp_path):
        r = run("--no-bundled", "--data", str(given), "list")
        assert r.exit_code == 1
        assert r.stderr == f"reecal: error: {tmp_path / 'a.toml'}: cannot read: Too many levels " \
                           "of symbolic links\n"


def test_a_file_known_to_be_too_large_is_not_read_at_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from reecal.loading.files import TooLargeError, read_regular

    big = tmp_path / "big.toml"
    with big.open("wb") as fh:
        fh.truncate(300 * 2**20)  # sparse: 300 MiB that take no disk

    def no_read(fd: int, n: int) -> bytes:
        raise AssertionError("read a file whose size already said no")

    monkeypatch.setattr(os, "read", no_read)
    with pytest.raises(TooLargeError, match=r"big\.toml: file is larger than 256 MiB; not read"):
        read_regular(big, "big.toml", 256 * 2**20)
