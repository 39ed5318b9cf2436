"""The side each actor rolls up to, kept on `actors.side_actor_id`.

The rule is SQL, in sql/actor_sides.sql (reports.actor_sides: curated part_of / member_of /
front_for / commands chains up to a state or coalition). Reports join the side for every
incident and claim; a recursive view joined per row made PostgreSQL's estimates explode
(seconds of JIT compilation for `reports.incidents LIMIT 100`), so the result is stored on
the actor and refreshed whenever it can change: after every reference load (sides follow
curated relations only) and after the views are re-created.
"""

from __future__ import annotations

from sqlalchemy import Connection, text


def refresh_sides(conn: Connection) -> int:
    """Store each actor's side from reports.actor_sides; returns how many changed."""
    return conn.execute(text("""
        UPDATE actors a SET side_actor_id = s.side_id
        FROM reports.actor_sides s
        WHERE s.actor_id = a.id AND a.side_actor_id IS DISTINCT FROM s.side_id""")).rowcount
