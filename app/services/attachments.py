"""Attach a photo or document to a record: the encrypted blob, then its metadata."""

from __future__ import annotations

from datetime import datetime

from app.domain.issues import Issue, ValidationFailed
from app.services.changed import Changed
from app.store import changes
from app.store.database import Database
from app.store.schema import MODEL_BY_ENTITY
from app.store.work import Attachment

KINDS = ("photo", "signature", "document")
MAX_BYTES = 20 * 1024 * 1024


def attach(
    db: Database,
    user: str,
    *,
    owner_entity: str,
    owner_id: str,
    data: bytes,
    mime: str,
    kind: str = "photo",
    tag: str = "",
    caption: str = "",
    taken_at: datetime | None = None,
) -> tuple[str, Changed]:
    """Store `data` encrypted (named by its sha256) and record it on its owner.

    The blob is written first: if the record then fails, an unreferenced blob is
    left behind, which costs disk space but never loses or corrupts anything.
    """
    issues: list[Issue] = []
    if kind not in KINDS:
        issues.append(Issue("code.unknown", {"list": "附件类型", "code": kind}, "kind"))
    if not data:
        issues.append(Issue("attachment.empty", {}, "data"))
    elif len(data) > MAX_BYTES:
        issues.append(Issue("attachment.too_big", {"mb": MAX_BYTES // (1024 * 1024)}, "data"))
    model = MODEL_BY_ENTITY.get(owner_entity)
    if model is None:
        issues.append(Issue("field.unknown", {"field": owner_entity}, "owner_entity"))
    if issues:
        raise ValidationFailed(issues)
    assert model is not None
    with db.transaction() as s:
        changes.get_live(s, model, owner_id)  # the owner must exist
        sha = db.blobs.put(data)
        record = changes.create(
            s,
            Attachment,
            {
                "sha256": sha,
                "mime": mime,
                "size": len(data),
                "kind": kind,
                "owner_entity": owner_entity,
                "owner_id": owner_id,
                "tag": tag,
                "caption": caption,
                "taken_at": taken_at,
            },
            user=user,
        )
        household = getattr(s.get(model, owner_id), "household_id", None)
        households = {household} if household else set()
        if owner_entity == "household":
            households.add(owner_id)
        return record.id, Changed(households=frozenset(households))
