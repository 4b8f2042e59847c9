r"""A draft event as a data file (TOML), in the layout of the bundled files.

Drafts carry no ``#:schema`` line: the schema sits beside the bundled data, not in
the user's directory (``reecal schema --out DIR/schema.json`` puts one there).

>>> string('say "hi"'), string("a\tb")
('"say \\"hi\\""', '"a\\u0009b"')
"""

from __future__ import annotations

from datetime import UTC

from reecal.model.records import Event
from reecal.model.values import Source

__all__ = ["render", "string"]


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
