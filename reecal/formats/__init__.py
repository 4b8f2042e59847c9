"""Records and query results in the forms people and programs read.

- :mod:`~reecal.formats.words`: dates, instants, durations and zones in words;
- :mod:`~reecal.formats.prose`: what is said about a record (title line, dates,
  certainty, description), the same in every output;
- :mod:`~reecal.formats.ics`: the iCalendar writer (feeds and one-event resources),
  from :mod:`~reecal.formats.vevent` (a record's VEVENTs as text),
  :mod:`~reecal.formats.vtimezone` (TZIDs and VTIMEZONEs, from icalendar) and
  :mod:`~reecal.formats.contentlines` (escaping and folding);
- :mod:`~reecal.formats.rows`: rows of plain values, JSON and CSV;
- :mod:`~reecal.formats.fit`: text's width in a terminal, cut with … or wrapped;
- :mod:`~reecal.formats.terminal`: each view as text that fits a terminal (a table, or
  a block an item when narrow), and one record in full;
- :mod:`~reecal.formats.lint`: the linter for any .ics file.
"""
