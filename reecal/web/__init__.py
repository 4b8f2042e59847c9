"""The web: ``reecal serve`` and ``reecal site build``: the page, the record pages,
any selection as a feed, the JSON API, and HTTP done right."""
