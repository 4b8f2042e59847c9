"""Keeping a calendar store (a CalDAV collection, a vdir) holding exactly a selection.

- :mod:`.plan`: what to create, update and delete (pure, no I/O);
- :mod:`.store`: what a store must do; :mod:`.dav` and :mod:`.vdir`: the two kinds;
- :mod:`.state`: what the last sync wrote, to tell others' edits from reecal's;
- :mod:`.run`: :func:`~reecal.publish.sync.run.sync`, which ties them together.

It lives under ``publish`` (not ``reecal/sync/``) because it publishes the same events
as the feeds, and because a sub-package ``reecal.sync`` would replace the function
``reecal.sync`` as an attribute of the package once imported.
"""
