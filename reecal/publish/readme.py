"""calendars/README.md: what each feed holds and how to subscribe, made from the registry.

>>> "### Thunderbird" in readme()
True
"""

from __future__ import annotations

import re

from reecal.publish.feeds import FEEDS, base_url

__all__ = ["readme"]

_CLIENTS = """\
### Google Calendar
Open <https://calendar.google.com/calendar/r/settings/addbyurl>, paste the https link,
and choose **Add calendar**. Google refreshes subscriptions on its own schedule (often
every 12–24 hours) and ignores reminders in the feed.

### Apple Calendar (macOS, iPhone, iPad)
Click the webcal link, or choose **File → New Calendar Subscription…** and paste it.
Set **Auto-refresh** to *Every day*. Untick *Remove Alerts* to keep the reminders of
the alerts feed.

### Outlook (outlook.com, Microsoft 365, new Outlook)
**Add calendar → Subscribe from web**, paste the https link, name it, **Import**.
Outlook refreshes on its own schedule: Microsoft's specification (MS-OXCICAL) says
X-PUBLISHED-TTL SHOULD be ignored on import. Outlook keeps one reminder per
appointment (MS-OXCICAL allows zero or one VALARM per event); in the alerts feed the
reminder a week before each closing comes first, for any client that keeps only one.

### Thunderbird
**New Calendar… → On the Network**, paste the https link, choose the iCalendar (ICS)
format, and set the refresh interval.
"""


def readme(base: str | None = None) -> str:
    """calendars/README.md, generated from :data:`FEEDS` (checked by the tests)."""
    root = base_url(base)
    webcal = re.sub(r"^https?://", "webcal://", root)
    scheme = root.split(":", 1)[0].lower()
    site = root.removesuffix("/calendars")
    rows = "\n".join(
        f"| `{f.filename}` | {f.description} | [{scheme}]({root}/{f.filename}) | "
        f"[webcal]({webcal}/{f.filename}) |"
        for f in FEEDS
    )
    return f"""# Calendars

Subscribe to these feeds by URL; they are regenerated from the records by
`reecal export` and checked by `reecal export --check`. Every event keeps its UID
across rebuilds, so a change updates the event you have instead of adding a copy.

| feed | what it holds | subscribe | open in app |
|---|---|---|---|
{rows}

All-day events (conferences, forums, visits) end on the day after their last day, as
iCalendar requires. A deadline is a timed event at the closing instant in the
organiser's time zone, with its VTIMEZONE; when the organiser published only a date,
it is the end of that day and the description says the time was not published.

An event's title says when its date is less sure than it looks: "(opening day)" when
only the first day is published, "(exact days not published)" for a part of a larger
event shown across that event's days, "(on or before this day)", "(some day this
month)", and "(year inferred)" when the source gives no year. The description says
why, quoting the source.

## How to subscribe

{_CLIENTS}
## A feed of your own selection

The web page at <{site}/> lists what is coming and which windows are open, with
filters and subscribe buttons for what you chose. As a static site it has one feed
per kind and per tag beside these:

```text
{site}/feeds/kind-conference.ics
{site}/feeds/tag-magnets.ics
```

Where `reecal serve` runs (say at `https://dates.example.org`), any selection is a
feed, with the filters of the command line; repeat a parameter for "or":

```text
https://dates.example.org/feed.ics?kind=conference&tag=magnets
https://dates.example.org/feed.ics?org=CAST&kind=programme&kind=conference
```

Any listing of the `reecal` command line can also be written as a feed, with the
same filters as the terminal:

```sh
reecal list --kind conference --tag magnets --format ics > magnets.ics
reecal deadlines --org CAST --format ics > cast-deadlines.ics
reecal --data my-events.toml list --format ics > mine.ics
```

Publish the file anywhere that serves it over https (ideally as
`text/calendar; charset=utf-8`) and subscribe to that URL.

The base URL of the links above comes from `REECAL_BASE_URL` (or
`reecal export --base-url`); it is `{root}` here.
"""


