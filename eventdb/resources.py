"""Locate the non-Python parts of eventdb: migrations, saved views, reference data.

In a wheel they are bundled under `eventdb/_bundled/`; in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_bundled"
_REPO = _PACKAGE.parent

_LOCATIONS = {
    "migrations": ("migrations", "migrations"),
    "sql": ("sql", "sql"),
    "reference": ("reference", "seeds/reference"),
    "alembic.ini": ("alembic.ini", "alembic.ini"),
}


def resource_path(name: str) -> Path:
    """Path of a bundled resource, preferring the source checkout when running from one."""
    bundled, in_repo = _LOCATIONS[name]
    repo_path = _REPO / in_repo
    if repo_path.exists() and (_REPO / "pyproject.toml").exists():
        return repo_path
    path = _BUNDLED / bundled
    if path.exists():
        return path
    raise FileNotFoundError(f"eventdb resource {name!r} not found (looked in {repo_path} and {path})")
