"""What a migration would drop, found by running it in a transaction that is rolled back.

PostgreSQL's DDL is transactional, so the honest answer to "what does `db
downgrade 0001` drop?" is to do it, look at the catalogs, and roll back: no
migration has to describe itself, and a new one is covered without a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

_OBJECTS = text("""
    SELECT CASE WHEN c.relkind IN ('r', 'p') THEN 'table' ELSE 'view' END AS kind,
           quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS relation, '' AS col
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%' AND c.relname <> 'alembic_version'
    UNION ALL
    SELECT 'column', quote_ident(n.nspname) || '.' || quote_ident(c.relname), quote_ident(a.attname)
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      AND c.relname <> 'alembic_version'
""")


@dataclass(frozen=True)
class Drops:
    """Tables (with their row counts), columns of tables that stay (with their non-null values), views."""

    tables: tuple[tuple[str, int], ...] = ()
    columns: tuple[tuple[str, int], ...] = ()
    views: tuple[str, ...] = ()

    @property
    def loses_data(self) -> bool:
        return bool(self.tables or self.columns)

    def __str__(self) -> str:
        parts = []
        if self.tables:
            rows = sum(n for _, n in self.tables)
            parts.append(f"{len(self.tables)} tables holding {rows:,} rows ("
                         + ", ".join(f"{name} {n:,}" for name, n in self.tables) + ")")
        if self.columns:
            parts.append(f"{len(self.columns)} columns (" + ", ".join(f"{name} {n:,} values" for name, n in self.columns) + ")")
        if self.views:
            parts.append(f"{len(self.views)} views ({', '.join(self.views)})")
        return "; ".join(parts) or "nothing"


Objects = set[tuple[str, str, str]]  # (kind, quoted relation, quoted column or '')


def snapshot(conn: Connection) -> Objects:
    return {(kind, relation, col) for kind, relation, col in conn.execute(_OBJECTS)}


def dropped(before: Objects, after: Objects, conn: Connection) -> Drops:
    """What is in `before` but not `after`, with sizes counted on `conn` (where it still exists).

    Names come from the catalog already quoted (quote_ident), so they are safe to put in SQL."""
    gone = before - after
    tables = sorted(rel for kind, rel, _ in gone if kind == "table")
    columns = sorted((rel, col) for kind, rel, col in gone if kind == "column" and ("table", rel, "") not in gone)
    return Drops(
        tables=tuple((t, conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables),
        columns=tuple((f"{rel}.{col}", conn.execute(text(f"SELECT count({col}) FROM {rel}")).scalar_one())
                      for rel, col in columns),
        views=tuple(sorted(rel for kind, rel, _ in gone if kind == "view")),
    )
