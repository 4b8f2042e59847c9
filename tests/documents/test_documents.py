"""The seed documents: shipped unchanged, quotes found in them (whitespace aside,
mojibake repaired) and shown in their context."""

from __future__ import annotations

import pytest

from reecal import Source
from reecal.documents import CATALOGUE, passage
from reecal.documents.matching import quote_in, repair_mojibake
from tests.support import ROOT


def test_seeds_are_the_shared_originals_unchanged() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    ours = sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert ours == sorted(p.name for p in shared.iterdir())
    for name in ours:
        assert (ROOT / "seeds" / name).read_bytes() == (shared / name).read_bytes()


def test_the_package_ships_the_seeds_unchanged() -> None:
    """reecal/documents/seeds/ is a copy of seeds/ (refresh it with
    ``cp seeds/*.txt reecal/documents/seeds/``), and the catalogue names each."""
    shipped = ROOT / "reecal" / "documents" / "seeds"
    ours = sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert sorted(p.name for p in shipped.iterdir()) == ours
    for name in ours:
        assert (shipped / name).read_bytes() == (ROOT / "seeds" / name).read_bytes(), name
    assert sorted(d.path for d in CATALOGUE) == [f"seeds/{n}" for n in ours]


def test_a_quote_is_shown_in_its_context() -> None:
    src = Source(document="seeds/004_11ee882ffc5a69eb.txt", quote="Before the forum began")
    p = passage(src, context=1)
    assert p is not None and p.quote_from == p.quote_to == 11
    assert p.lines[0].startswith("In addition to the opening")  # the paragraph before
    assert "Before the forum began" in p.lines[p.quote_from - p.first_line]
    assert passage(Source(document="seeds/004_11ee882ffc5a69eb.txt", quote="not there")) is None
    assert passage(Source(document="https://example.org/x", quote="x")) is None


@pytest.mark.parametrize(("damaged", "clean"), [
    ("Chinaโ€™s", "China’s"),
    ("programโ€”organized", "program—organized"),
    ("โ€œChina Rare Earth Society (B33)โ€ as", "“China Rare Earth Society (B33)” as"),
    ("plain ASCII and 中文 stay", "plain ASCII and 中文 stay"),
])
def test_mojibake_repair(damaged: str, clean: str) -> None:
    assert repair_mojibake(damaged) == clean


def test_quote_in_ignores_whitespace_but_not_words() -> None:
    doc = "Application Deadline:\n  November 17, 2025."
    assert quote_in("Application Deadline: November 17, 2025.", doc)
    assert not quote_in("Application Deadline: November 18, 2025.", doc)
