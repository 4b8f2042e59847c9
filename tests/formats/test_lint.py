"""reecal lint: each check fires on its broken feed; a good feed passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reecal.formats.lint import MAX_BYTES, lint_bytes, lint_path
from tests.support import DATA

CORPUS = sorted((DATA / "ics").glob("*.ics"))
BROKEN = [p for p in CORPUS if p.stem != "good"]

CHECKS = {"bare-lf", "bare-cr", "long-line", "split-utf8", "invalid-utf8",
          "date-without-value", "unescaped-text", "missing-vtimezone", "missing-uid",
          "missing-dtstamp", "duplicate-uid", "duplicate-dtstart", "dtend-not-after",
          "nesting", "syntax", "missing-prodid", "missing-version", "missing-dtstart",
          "invalid-date", "dtend-and-duration"}


def test_corpus_covers_every_check() -> None:
    assert {p.stem for p in BROKEN} == CHECKS


def test_good_feed_passes() -> None:
    assert lint_path(DATA / "ics" / "good.ics") == []


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_check_fires_alone(path: Path) -> None:
    found = lint_path(path)
    assert {f.code for f in found} == {path.stem}
    for f in found:
        assert str(f).startswith(f"{path}:{f.line}: ")
        assert f.line >= 1


def test_rfc5545_3_1_fold_must_not_split_a_character() -> None:
    [f] = lint_path(DATA / "ics" / "split-utf8.ics")
    assert "splits a UTF-8 character" in f.message


def test_rfc5545_3_8_2_2_dtend_equal_to_dtstart_is_reported() -> None:
    [f] = lint_path(DATA / "ics" / "dtend-not-after.ics")
    assert f.message.startswith("DTEND is not after DTSTART")


def test_oversized_input_gets_one_clear_finding() -> None:
    [f] = lint_bytes(b"x" * (MAX_BYTES + 1), "huge.ics")
    assert f.code == "too-large" and "limit" in f.message


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    [f] = lint_path(tmp_path / "missing.ics")
    assert f.code == "unreadable"


def test_empty_and_garbage_input_do_not_crash() -> None:
    assert {f.code for f in lint_bytes(b"", "e.ics")} == {"no-calendar"}
    assert lint_bytes(b"\x00\xff\r\n:\r\n;;;\r\n", "g.ics")


def test_rfc5545_3_6_1_dtstart_is_optional_in_an_itip_message() -> None:
    raw = (DATA / "ics" / "missing-dtstart.ics").read_bytes()
    assert {f.code for f in lint_bytes(raw)} == {"missing-dtstart"}
    itip = raw.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:CANCEL\r\n", 1)
    assert lint_bytes(itip) == []
