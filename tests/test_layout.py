"""The package keeps its shape (tests/layout.py), and the checker catches what it says."""

from __future__ import annotations

from pathlib import Path

from tests import layout
from tests.support import ROOT


def test_reecal_has_no_import_cycle_and_no_module_or_class_too_long() -> None:
    assert layout.problems(ROOT / "reecal") == []


def test_the_checker_catches_a_cycle_a_long_module_and_a_long_class(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text("from pkg.sub import b\n", encoding="utf-8")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..c import x\n", encoding="utf-8")
    (pkg / "c.py").write_text("import pkg.a\nx = 1\n", encoding="utf-8")
    (pkg / "typed.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    import pkg.late\n", encoding="utf-8")
    (pkg / "late.py").write_text("import pkg.typed\n" + "x = 1\n" * 400, encoding="utf-8")
    (pkg / "big.py").write_text("class Big:\n" + "    x = 1\n" * 150, encoding="utf-8")
    found = layout.problems(pkg)
    assert found[0] == "import cycle: pkg.a -> pkg.c -> pkg.sub.b"
    assert any(p.endswith("late.py: 401 lines (at most 400): split it") for p in found)
    assert any("class Big in pkg.big is 151 lines" in p for p in found)
    assert len(found) == 3  # the TYPE_CHECKING import makes no cycle
