"""``python -m graphbuild``: the same as the ``graphbuild`` command."""

from .cli import app

app(prog_name="graphbuild")
