"""Data files → records.

- :mod:`~reecal.loading.files`: which files, reading them, the bundled data;
- :mod:`~reecal.loading.parse`: one file's TOML → records with their origins;
- :mod:`~reecal.loading.convert`: the cattrs converter and its path-addressed errors;
- :mod:`~reecal.loading.integrity`: the checks across records and files;
- :mod:`~reecal.loading.loader`: all of it together, :func:`~reecal.loading.loader.read`;
- :mod:`~reecal.loading.snapshot` and :mod:`~reecal.loading.cache`: the command line's cache;
- :mod:`~reecal.loading.provenance`: quotes checked against the documents they cite.
"""
