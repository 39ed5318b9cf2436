"""The zero-configuration default: an embedded PostgreSQL under EVENTDB_HOME, migrated on first use."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import SEED_ARTICLES


def eventdb(home, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "EVENTDB_DATABASE_URL"}
    env["EVENTDB_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "eventdb", *args], env=env, capture_output=True, text=True, timeout=300)


def test_embedded_default_is_created_migrated_and_kept(tmp_path):
    home = tmp_path / "home"
    first = eventdb(home, "ingest", str(SEED_ARTICLES / "000_f7ffbde51d67eb2b.txt"))
    assert first.returncode == 0, first.stderr
    assert "added 1" in first.stdout
    assert (home / "pgdata" / "PG_VERSION").exists()

    current = eventdb(home, "db", "current")
    assert "up to date" in current.stdout, current.stdout + current.stderr
    assert eventdb(home, "db", "url").stdout.startswith("postgresql+psycopg://")

    # A second process finds the same data: the article is already stored.
    again = eventdb(home, "ingest", str(SEED_ARTICLES / "000_f7ffbde51d67eb2b.txt"))
    assert again.returncode == 0 and "unchanged 1" in again.stdout
