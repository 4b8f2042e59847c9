"""Every field a data file can hold is described, in reecal/model/docs.py, and every
description there names a field (so a renamed or removed field takes its words along)."""

from __future__ import annotations

import attrs

from reecal.model import docs
from tests.support import data_classes


def test_every_class_and_field_has_a_description() -> None:
    missing = [f"{cls.__name__}.{a.name}" for cls in data_classes() for a in attrs.fields(cls)
               if not _described(cls, a.name)]
    assert missing == [], f"describe these fields in reecal/model/docs.py: {missing}"
    assert {cls.__name__ for cls in data_classes()} == set(docs.CLASSES)


def test_no_description_names_a_field_that_is_gone() -> None:
    defined = {(k.__name__, a.name) for cls in data_classes() for k in cls.__mro__
               if attrs.has(k) for a in attrs.fields(k) if not a.inherited}
    described = {(cls, name) for cls, fields in docs.FIELDS.items() for name in fields}
    assert described - defined == set(), "stale entries in reecal/model/docs.py"


def _described(cls: type, name: str) -> bool:
    try:
        return bool(docs.describe(cls, name))
    except KeyError:
        return False
