"""The records and their rules.

- :mod:`~reecal.model.enums`: the closed vocabularies (kinds, statuses, confidence...);
- :mod:`~reecal.model.checks`: the validators every field goes through;
- :mod:`~reecal.model.zones`: IANA time zones and AoE;
- :mod:`~reecal.model.suggest`: "did you mean", for every message and command;
- :mod:`~reecal.model.values`: places, sources, certainty, organisations, series...;
- :mod:`~reecal.model.window`: application windows and what their deadlines mean;
- :mod:`~reecal.model.dates`: the one computation of a record's dates;
- :mod:`~reecal.model.records`: events and programmes.

Nothing is imported here, so that a module needing one part pays for that part only.
"""
