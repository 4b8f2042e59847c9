r"""A draft event as a data file (TOML), in the layout of the bundled files.

Drafts carry no ``#:schema`` line: the schema sits beside the bundled data, not in
the user's directory (``reecal schema --out DIR/schema.json`` puts one there).

>>> string('say "hi"'), string("a\tb")
('"say \\"hi\\""', '"a\\u0009b"')
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any

import attrs

from reecal.model.records import Event
from reecal.model.values import Source

__all__ = ["render", "render_all", "string"]


def string(text: str) -> str:
    """A TOML basic string (multi-line when *text* has new lines), every quote,
    backslash and control character escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n" and "\n" in text:
            out.append("\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    body = "".join(out)
    return f'"""\n{body}"""' if "\n" in text else f'"{body}"'


def _source(s: Source) -> list[str]:
    lines = ["", "[[event.sources]]", f"document = {string(s.document)}"]
    if s.url:
        lines.append(f"url = {string(s.url)}")
    if s.uid is not None:
        lines.append(f"uid = {string(s.uid)}")
    if s.recurrence is not None:
        lines.append(f"recurrence = {string(s.recurrence)}")
    if s.sequence is not None:
        lines.append(f"sequence = {s.sequence}")
    lines.append(f"quote = {string(s.quote)}")
    return lines


def render(r: Event) -> str:
    """The data file of one draft event."""
    c = r.certainty
    lines = [f"# A draft imported by reecal import from {r.sources[0].document}: check it",
             "# against the organiser, add place, organisers and tags, then raise the",
             "# confidence (and set verification to \"verified\" once checked).",
             "", "[[event]]", f"id = {string(r.id)}", f"kind = {string(r.kind.value)}",
             f"title = {string(r.title)}", f"start = {r.start.isoformat()}"]
    if r.end is not None:
        lines.append(f"end = {r.end.isoformat()}")
    lines.append(f"status = {string(r.status.value)}")
    if r.summary:
        lines.append(f"summary = {string(r.summary)}")
    if r.url:
        lines.append(f"url = {string(r.url)}")
    lines += [f"revision = {r.revision}",
              f"updated = {r.updated.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
              "", "[event.certainty]", f"confidence = {string(c.confidence.value)}",
              f"verification = {string(c.verification.value)}"]
    if c.reason:
        lines.append(f"reason = {string(c.reason)}")
    for s in r.sources:
        lines += _source(s)
    return "\n".join(lines) + "\n"


_FIRST = ("id", "kind", "title", "start", "end", "status")
_FIRST_IN = {"Revision": ("revision", "updated", "note")}


def _scalar(v: object) -> str:
    if isinstance(v, Enum):
        v = v.value
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, datetime):
        if v.utcoffset() == timedelta(0):
            return v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        return string(v)
    if isinstance(v, tuple | list):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _table(obj: Any, path: str, header: str) -> list[str]:
    """*obj* (an attrs instance) as a TOML table: its values other than the
    defaults, then its tables and arrays of tables."""
    fields = attrs.fields(type(obj))
    first = _FIRST_IN.get(type(obj).__name__, _FIRST)
    named = sorted(fields, key=lambda f: first.index(f.name) if f.name in first else 99)
    lines, later = ["", header], []
    for f in named:
        v = getattr(obj, f.name)
        made = getattr(f.default, "factory", None)
        default = made() if callable(made) else f.default
        if v is None or (v == default and f.name not in ("certainty", "revision")):
            continue
        if attrs.has(type(v)):
            later += _table(v, f"{path}.{f.name}", f"[{path}.{f.name}]")
        elif isinstance(v, tuple) and v and attrs.has(type(v[0])):
            for item in v:
                later += _table(item, f"{path}.{f.name}", f"[[{path}.{f.name}]]")
        else:
            lines.append(f"{f.name} = {_scalar(v)}")
    return lines + later


def render_all(r: Event) -> str:
    """The data file of a draft a curator may have completed: every field of *r*
    (none left at its default), for an update that keeps the curator's values."""
    import textwrap

    said = (f"A draft imported by reecal import from {r.sources[0].document} and updated "
            f"from the organiser's file (revision {r.revision}): check it against the "
            "organiser; the earlier revisions are in [[event.history]].")
    lines = [f"# {x}" for x in textwrap.wrap(said, 78, break_long_words=False,
                                              break_on_hyphens=False)] + [""]
    lines += _table(r, "event", "[[event]]")[1:]
    return "\n".join(lines) + "\n"
