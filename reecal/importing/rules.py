"""A bound on what recurrence rules may cost before they are expanded.

reecal's events are all-day, so a rule repeating within a day (FREQ=HOURLY, several
BYHOUR values...) is refused; the other rules' occurrences in the window are counted
(lazily, with dateutil, under a budget of steps) and refused past
:data:`MAX_DRAFTS`, so that a small file cannot ask for millions of drafts.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from reecal.errors import Problem, shown
from reecal.formats.lint.typed import rule_problem
from reecal.importing.lines import Block

__all__ = ["MAX_DRAFTS", "MAX_STEPS", "rule_problems"]

MAX_DRAFTS = 5000
"""The most occurrences one file may give in the window."""
MAX_STEPS = 500_000
"""The most rule steps counted for all of a file's rules (from each DTSTART on)."""

_SUB_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")


def rule_problems(comps: list[Any], blocks: list[Block], first: date, until: date
                  ) -> list[Problem]:
    """Problems with the RRULEs of *comps* (the events of *blocks*, in order)."""
    from dateutil.rrule import rrulestr

    problems: list[Problem] = []
    total = steps = 0
    for comp, block in zip(comps, blocks, strict=True):
        line = block.get("RRULE")
        if line is None or "RRULE" not in comp:
            continue
        rules = comp["RRULE"] if isinstance(comp["RRULE"], list) else [comp["RRULE"]]
        at_lines = [x for x in block.lines if x.name == "RRULE"]
        broken = [Problem(at.number, f"RRULE is not a recurrence rule "
                                   f"({shown(str(rule.parse_error), 120)})")
                for rule, at in zip(rules, at_lines, strict=False)
                if getattr(rule, "parse_error", None) is not None]  # icalendar's "broken"
        broken = broken or [  # a rule icalendar and dateutil read may still be wrong
            Problem(at.number, f"RRULE is not a recurrence rule: {problem}")
            for at in at_lines if (problem := rule_problem(at.value)) is not None]
        if broken:
            problems += broken
            continue
        try:
            freqs = [(rule.get("FREQ") or [""])[0] for rule in rules]
            start = comp.decoded("DTSTART")
        except Exception as exc:  # of the many types icalendar raises for bad values
            problems.append(Problem(line.number, f"RRULE or DTSTART cannot be read: "
                                                 f"{shown(str(exc), 120)}"))
            continue
        if not isinstance(start, datetime):
            start = datetime.combine(start, time())
        for freq, rule in zip(freqs, rules, strict=True):
            within = [k for k in ("BYHOUR", "BYMINUTE", "BYSECOND") if len(rule.get(k, [])) > 1]
            if freq in _SUB_DAILY or within:
                said = f"FREQ={freq}" if freq in _SUB_DAILY else f"several {within[0]} values"
                problems.append(Problem(line.number, f"RRULE repeats within a day ({said}): "
                                                     "reecal's events are all-day"))
                continue
            try:
                occurrences = rrulestr(rule.to_ical().decode(), dtstart=start)
                for occ in occurrences:
                    steps += 1
                    if occ.date() > until or steps > MAX_STEPS:
                        break
                    total += occ.date() >= first
            except (ValueError, TypeError, OverflowError):
                continue  # the expansion itself reports what is wrong
            if steps > MAX_STEPS:
                return [*problems, Problem(line.number, "the recurrence rules take too long "
                                                        "to expand; import a shorter file")]
            if total > MAX_DRAFTS:
                return [*problems, Problem(line.number, f"the events recur more than "
                                                        f"{MAX_DRAFTS} times from {first} to "
                                                        f"{until}: give an earlier --until")]
    return problems
