"""Storing evidence files under random names outside the static folder."""
from __future__ import annotations

import hashlib
import os
import secrets

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
