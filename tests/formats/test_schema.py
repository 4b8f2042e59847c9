"""The JSON Schema editors check data files with: fresh, valid, true to the loader.

Each TOML file is turned into JSON the way taplo (Even Better TOML's engine) does it:
tables and arrays as they are, dates and date-times as their ISO strings.
"""

from __future__ import annotations

import copy
import enum
import json
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from reecal.errors import FieldError
from reecal.formats import schema as sch
from reecal.loading.convert import converter
from reecal.model.records import Event
from tests import strategies as rs
from tests.support import BAD, ROOT, Run, data_classes

COMMITTED = ROOT / "reecal" / "data" / "schema.json"
REGENERATE = "reecal schema --out reecal/data/schema.json"
BUNDLED = sorted((ROOT / "reecal" / "data").glob("*.toml"))

LOADER_ONLY = {  # bad files the schema accepts: only the loader's own checks catch them
    "01-syntax-error.toml": "not TOML: there is nothing to check against a schema",
    "03-impossible-date.toml": "not TOML: the TOML parser rejects February 30",
    "04-end-before-start.toml": "compares two values; JSON Schema cannot",
    "07-duplicate-id.toml": "across files: the id is used in the bundled data",
    "38-byte-order-mark.toml": "not TOML: TOML allows no byte order mark",
    "39-nul-character.toml": "not TOML: TOML allows no NUL in a string",
    "37-duplicate-id-in-one-file.toml": "across records: JSON Schema's uniqueItems compares "
                                        "whole records, not one field of each",
    "11-date-as-string.toml": "taplo gives the schema a TOML date as a string, so a "
                              "quoted date looks the same",
    "13-window-closes-before-opens.toml": "compares two values; JSON Schema cannot",
    "14-unknown-organisation.toml": "across files: which organisations exist",
    "22-unknown-parent.toml": "across files: which records exist",
    "26-invalid-utf8.toml": "not TOML: invalid UTF-8",
    "27-before-parent-not-on-parents-first-day.toml": "across records: the parent's dates",
    "29-deadline-in-a-daylight-saving-gap.toml": "needs the zone's rules (tzdata)",
    "31-outside-names-no-field.toml": "a value naming another field that must be given",
    "33-history-revision-not-below-the-records.toml": "compares two values; JSON Schema "
                                                      "cannot",
}


def as_json(value: Any) -> Any:
    """TOML data as taplo hands it to a JSON Schema validator: dates become strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def validator() -> Draft7Validator:
    return Draft7Validator(sch.json_schema(), format_checker=Draft7Validator.FORMAT_CHECKER)


def errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator().iter_errors(as_json(data))]


def test_committed_schema_is_fresh() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == sch.render(), (
        f"reecal/data/schema.json is stale: run '{REGENERATE}'")


def test_the_command_prints_the_committed_schema_and_it_is_valid(run: Run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")
    schema = json.loads(result.stdout)
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == sch.DRAFT == Draft7Validator.META_SCHEMA["$schema"]


def test_the_command_writes_atomically_and_only_when_changed(run: Run, tmp_path: Path
                                                             ) -> None:
    out = tmp_path / "schema.json"
    first = run("schema", "--out", str(out))
    assert (first.exit_code, first.stdout) == (0, f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == sch.render()
    again = run("schema", "--out", str(out))
    assert (again.exit_code, again.stdout) == (0, "")
    assert "already up to date" in again.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]  # no temporary left
    missing = run("schema", "--out", str(tmp_path / "no" / "schema.json"))
    assert missing.exit_code == 1 and "no such directory" in missing.stderr


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_file_validates(path: Path) -> None:
    assert errors(tomllib.loads(path.read_text(encoding="utf-8"))) == []


def test_bundled_files_name_the_schema_on_their_first_line() -> None:
    for path in BUNDLED:
        assert path.read_text(encoding="utf-8").startswith("#:schema ./schema.json\n"), path


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_bad_file_fails_the_schema_or_is_listed_as_the_loaders(path: Path) -> None:
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        assert path.name in LOADER_ONLY, f"{path.name} is not TOML: list it in LOADER_ONLY"
        return
    found = errors(data)
    if path.name in LOADER_ONLY:
        assert found == [], f"the schema rejects {path.name}: take it off LOADER_ONLY"
    else:
        assert found, f"the schema accepts {path.name}: strengthen it, or list it"


def test_the_loader_only_list_names_only_bad_files() -> None:
    assert set(LOADER_ONLY) <= {p.name for p in BAD}


# ------------------------------------------------------------ rules said again

EVENT: dict[str, Any] = {
    "id": "demo", "kind": "forum", "title": "Demo", "start": date(2026, 5, 15),
    "updated": datetime.fromisoformat("2026-01-01T00:00:00+00:00"),
    "place": {"country": "France", "tz": "Europe/Paris", "lat": 45.0, "lon": 4.0},
    "sources": [{"document": "https://example.org/a", "quote": "15 May"}],
}

RULES = {  # a change to a valid event that the model rejects, for each restated rule
    "lat above 90": {"place": {**EVENT["place"], "lat": 90.5}},
    "lon below -180": {"place": {**EVENT["place"], "lon": -180.5}},
    "lat alone": {"place": {"country": "France", "tz": "Europe/Paris", "lat": 45.0}},
    "lon alone": {"place": {"country": "France", "tz": "Europe/Paris", "lon": 4.0}},
    "revision too large": {"revision": 2**31},
    "kind programme": {"kind": "programme"},
    "edition without series": {"edition": 3},
    "inferred year without reason": {"certainty": {"year_inferred": True}},
    "not exact without reason": {"certainty": {"dates": "start-only"}},
    "within-parent without parent": {"certainty": {"dates": "within-parent",
                                                   "reason": "r"}},
    "start-only with an end": {"certainty": {"dates": "start-only", "reason": "r"},
                               "end": date(2026, 5, 16)},
    "month with an end": {"certainty": {"dates": "month", "reason": "r"},
                          "start": date(2026, 5, 1), "end": date(2026, 5, 31)},
    "month not on the first": {"certainty": {"dates": "month", "reason": "r"}},
    "year out of range": {"start": date(1899, 12, 31)},
    "javascript url": {"url": "javascript:alert(1)"},
    "no sources": {"sources": []},
    "a title with spaces around": {"title": " Demo"},
    "a blank summary": {"summary": " \n\t"},
    "a bidi override": {"title": "Demo \u202e"},
}


def test_the_sample_event_is_valid_to_both() -> None:
    assert isinstance(converter().structure(copy.deepcopy(EVENT), Event), Event)
    assert errors({"event": [EVENT]}) == []


@pytest.mark.parametrize("change", RULES.values(), ids=list(RULES))
def test_each_restated_rule_rejects_what_the_model_rejects(change: dict[str, Any]) -> None:
    from cattrs.errors import ClassValidationError

    table = {**copy.deepcopy(EVENT), **change}
    with pytest.raises((ClassValidationError, FieldError)):
        converter().structure(table, Event)
    assert errors({"event": [table]}) != []


def test_every_rule_names_a_field_or_class_of_the_model() -> None:
    names = {k.__name__: k for cls in data_classes() for k in cls.__mro__ if attrs.has(k)}
    for key in sch._FIELD_RULES:
        cls, field = key.split(".")
        assert field in attrs.fields_dict(names[cls]), key
    assert set(sch._OBJECT_RULES) <= set(names)


# ------------------------------------------------------------ what the model accepts


def _table(value: Any) -> Any:
    """A record as the TOML table that loads as it: None fields left out, enums by value,
    tuples as arrays."""
    if attrs.has(type(value)):
        return {a.name: _table(getattr(value, a.name)) for a in attrs.fields(type(value))
                if getattr(value, a.name) is not None}
    if isinstance(value, tuple):
        return [_table(v) for v in value]
    return value.value if isinstance(value, enum.Enum) else value


@given(st.one_of(rs.events("r"), rs.programmes("r")))
def test_every_record_the_model_accepts_validates(record: Any) -> None:
    section = "event" if isinstance(record, Event) else "programme"
    assert errors({section: [_table(record)]}) == []
