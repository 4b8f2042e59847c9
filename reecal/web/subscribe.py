"""How each calendar client subscribes to a feed URL: one place for the links.

>>> [(l.client, l.href) for l in links("https://example.org/feed.ics?tag=magnets", "Magnets")]
... # doctest: +NORMALIZE_WHITESPACE
[('Apple Calendar, Thunderbird', 'webcal://example.org/feed.ics?tag=magnets'),
 ('Google Calendar', 'https://calendar.google.com/calendar/r/settings/addbyurl'),
 ('Outlook.com', 'https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fexample.org%2Ffeed.ics%3Ftag%3Dmagnets&name=Magnets'),
 ('Outlook (Microsoft 365)', 'https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fexample.org%2Ffeed.ics%3Ftag%3Dmagnets&name=Magnets'),
 ('Any other app', 'https://example.org/feed.ics?tag=magnets')]
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlencode

__all__ = ["GOOGLE_ADD_BY_URL", "Link", "links"]

GOOGLE_ADD_BY_URL = "https://calendar.google.com/calendar/r/settings/addbyurl"
"""Google's add-by-URL page: the user pastes the https link there.  (Links with
``?cid=`` break for feeds that are not Google calendars.)"""


class Link(NamedTuple):
    client: str
    href: str
    how: str


def links(url: str, name: str) -> list[Link]:
    """The subscribe links for the https (or http) feed at *url*, named *name*."""
    rest = url.partition("://")[2]
    outlook = urlencode({"url": url, "name": name})
    return [
        Link("Apple Calendar, Thunderbird", f"webcal://{rest}",
             "Opens your calendar app, which asks to subscribe."),
        Link("Google Calendar", GOOGLE_ADD_BY_URL,
             "Opens Google's \u201cFrom URL\u201d page: paste the https link below."),
        Link("Outlook.com", f"https://outlook.live.com/calendar/0/addfromweb?{outlook}",
             "Opens Outlook's \u201cSubscribe from web\u201d with the link filled in."),
        Link("Outlook (Microsoft 365)",
             f"https://outlook.office.com/calendar/0/addfromweb?{outlook}",
             "The same, for work and school accounts."),
        Link("Any other app", url, "Copy this link into your app's \u201csubscribe\u201d or "
             "\u201cnew calendar from URL\u201d."),
    ]
