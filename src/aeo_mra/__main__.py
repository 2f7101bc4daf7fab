"""``python -m aeo_mra``: the ``aeo-mra`` command."""

from __future__ import annotations

if __name__ == "__main__":
    from .cli import run

    run()
