"""Asking the records questions.

- :mod:`~reecal.query.filter`: the one filter language;
- :mod:`~reecal.query.agenda`: what is coming, which windows are open, the nearest items;
- :mod:`~reecal.query.dataset`: the collection, and :func:`~reecal.query.dataset.load`.
"""
