"""What each record class and each of its fields means, in one place, for people.

The JSON Schema of a data file (:mod:`reecal.formats.schema`) gives these to editors,
which show them on hover and in completion.  ``tests/model/test_docs.py`` fails when a
field has no description or a description names no field, so a new field is
described where it is added.  Fields shared by events and programmes are described
under ``_Dated``, the class that defines them.
"""

from __future__ import annotations

__all__ = ["CLASSES", "FIELDS", "describe"]

CLASSES: dict[str, str] = {
    "Event": "A dated event: a conference, forum, exhibition, visit or meeting. Events "
             "are all-day: start and end are dates, end the last day (inclusive).",
    "Programme": "A programme people apply to, with its application window.",
    "Organisation": "An organisation that organises, sponsors or hosts records; records "
                    "name it by its id.",
    "Series": "A recurring event (e.g. a yearly conference), whose editions are events.",
    "Revision": "An earlier revision of a record: the values the next revision changed, "
                "as they were.",
    "Cadence": "How often a series recurs, as a source states it: every years and "
               "months, with the quote.",
    "Place": "Where something happens. tz is required.",
    "Source": "Where a record's claims come from, with the words that support them.",
    "Certainty": "How sure the record is, and why.",
    "Count": "A number the source gives, with how it qualifies it (\"nearly 300\").",
    "Person": "A person the source names, with their role.",
    "Reference": "A labelled reference, such as a notice number or an applicant code.",
    "Outside": "A fact of the record that its sources do not give, and where it comes "
               "from.",
    "Window": "An application window, in zone tz: it may open on a known day; it closes "
              "at a deadline.",
}
"""Class name → what an object of the class is."""

_MOMENT = ("a TOML date (2026-05-15), or a local date-time without offset "
           "(2026-05-15T17:00:00) in the window's tz")

FIELDS: dict[str, dict[str, str]] = {
    "_Dated": {
        "id": "Unique id across all files: lower-case letters, digits and single "
              "hyphens (e.g. acme-magnet-summit-2027).",
        "title": "The title, in English, as the source gives it.",
        "title_zh": "The Chinese title, if a source gives one.",
        "aliases": "Other names the record is known by; text search finds them.",
        "series": "The id of the [[series]] this record is an edition of.",
        "edition": "The edition number within the series (1, 2, ...); needs series.",
        "place": "Where it happens.",
        "organisers": "Ids of the [[organisation]]s that run it.",
        "parent": "The id of the record this one is part of (a sub-forum, a side "
                  "exhibition).",
        "status": "confirmed, tentative, postponed or cancelled.",
        "tags": "Topics, as ids (e.g. magnets); the listing commands filter on them.",
        "people": "People the source names, with their roles.",
        "url": "The record's web page: an http(s) URL.",
        "summary": "A description of the record (multi-line text).",
        "certainty": "How sure the record is: confidence, verification, and how "
                     "precisely the source dates it.",
        "sources": "The documents the record rests on, each with the words quoted: at "
                   "least one.",
        "outside": "Facts the sources do not give, each with where it comes from.",
        "revision": "Becomes the feeds' SEQUENCE: raise it on every change.",
        "history": "Earlier revisions, oldest first: what each next revision changed, as "
                   "it was (calendars/changes.atom says it in words).",
        "updated": "When the record last changed: a TOML date-time with a UTC offset "
                   "(2026-01-29T00:00:00Z); becomes DTSTAMP and LAST-MODIFIED.",
    },
    "Event": {
        "kind": "What the event is: conference, forum, exhibition, visit or meeting.",
        "start": "The first day: a TOML date (2026-05-15), not a string. With "
                 "certainty.dates = \"month\", the month's first day.",
        "end": "The last day (inclusive); leave it out when only the opening day is "
               "known.",
        "hosts": "Ids of the organisations that receive the event (those a delegation "
                 "visits).",
        "participants": "How many take part, as the source says it.",
    },
    "Programme": {
        "window": "The application window: when it opens and closes, and in which zone.",
        "sponsor": "The id of the organisation applicants choose or apply through.",
        "eligibility": "Who may apply (multi-line text).",
        "quota": "How many are selected or recommended, as the source says it.",
        "duration": "How long the programme lasts, in words.",
        "references": "Labelled references: notice numbers, applicant codes, platforms.",
    },
    "Organisation": {
        "id": "Unique id that records use to name it: lower-case letters, digits and "
              "single hyphens.",
        "name": "The full name, as the documents give it.",
        "name_zh": "The Chinese name, if a document gives one.",
        "short": "The short name or acronym a document uses (e.g. CRES).",
        "aliases": "Other spellings the documents use for the same body.",
        "url": "Its web site: an http(s) URL.",
    },
    "Series": {
        "id": "Unique id that editions name in their series field.",
        "name": "The series' name, without an edition number or year.",
        "name_zh": "The Chinese name, if a source gives one.",
        "organisers": "Ids of the organisations that run the series.",
        "url": "The series' web page: an http(s) URL.",
        "cadence": "How often the series recurs, as a source states it; with it reecal "
                   "can estimate the next edition (--estimated).",
    },
    "Cadence": {
        "years": "Every how many years (with months: years and months).",
        "months": "Every how many months (with years: years and months).",
        "sources": "The documents that state the cadence, with their words.",
    },
    "Place": {
        "venue": "The building or venue.",
        "city": "The city.",
        "region": "The province, state or region.",
        "country": "The country (required).",
        "tz": "The place's time zone: an IANA name such as Asia/Shanghai (required).",
        "lat": "Latitude in degrees, -90 to 90; give lon too.",
        "lon": "Longitude in degrees, -180 to 180; give lat too.",
    },
    "Source": {
        "document": "The document: a file under seeds/ for the bundled data, or an "
                    "http(s) URL or a path of your choosing (reecal import cites its "
                    "copy, sources/NAME.ics, relative to the data directory).",
        "quote": "The words of the document that support the record (multi-line text).",
        "publisher": "Who published the document.",
        "published": "When the document was published: a TOML date.",
        "url": "Where the document can be read: an http(s) URL.",
        "uid": "The UID of the iCalendar event the quote comes from (reecal import keeps "
               "it, so importing the file again updates the draft instead of adding one).",
        "recurrence": "For one occurrence of a recurring event: its RECURRENCE-ID, as an "
                      "ISO date or date-time (with the UID, it names the occurrence).",
        "sequence": "The event's SEQUENCE when imported: a re-import replaces the draft "
                    "only when the organiser's SEQUENCE is higher.",
    },
    "Certainty": {
        "confidence": "How sure we are that the dates and facts are right: high, "
                      "medium or low.",
        "verification": "Whether the claims were checked against an independent "
                        "source: unverified, verified, or imported (a draft reecal import "
                        "made from an organiser's .ics, not yet checked).",
        "year_inferred": "true when the source gives no year and it was worked out; "
                         "reason must then say how.",
        "dates": "How precisely the source dates the record: exact, start-only (only "
                 "the opening day), within-parent (some days of the parent event), "
                 "before-parent (only before the parent began) or month (some day in "
                 "the month: start is its first day, no end). Anything but exact "
                 "needs a reason. (estimated is reecal's own label for the editions it "
                 "projects: data files cannot use it.)",
        "reason": "Why: how the year was inferred, or how the source dates the record.",
    },
    "Count": {
        "value": "The number, a whole number >= 0.",
        "qualifier": "How the source qualifies it: exact, about, nearly, at-least or "
                     "at-most.",
        "of": "What is counted (e.g. participants).",
    },
    "Person": {
        "name": "The person's name.",
        "role": "Their role, as the source gives it.",
    },
    "Reference": {
        "label": "What the reference is (e.g. Notice).",
        "value": "The reference itself (e.g. CRES Notice [2025] No. 31).",
    },
    "Outside": {
        "field": "The path of the fact in the record: place.region, people[1].role, "
                 "hosts[0].",
        "basis": "Where the fact comes from: general knowledge, a map, a URL.",
    },
    "Window": {
        "opens": "When applications open: " + _MOMENT + ".",
        "closes": "The deadline: " + _MOMENT + ". A date alone means the end of "
                  "that day (23:59:59).",
        "tz": "The window's time zone: an IANA name such as Asia/Shanghai, or AoE "
              "(Anywhere on Earth, UTC-12).",
        "extended_from": "The deadline before an extension: " + _MOMENT + ".",
    },
    "Revision": {
        "revision": "The earlier revision's number (below the record's own, increasing).",
        "updated": "When that revision was made: a TOML date-time with an offset.",
        "note": "Why the next revision changed it, for readers of the changes feed.",
        "title": "The title as it was, if the next revision changed it.",
        "status": "The status as it was, if the next revision changed it.",
        "start": "An event's first day as it was (give end too, if it had one).",
        "end": "An event's last day as it was; needs start.",
        "opens": "A programme's opening as it was: " + _MOMENT + "; needs closes.",
        "closes": "A programme's deadline as it was: " + _MOMENT + ".",
        "place": "The place as it was, if the next revision changed it.",
    },
}
"""Class name → field name → what the field holds and how to write it in TOML."""


def describe(cls: type, name: str) -> str:
    """The description of field *name* of *cls*, from the class that defines it;
    KeyError if it has none.

    >>> from reecal.model.records import Event
    >>> describe(Event, "revision")
    "Becomes the feeds' SEQUENCE: raise it on every change."
    """
    for klass in cls.__mro__:
        found = FIELDS.get(klass.__name__, {}).get(name)
        if found is not None:
            return found
    raise KeyError(f"{cls.__name__}.{name} has no description in reecal/model/docs.py")
