"""``reecal import``: an organiser's iCalendar file as draft records.

:func:`import_ics` makes the drafts from the file's bytes (pure: it reads and writes
nothing); :func:`import_file` reads a file and writes the drafts into a data
directory, all or none.  :mod:`.lines` checks the file line by line, :mod:`.convert`
turns events into records, :mod:`.toml` writes them as data files.
"""

from reecal.importing.convert import Draft, Drafts, import_ics
from reecal.importing.write import import_file

__all__ = ["Draft", "Drafts", "import_file", "import_ics"]
