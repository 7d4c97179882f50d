"""Column helpers shared by the models."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL, shown in TRACKER_TIMEZONE."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
