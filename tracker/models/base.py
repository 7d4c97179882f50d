"""Column helpers shared by the models."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL, shown in TRACKER_TIMEZONE."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def insert_or_skip(model, *unique_columns: str):
    """INSERT … ON CONFLICT (unique_columns) DO NOTHING for this session's database: a row
    another transaction inserted first is skipped, not an error (PostgreSQL and SQLite)."""
    from sqlalchemy.dialects import postgresql, sqlite

    from tracker.extensions import db
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(model).on_conflict_do_nothing(index_elements=list(unique_columns))
