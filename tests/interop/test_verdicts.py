"""The lint corpus against four independent parsers (tests/interop/verdicts.py): the
recorded table is what they say today, and reecal lint reports every file that any
of them complains about."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.interop.verdicts import CORPUS, TABLE, lint_codes, table, verdicts

pytestmark = [pytest.mark.interop, pytest.mark.slow]


def test_the_recorded_verdicts_are_current() -> None:
    assert TABLE.read_text(encoding="utf-8") == table(), (
        "run: python tests/interop/verdicts.py")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.ics")), ids=lambda p: p.stem)
def test_lint_reports_whatever_a_parser_reports(path: Path) -> None:
    said = verdicts(path)
    codes = lint_codes(path)
    if path.stem == "good":
        assert said == dict.fromkeys(said) and codes == []  # all silent
    else:  # each file holds one defect: whoever else sees it, reecal does
        assert codes, (path.name, {c: v for c, v in said.items() if v})
