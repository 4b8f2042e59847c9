"""``python -m reecal``: the same as the ``reecal`` command."""

from reecal.cli import entry

if __name__ == "__main__":
    entry()
