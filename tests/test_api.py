"""The public API: what type checkers see is what ``import reecal`` gives, lazily."""

from __future__ import annotations

import ast
import subprocess
import sys

import reecal
from tests.support import ROOT


def _type_checking_names() -> dict[str, str]:
    tree = ast.parse((ROOT / "reecal" / "__init__.py").read_text(encoding="utf-8"))
    [block] = [n for n in tree.body if isinstance(n, ast.If)
               and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING"]
    return {a.asname or a.name: node.module or "" for node in block.body
            if isinstance(node, ast.ImportFrom) for a in node.names}


def test_the_lazy_map_is_the_list_type_checkers_see() -> None:
    assert _type_checking_names() == reecal._API
    assert reecal.__all__ == sorted([*reecal._API, "__version__"])
    for name, module in reecal._API.items():
        assert getattr(reecal, name) is getattr(sys.modules[module], name)


def test_import_reecal_loads_no_model_until_a_name_is_used() -> None:
    code = ("import sys, reecal; before = 'attrs' in sys.modules; reecal.Event; "
            "print(before, 'attrs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "True"]
