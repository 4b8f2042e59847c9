"""``typing.NamedTuple``'s class syntax without importing :mod:`typing` at run time.

The agenda's start-up (:mod:`reecal.cli.fast`) reads records' dates, items and rows,
all named tuples; importing typing (and the ``re`` it imports) to define them took
about a quarter of that start-up.  Type checkers see ``typing.NamedTuple`` itself;
at run time a class written the same way becomes the :func:`collections.namedtuple`
that ``typing.NamedTuple`` would make, with its defaults, methods, properties and
docstring (tests/model/test_namedtuple.py compares the two).

>>> class Span(NamedTuple):
...     '''Two days.'''
...     first: int
...     last: int = 0
...
...     @property
...     def days(self) -> int:
...         return self.last - self.first + 1
>>> Span(3), Span(3, 5).days, Span._fields, Span.__doc__
(Span(first=3, last=0), 3, ('first', 'last'), 'Two days.')
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from collections import namedtuple

    _OWN = frozenset({"__module__", "__qualname__", "__annotations__"})

    class _Maker(type):
        def __new__(mcs, name, bases, ns):
            if not bases:  # NamedTuple itself
                return super().__new__(mcs, name, bases, ns)
            fields = tuple(ns.get("__annotations__", {}))
            made = namedtuple(name, fields, defaults=[ns[f] for f in fields if f in ns],
                              module=ns["__module__"])
            made.__annotations__ = dict(ns.get("__annotations__", {}))
            made.__qualname__ = ns.get("__qualname__", name)
            for key, value in ns.items():
                if key not in _OWN and key not in fields:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_Maker):
        """Subclass to define a named tuple: annotated fields, then methods."""

__all__ = ["NamedTuple"]
