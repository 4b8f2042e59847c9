"""reecal lint: each check fires on its broken feed; a good feed passes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reecal.formats.lint import GOOD_MINIMAL, MAX_BYTES, lint_bytes, lint_path, lint_stream, to_crlf
from tests.support import DATA

CORPUS = sorted((DATA / "ics").glob("*.ics"))
BROKEN = [p for p in CORPUS if p.stem != "good"]

CHECKS = {"bare-lf", "bare-cr", "long-line", "split-utf8", "invalid-utf8",
          "date-without-value", "unescaped-text", "missing-vtimezone", "missing-uid",
          "missing-dtstamp", "duplicate-uid", "duplicate-dtstart", "dtend-not-after",
          "nesting", "syntax", "missing-prodid", "missing-version", "missing-dtstart",
          "invalid-date", "dtend-and-duration", "bom", "control-char", "invisible-char",
          "iso-8601-date", "date-with-time", "stamp-not-utc", "bad-escape", "blank-line",
          "duplicate-summary", "duplicate-dtstamp", "empty-uid", "wrong-type", "version",
          "observance", "alarm", "rrule-until"}


def _code(path: Path) -> str:
    """The check a corpus file shows: its name, up to a "+variant"."""
    return path.stem.partition("+")[0]


def test_corpus_covers_every_check() -> None:
    assert {_code(p) for p in BROKEN} == CHECKS


def test_good_feed_passes() -> None:
    assert lint_path(DATA / "ics" / "good.ics") == []


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_check_fires_alone(path: Path) -> None:
    found = lint_path(path)
    assert {f.code for f in found} == {_code(path)}
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


@pytest.mark.parametrize(("data", "start"), [
    (b"<!DOCTYPE html>\n<html><body>" + b"<p>x</p>\n" * 200, 'it starts with "<!DOCTYPE html>"'),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 'it starts with "\\x89PNG"'),
    (b'\n\n[[event]]\nid = "x"\n', 'it starts with "[[event]]"'),
    (b"", "it is empty"),
    (b" \r\n\t\n", "it holds only white space"),
    (b"\x1b[2J\x1b]0;x\x07BEGIN:VCALENDAR",
     'it starts with "\\x1b[2J\\x1b]0;x\\x07BEGIN:VCALENDAR"'),
    (b"BEGIN:VCALENDARX\r\n", 'it starts with "BEGIN:VCALENDARX"'),
    ("x" * 50 + "\u00e9", f'it starts with "{"x" * 40}..."'),
], ids=["html", "png", "toml", "empty", "blank", "control", "other-component", "long"])
def test_a_file_that_is_not_icalendar_gets_one_finding(data: bytes | str, start: str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    [f] = lint_bytes(raw, "f")
    assert f.code == "no-calendar" and f.line == 0
    assert str(f) == f"f: not an iCalendar file ({start}; expected BEGIN:VCALENDAR)"
    assert f.message.isprintable()


def test_a_calendar_after_white_space_or_in_lower_case_is_linted() -> None:
    assert {f.code for f in lint_bytes(b"\r\n \r\n" + to_crlf(GOOD_MINIMAL))} == {"blank-line"}
    lower = to_crlf(GOOD_MINIMAL.replace("BEGIN:VCALENDAR", "begin:vcalendar"))
    assert lint_bytes(lower) == []


def test_a_stream_is_read_no_further_than_the_limit() -> None:
    class Endless(io.BufferedIOBase):
        def read(self, n: int | None = -1) -> bytes:
            assert n is not None and 0 <= n <= MAX_BYTES + 1
            return b"x" * n

    [f] = lint_stream(Endless(), "<stdin>")
    assert str(f) == "<stdin>: input is larger than 8 MiB; not read"
    assert lint_stream(io.BytesIO(to_crlf(GOOD_MINIMAL))) == []


def test_rfc5545_3_6_1_dtstart_is_optional_in_an_itip_message() -> None:
    raw = (DATA / "ics" / "missing-dtstart.ics").read_bytes()
    assert {f.code for f in lint_bytes(raw)} == {"missing-dtstart"}
    itip = raw.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:CANCEL\r\n", 1)
    assert lint_bytes(itip) == []


def _calendar(body: str, extra: str = "") -> str:
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\n{extra}{body}END:VCALENDAR\n"


def _event(uid: str, start: str, end: str) -> str:
    return (f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20260101T000000Z\n{start}\n{end}\nSUMMARY:x\n"
            "END:VEVENT\n")


def _vtimezone(tzid: str, offset: str) -> str:
    return (f"BEGIN:VTIMEZONE\nTZID:{tzid}\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
            f"TZOFFSETFROM:{offset}\nTZOFFSETTO:{offset}\nEND:STANDARD\nEND:VTIMEZONE\n")


ZONES = _vtimezone("Custom East", "+0800") + _vtimezone("Custom West", "+0100")
EAST_10 = "DTSTART;TZID=Custom East:20260101T100000"  # 02:00 UTC
WEST_4 = "DTEND;TZID=Custom West:20260101T040000"  # 03:00 UTC: later, although 4 < 10
VALID = {
    "uid repeated across the calendars of an iTIP stream":
        _calendar(_event("a@x", "DTSTART:20260101T100000Z", "DTEND:20260101T110000Z"),
                  "METHOD:REQUEST\n") * 2,
    "DTSTART and DTEND in different custom zones, compared as instants":
        _calendar(_event("b@x", EAST_10, WEST_4) + ZONES),
    "DTSTART and DTEND in different IANA zones":
        _calendar(_vtimezone("Asia/Shanghai", "+0800") + _vtimezone("Europe/Berlin", "+0100")
                  + _event("c@x", "DTSTART;TZID=Asia/Shanghai:20260101T100000",
                           "DTEND;TZID=Europe/Berlin:20260101T040000")),
    "a TZID that differs from its VTIMEZONE's only in case":
        _calendar(ZONES + _event("d@x", "DTSTART;TZID=custom east:20260101T100000",
                                 "DTEND;TZID=CUSTOM EAST:20260101T110000")),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_no_false_positive_on_valid_files(name: str) -> None:
    assert [str(f) for f in lint_bytes(to_crlf(VALID[name]), "v.ics")] == []


@pytest.mark.parametrize(("body", "codes"), [
    (_calendar(ZONES + _event("e@x", "DTSTART;TZID=Custom West:20260101T040000",
                              "DTEND;TZID=Custom East:20260101T100000")), ["dtend-not-after"]),
    (_calendar(ZONES) + _calendar(_event("f@x", "DTSTART;TZID=Custom West:20260101T040000",
                                         "DTEND;TZID=Custom West:20260101T050000")),
     ["missing-vtimezone", "missing-vtimezone"]),
    (_calendar(_event("g@x", "DTSTART:20260101T100000Z", "DTEND:20260101T110000Z") * 2),
     ["duplicate-uid"]),
], ids=["end before start in instants", "VTIMEZONE in another VCALENDAR",
        "uid repeated in one calendar"])
def test_what_the_scoped_rules_still_catch(body: str, codes: list[str]) -> None:
    assert [f.code for f in lint_bytes(to_crlf(body), "b.ics")] == codes


def test_a_byte_order_mark_is_one_finding_not_a_cascade() -> None:
    found = lint_bytes(b"\xef\xbb\xbf" + to_crlf(GOOD_MINIMAL), "bom.ics")
    assert [f.code for f in found] == ["bom"]


def test_a_defect_repeated_a_thousand_times_is_a_hundred_findings_and_a_count() -> None:
    body = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\n" + "END:X\n" * 1000 + \
        "END:VCALENDAR\n"
    found = lint_bytes(to_crlf(body), "many.ics")
    assert [f.code for f in found] == ["nesting"] * 101
    assert found[-1].message.startswith("900 more like the nesting finding above")
    assert found[-1].line == 1003


def test_components_nested_past_the_limit_are_one_finding() -> None:
    body = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\n" + "BEGIN:X-A\n" * 500
            + "END:X-A\n" * 500 + "END:VCALENDAR\n")
    found = lint_bytes(to_crlf(body), "deep.ics")
    assert [(f.code, f.message[:35]) for f in found] == [
        ("nesting", "components nested more than 16 deep")]


def _event_with(*lines: str) -> list[str]:
    """The messages of lint on the minimal good calendar with *lines* in its event."""
    text = GOOD_MINIMAL.replace("END:VEVENT", "\n".join([*lines, "END:VEVENT"]))
    return [f"{f.code}: {f.message}" for f in lint_bytes(to_crlf(text), "x.ics")
            if f.code != "long-line"]  # (the test's lines are not folded)


@pytest.mark.parametrize(("line", "said"), [
    ("RRULE:FREQ=DAILY;COUNT=3;UNTIL=20260401", "has both COUNT and UNTIL"),
    ("RRULE:FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is not a whole number from 1 to"),
    ("RRULE:FREQ=DAILY;COUNT=" + "9" * 30, "COUNT=99999999999999999999… is not a whole"),
    ("RRULE:FREQ=DAILY;UNTIL=notadate", "UNTIL=notadate is not a date"),
    ("RRULE:", "is empty (a rule needs at least FREQ)"),
    ("RRULE:FREQ=DAILY;COUNT=\u00b2", "COUNT=\u00b2 is not a whole number"),  # a digit to
    ("RRULE:FREQ=DAILY;BYDAY=\u0661MO", "is not a weekday"),  # isdigit, not to int or RFC
    ("RRULE:FREQ=WEEKLY;BYDAY=1MO", "BYDAY=1MO: a numbered weekday is only for FREQ=MONTHLY"),
    ("RRULE:FREQ=YEARLY;BYWEEKNO=3;BYDAY=1MO", "numbered weekday is only for FREQ=MONTHLY"),
    ("RRULE:FREQ=MONTHLY;BYWEEKNO=3", "BYWEEKNO is only for FREQ=YEARLY, not FREQ=MONTHLY"),
    ("RRULE:FREQ=MONTHLY;BYYEARDAY=3", "BYYEARDAY is not for FREQ=MONTHLY"),
    ("RRULE:FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY is not for FREQ=WEEKLY"),
    ("RRULE:FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32 is out of range (1 to 31, or -31"),
    ("RRULE:FREQ=HOURLY;BYHOUR=-1", "BYHOUR=-1 is out of range (0 to 23)"),
    ("RRULE:FREQ=YEARLY;BYDAY=54MO", "BYDAY=54MO is not a weekday"),
    ("RRULE:FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
    ("RRULE:COUNT=2", "has no FREQ"),
    ("RRULE:FREQ=DAILY;WHEN=SOON", "WHEN is not a part of a rule"),
    ("RRULE:FREQ=SOMETIMES", "FREQ=SOMETIMES is not a frequency"),
    ("EXRULE:FREQ=DAILY;COUNT=1" + ",1" * 1000, "lists more than 1000 values"),
], ids=lambda v: v[:40])
def test_a_recurrence_rule_is_read_part_by_part(line: str, said: str) -> None:
    [message] = _event_with(line)
    assert message.startswith("wrong-type: ") and said in message and "§3.3.10" in message


@pytest.mark.parametrize("line", [
    "RRULE:FREQ=MONTHLY;BYDAY=MO,-1FR,+2SU;WKST=SU;UNTIL=20261231",
    "rrule:freq=weekly;byday=mo,we;until=20261231",  # names and values in any case
    "RRULE:FREQ=YEARLY;BYYEARDAY=-366,1;BYWEEKNO=53;BYMONTH=2;BYSETPOS=-1;X-NAME=1",
    "RRULE:FREQ=MINUTELY;INTERVAL=15;BYSECOND=60;COUNT=10",
])
def test_a_good_recurrence_rule_passes(line: str) -> None:
    assert _event_with(line) == []


@pytest.mark.parametrize(("lines", "said"), [
    (["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER:soon", "END:VALARM"],
     "TRIGGER 'soon' is not a duration"),
    (["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER;VALUE=DATE-TIME:20260301",
      "END:VALARM"], "is not a UTC date and time"),
    (["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER:-PT", "END:VALARM"],
     "TRIGGER '-PT' is not a duration"),
])
def test_an_alarms_trigger_is_a_duration_or_a_utc_time(lines: list[str], said: str) -> None:
    [message] = _event_with(*lines)
    assert said in message and "§3.8.6.3" in message
    ok = ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "END:VALARM"]
    for trigger in ("TRIGGER:-P1DT2H", "TRIGGER;RELATED=END:PT0S", "TRIGGER:-P2W",
                    "TRIGGER;VALUE=DATE-TIME:20260301T090000Z"):
        assert _event_with(*ok[:3], trigger, ok[3]) == []


def test_a_vtimezone_has_an_observance() -> None:
    text = GOOD_MINIMAL.replace("BEGIN:VEVENT", "BEGIN:VTIMEZONE\nTZID:X/Y\nEND:VTIMEZONE\n"
                                                "BEGIN:VEVENT")
    [found] = lint_bytes(to_crlf(text), "x.ics")
    assert (found.line, found.code) == (4, "observance")
    assert "neither STANDARD nor DAYLIGHT" in found.message


def test_a_tzid_defined_in_another_vcalendar_says_where() -> None:
    zone = ("BEGIN:VTIMEZONE\nTZID:My/Zone\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
            "TZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n")
    first = GOOD_MINIMAL.replace("BEGIN:VEVENT", zone + "BEGIN:VEVENT")
    second = GOOD_MINIMAL.replace("UID:a@example", "UID:b@example").replace(
        "DTSTART;VALUE=DATE:20260301\nDTEND;VALUE=DATE:20260302",
        "DTSTART;TZID=My/Zone:20260301T090000\nDTEND;TZID=My/Zone:20260301T100000")
    found = lint_bytes(to_crlf(first + second), "x.ics")
    assert [(f.line, f.code) for f in found] == [(26, "missing-vtimezone"),
                                                 (27, "missing-vtimezone")]
    assert "TZID=My/Zone has no VTIMEZONE in its VCALENDAR (it is defined at line 4, in " \
           "another)" in found[0].message


def test_an_unknown_value_type_of_a_date_is_named() -> None:
    [message] = _event_with("RECURRENCE-ID;VALUE=BOGUS:20260301")
    assert message == ("wrong-type: RECURRENCE-ID has VALUE=BOGUS: a date is DATE or "
                       "DATE-TIME (RFC 5545 §3.2.20)")
