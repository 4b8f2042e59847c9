"""Publishing the feeds.

- :mod:`~reecal.publish.feeds`: which feeds exist, and how each is built;
- :mod:`~reecal.publish.readme`: calendars/README.md, made from that registry;
- :mod:`~reecal.publish.guard`: the SEQUENCE guard, so updates reach subscribers;
- :mod:`~reecal.publish.files`: writing (all or nothing) and checking calendars/.
"""
