"""Storing evidence files under random names outside the static folder."""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from datetime import timedelta

from sqlalchemy import select

from tracker.domain.filetypes import Accepted
from tracker.extensions import db
from tracker.models import Evidence, ProgressUpdate, Task, User
from tracker.services import audit


def path_of(upload_dir: str, stored_name: str) -> str:
    return os.path.join(upload_dir, stored_name[:2], stored_name)


def store(upload_dir: str, task: Task, update: ProgressUpdate | None, user: User,
          files: list[tuple[bytes, Accepted]], written: list[str]) -> list[Evidence]:
    """Write each checked file and its row. Paths written go into `written`, so the caller can
    remove them if the transaction fails (the row and the file live or die together)."""
    stored = []
    for data, accepted in files:
        name = secrets.token_hex(16)
        path = path_of(upload_dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "xb") as f:
            f.write(data)
        written.append(path)
        evidence = Evidence(task_id=task.id, update=update, uploaded_by_id=user.id,
                            original_name=accepted.name, stored_name=name,
                            content_type=accepted.mimetype, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest())
        db.session.add(evidence)
        stored.append(evidence)
    db.session.flush()
    for evidence in stored:
        audit.record("evidence.upload", evidence, {"file": (None, evidence.original_name),
                                                   "task": (None, task.id)}, actor=user)
    return stored


def discard(paths: list[str]) -> None:
    for path in paths:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


STORED_NAME = re.compile(r"[0-9a-f]{32}")
ORPHAN_AGE = timedelta(hours=1)  # no upload is still in flight after an hour


def sweep_orphans(upload_dir: str, now: float | None = None, older_than: timedelta = ORPHAN_AGE) -> list[str]:
    """Remove stored files without an evidence row: a process killed between writing a file and
    committing its row leaves one behind. Only files older than `older_than` are touched, so an
    upload in progress keeps its file. Returns the names removed."""
    cutoff = (now if now is not None else time.time()) - older_than.total_seconds()
    candidates = {}
    if os.path.isdir(upload_dir):
        for entry in os.scandir(upload_dir):
            if entry.is_dir() and len(entry.name) == 2:
                for item in os.scandir(entry.path):
                    if STORED_NAME.fullmatch(item.name) and item.is_file() and item.stat().st_mtime < cutoff:
                        candidates[item.name] = item.path
    names = list(candidates)
    known = set()
    for start in range(0, len(names), 500):
        known.update(db.session.scalars(select(Evidence.stored_name)
                                        .where(Evidence.stored_name.in_(names[start:start + 500]))))
    removed = [name for name in names if name not in known]
    discard([candidates[name] for name in removed])
    return removed
