"""The laptop's end-of-day sync: first login, then photos, changes sent, changes received.

Every stage keeps its progress in the database, so a sync broken off (network,
cancel, a killed program) resumes where it stopped: the outbox loses an op only
to its receipt, each pulled page is applied with its cursor, uploads start by
asking which photos the server lacks, and a file larger than a chunk goes in
chunks that the server keeps, so a broken upload resumes at the first byte the
server lacks. A photo whose file fails its check on the laptop is set aside
(`sync.damaged`) and named in the receipt; the rest of the sync goes on. `cancel` (a
threading.Event) is checked between requests; `progress(stage, done, total)` reports
each step (total 0: not known yet), in bytes for the photo stages (`BYTE_STAGES`) so
that a large photo moves the bar too. Nothing here touches Qt: the program runs `sync`
on a worker.
"""

from __future__ import annotations

import functools
import json
import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain import workflow
from app.services import published
from app.store import account_lock, backup, syncing
from app.store.database import Database
from app.store.errors import BlobDamaged
from app.store.keys import KdfParams
from app.store.receipts import SyncReceipt
from sync import damaged, pulling
from sync.protocol import (
    BlobMissing,
    BlobQuery,
    DefinitionsPage,
    DefinitionsRequest,
    LoginRequest,
    LoginResponse,
    Me,
    PushRequest,
)
from sync.pulling import conflict_row
from sync.transport import (
    BadAnswer,
    Cancelled,
    NetworkError,
    Refused,
    SyncError,
    Transport,
    Unauthorized,
)

Progress = Callable[[str, int, int], None]
#: the stages, in order, with their names in the program
STAGES = {
    "photos": "上传照片",
    "sent": "发送修改",
    "received": "接收修改",
    "photos_in": "下载照片",
    "waiting": "网络中断，稍后自动继续同步",
}
#: the stages whose progress counts bytes, not items
BYTE_STAGES = frozenset({"photos", "photos_in"})


#: ops per push request: the server writes one push at a time, so short pushes keep every
#: laptop's requests short at the end-of-day peak (one laptop's backlog of thousands does
#: not hold the others up for seconds); a round trip more per 25 changes costs little
PUSH_BATCH = 25
#: a file larger than this goes in chunks of this size, each kept by the server as it
#: arrives: over a slow village link (about 1 Mbit/s) a break loses a few seconds of sending
CHUNK_BYTES = 512 * 1024
#: a sync the network breaks off (every retry of a request spent) after the server answered
#: it once goes on by itself after these pauses, in seconds, as a member would press 同步
#: again: a village link that drops for a minute costs a wait, not a failed sync; every
#: stage resumes where it stopped. A server not reached at all is reported at once.
SYNC_PAUSES = (5.0, 20.0, 60.0)


def _ignore(_stage: str, _done: int, _total: int) -> None:
    return None


def login(transport: Transport, username: str, password: str, client_id: str) -> LoginResponse:
    request = LoginRequest(
        username=username, password=password, client_id=client_id, device_name="入户走访助手"
    )
    return transport.call("POST", "/login", LoginResponse, request)


def first_login(
    server_url: str,
    username: str,
    password: str,
    db_path: Path,
    *,
    kdf: KdfParams | None = None,
    ca_bundle: Path | str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    page_size: int = 5000,
    snapshot: bool = True,
    backoff: float = 0.5,
    pauses: Sequence[float] = SYNC_PAUSES,
) -> Database:
    """Sign in on a new laptop: make the encrypted database with the password, keep the
    device token in it, and pull everything of the user's scope.

    If the first pull breaks off, the database is closed and the error raised: opening it
    with the password and syncing again resumes the pull.
    """
    answer, client_id, db, image = _signed_in_and_created(
        server_url, username, password, Path(db_path), kdf, ca_bundle, snapshot, backoff
    )
    syncing.store_token(db, answer.token, _identity(server_url, answer, client_id))
    client = SyncClient(
        db,
        ca_bundle=ca_bundle,
        progress=progress,
        cancel=cancel,
        page_size=page_size,
        snapshot=snapshot,
        backoff=backoff,
        pauses=pauses,
    )
    client.image = image
    client.daily_copy = False  # nothing yet to keep a copy of
    try:
        client.sync()
    except BaseException:
        db.close()
        raise
    finally:
        client.close()
    return db


def _signed_in_and_created(
    server_url: str,
    username: str,
    password: str,
    db_path: Path,
    kdf: KdfParams | None,
    ca_bundle: Path | str | None,
    snapshot: bool,
    backoff: float,
) -> tuple[LoginResponse, str, Database, bytes | None]:
    """Sign in, and make the database meanwhile (both derive a key from the password: the
    server to check it, the laptop to encrypt; argon2 runs without the GIL); signed in,
    ask for the first sync's image at once (`sync.pulling`). A refused sign-in leaves no
    database behind."""
    transport = Transport(server_url, ca_bundle=ca_bundle, backoff=backoff)
    client_id = str(uuid.uuid4())

    def sign_in() -> tuple[LoginResponse, bytes | None]:
        answer = login(transport, username, password, client_id)
        if not snapshot:
            return answer, None
        transport.set_token(answer.token)
        try:
            return answer, transport.get_optional("/snapshot")
        except SyncError:  # the sync asks again, and reports what goes wrong then
            return answer, None

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            asked = pool.submit(sign_in)
            try:
                db = Database.create(db_path, password, kdf=kdf)
            except BaseException:
                wait([asked])
                raise
            try:
                answer, image = asked.result()
            except BaseException:
                db.close()
                _remove_new_database(db_path)
                raise
    finally:
        transport.close()
    return answer, client_id, db, image


def _remove_new_database(db_path: Path) -> None:
    """The files of a database this sign-in has just made (nothing in it yet)."""
    for suffix in ("", ".keyinfo", "-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


def _identity(server_url: str, answer: LoginResponse, client_id: str) -> dict[str, str]:
    return {
        "server_url": server_url,
        "username": answer.user.username,
        "role": answer.user.role,
        "client_id": client_id,
        "device_id": answer.device_id,
    }


def _lock_if_stopped(db: Database, exc: SyncError) -> None:
    """Lock the laptop's data when the server says the user is disabled or the device
    revoked (`app.store.account_lock`)."""
    if isinstance(exc, Unauthorized) and exc.code in account_lock.CODES:
        account_lock.lock(db, exc.code)


#: what `reinstate` answers when the server refuses the password: the admin reset it
PASSWORD_WANTED = "auth.failed"
#: and when the server could not be asked
UNREACHABLE = "network"


def reinstate(db: Database, password: str, server_password: str = "", **options: Any) -> str:
    """Try a fresh sign-in for a locked laptop: "" when it is (now) unlocked, else why not:
    the refusal it stays locked for, `PASSWORD_WANTED` (the server's password is another:
    an admin reset it) or `UNREACHABLE`.

    `password` opened the laptop's data; `server_password`, when given, is the one the
    admin set on the server. Signed in with it, the laptop's data is re-encrypted under it
    (`Database.change_password`), so the member has one password again, as before."""
    code = account_lock.locked(db)
    if not code:
        return ""
    client = SyncClient(db, **options)
    try:
        client.relogin(server_password or password)
    except Unauthorized as exc:
        if exc.code == PASSWORD_WANTED:
            return PASSWORD_WANTED
        return account_lock.locked(db) or exc.code or code
    except NetworkError:
        return UNREACHABLE
    except SyncError as exc:
        return account_lock.locked(db) or getattr(exc, "code", "") or code
    finally:
        client.close()
    if server_password and server_password != password:
        db.change_password(password, server_password)
    return ""


class SyncClient:
    """Syncs one laptop database with its server; each `sync()` leaves a receipt."""

    def __init__(
        self,
        db: Database,
        *,
        ca_bundle: Path | str | None = None,
        batch_size: int = PUSH_BATCH,
        chunk_bytes: int = CHUNK_BYTES,
        page_size: int = 5000,
        snapshot: bool = True,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        timeout: tuple[float, float] = (5.0, 120.0),
        retries: int = 4,
        backoff: float = 0.5,
        pauses: Sequence[float] = SYNC_PAUSES,
    ) -> None:
        self.db = db
        self.pauses = tuple(pauses)
        self.batch_size = batch_size
        self.chunk_bytes = chunk_bytes
        self.page_size = page_size
        #: an empty laptop takes everything from one image (`sync.pulling`), not page by page
        self.snapshot = snapshot
        #: the image, when asked for already (at the first sign-in)
        self.image: bytes | None = None
        self.progress = progress or _ignore
        self.cancel = cancel or threading.Event()
        values = syncing.state(db)
        self.server_url = values.get("server_url", "")
        self.username = values.get("username", "")
        self.transport = Transport(
            self.server_url,
            token=syncing.token(db),
            ca_bundle=ca_bundle,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
        )
        self.counts: dict[str, Any] = {}
        #: whether the server answered during this sync (a break then is waited out)
        self.reached = False
        #: households whose records this sync changed on the laptop (for the screens)
        self.households: set[str] = set()
        #: whether a sync first keeps the day's rolling copy (`app.store.backup.daily_copy`)
        self.daily_copy = True

    def close(self) -> None:
        self.transport.close()

    def relogin(self, password: str, server_url: str | None = None, username: str = "") -> Me:
        """Sign this laptop in again (a new device token), e.g. after a revocation."""
        url = server_url or self.server_url
        self.transport.close()
        self.transport = Transport(url)
        values = syncing.state(self.db)
        client_id = values.get("client_id") or str(uuid.uuid4())
        try:
            try:
                answer = login(self.transport, username or self.username, password, client_id)
            except Unauthorized as exc:
                # a laptop restored from a backup whose old laptop was revoked (lost):
                # it signs in as a new installation (`app.store.restore`)
                if exc.code != account_lock.REVOKED or not values.get(syncing.RESTORED):
                    raise
                client_id = str(uuid.uuid4())
                answer = login(self.transport, username or self.username, password, client_id)
        except SyncError as exc:
            _lock_if_stopped(self.db, exc)
            raise
        syncing.store_token(self.db, answer.token, _identity(url, answer, client_id))
        syncing.forget_state(self.db, syncing.RESTORED)
        account_lock.clear(self.db)
        self.transport.set_token(answer.token)
        self.server_url, self.username = url, answer.user.username
        return answer.user

    def check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled()

    # -- the whole sync ------------------------------------------------------------------

    def sync(self) -> SyncReceipt:
        """Run every stage; the receipt is kept whatever happens (done, cancelled, failed)."""
        if self.daily_copy:
            backup.daily_copy(self.db)  # the day's rolling copy, before the sync changes it
        receipt_id = syncing.start_receipt(self.db, self.username)
        self.counts = {"detail": {"refused": [], "conflicts": [], "damaged": []}}
        status = "failed"
        try:
            self.reached = False
            for attempt, pause in enumerate((*self.pauses, None), start=1):
                try:
                    self.stages()
                    break
                except NetworkError:
                    if pause is None or not self.reached:
                        raise
                    self.progress("waiting", attempt, len(self.pauses))
                    if self.cancel.wait(pause):
                        raise Cancelled() from None
            status = "done"
            syncing.put_state(self.db, {"last_sync": datetime.now().strftime("%Y-%m-%d %H:%M")})
        except Cancelled:
            status = "cancelled"
            raise
        except SyncError as exc:
            self.counts["detail"]["error"] = str(exc)
            _lock_if_stopped(self.db, exc)
            raise
        finally:
            receipt = syncing.finish_receipt(self.db, receipt_id, status, self.counts)
        return receipt

    def stages(self) -> None:
        """Every stage once, each from where the last sync left it."""
        me = self.transport.call("GET", "/me", Me)
        self.reached = True
        self.check()
        if me.role == workflow.MEMBER:
            self.submit_completed(me.username)
        self.push_blobs()
        self.push_ops()
        self.push_resolutions()
        pulling.pull_all(self, me)
        self.receive_definitions()
        pulling.fetch_blobs(self)

    def add(self, name: str, amount: int = 1) -> None:
        self.counts[name] = int(self.counts.get(name, 0)) + amount

    # -- stages --------------------------------------------------------------------------

    def submit_completed(self, username: str) -> None:
        """Completed responses become submitted with the sync (completed -> submitted)."""
        from app.services.responses import Responses

        responses = Responses(self.db, username, workflow.MEMBER)
        for response_id in syncing.completed_responses(self.db):
            responses.move(response_id, workflow.SUBMITTED)

    def receive_definitions(self) -> None:
        """The forms and settings published since the last sync, kept and put in use; what
        this program is too old for goes on the receipt (the sync page says it)."""
        after = DefinitionsRequest(after=published.last_received(self.db))
        page = self.transport.call("POST", "/definitions", DefinitionsPage, after)
        unusable = published.keep(self.db, page.definitions)
        if unusable:
            self.counts["detail"]["definitions"] = unusable

    def push_blobs(self) -> None:
        hashes = syncing.pending_hashes(self.db)
        for sha in hashes:  # set aside at an earlier sync: still to be taken again
            if self.db.blobs.is_set_aside(sha):
                self.note_damaged(sha, "laptop")
        missing: list[str] = []
        for start in range(0, len(hashes), 1000):
            query = BlobQuery(hashes=hashes[start : start + 1000])
            missing += self.transport.call("POST", "/blobs/missing", BlobMissing, query).missing
        # the server asks for a file this user has not sent, even when it holds it: a file
        # not on this laptop (an op that names another's photo) is not this laptop's to send
        missing = [sha for sha in missing if self.db.blobs.has(sha)]
        sizes = {sha: self.db.blobs.size_of(sha) for sha in missing}
        total, done = sum(sizes.values()), 0
        self.progress("photos", 0, total)
        for sha in missing:
            self.check()
            try:
                data = self.db.blobs.get(sha)  # decrypted and checked against its hash
            except BlobDamaged:
                self.db.blobs.set_aside(sha)
                self.note_damaged(sha, "laptop")
            else:
                if len(data) <= self.chunk_bytes:
                    self.transport.put_blob(sha, data)
                else:
                    self.send_in_chunks(sha, data, functools.partial(self._sent_bytes, done, total))
                self.add("blobs_sent")
            done += sizes[sha]
            self.progress("photos", done, total)

    def _sent_bytes(self, before: int, total: int, at: int) -> None:
        self.progress("photos", before + at, total)

    def note_damaged(self, sha: str, where: str) -> None:
        """Name a damaged photo in the receipt: where it was found ("laptop": set aside
        here; "server": a download that failed its check) and whose photo it is."""
        entries = self.counts["detail"]["damaged"]
        if any(e["sha"] == sha[:12] for e in entries):
            return
        entry = {"sha": sha[:12], "where": where, "records": damaged.describe(self.db, sha)}
        if where == "laptop":
            entry["kept"] = str(self.db.blobs.damaged_folder)
        entries.append(entry)

    def send_in_chunks(
        self, sha: str, data: bytes, sent: Callable[[int], None] = lambda _at: None
    ) -> None:
        """Send a large file a chunk at a time, from the first byte the server lacks;
        `sent(bytes)` after each chunk."""
        at = self.transport.blob_received(sha)
        if at is None:  # an older server, without chunks: the whole file at once
            self.transport.put_blob(sha, data)
            return
        sent(at)
        while True:
            self.check()
            end = min(at + self.chunk_bytes, len(data))
            try:
                answer = self.transport.put_chunk(sha, data[at:end], at, len(data))
            except Refused as exc:
                if exc.code != "blob.offset":
                    raise
                received = int(exc.body.detail.get("received", 0))
                if received >= at:  # the server's own answer must move us back
                    raise BadAnswer(f"附件 {sha[:12]} 的分段起点") from exc
                at = received
                continue
            if answer.stored:
                return
            if answer.received <= at:
                raise BadAnswer(f"附件 {sha[:12]} 的分段没有被服务器收下")
            at = answer.received
            sent(at)

    def push_ops(self) -> None:
        from sync.protocol import Op, PushResponse

        answered: set[str] = set()
        total = syncing.pending_count(self.db)
        while True:
            self.check()
            ops = syncing.pending_ops(self.db, self.batch_size, answered)
            if not ops:
                return
            body = PushRequest(
                ops=[
                    Op(
                        op_id=o.op_id,
                        entity=o.entity,
                        record_id=o.record_id,
                        base_rev=o.base_rev,
                        kind=o.kind,  # type: ignore[arg-type]
                        fields=o.fields,
                        at=o.at.isoformat(),
                        username=o.username,
                    )
                    for o in ops
                ]
            )
            answer = self.transport.call("POST", "/push", PushResponse, body)
            settled = []
            for receipt in answer.receipts:
                answered.add(receipt.op_id)
                reason = "；".join(r.message for r in receipt.refusals)
                rows = [conflict_row(c) for c in receipt.conflicts]
                settled.append(syncing.Settled(receipt.op_id, receipt.outcome, reason, rows))
                self._count(receipt.outcome, receipt.op_id, ops, reason, rows)
            syncing.settle(self.db, settled)
            self.progress("sent", len(answered), total)

    def _count(
        self, outcome: str, op_id: str, ops: list[Any], reason: str, rows: list[Any]
    ) -> None:
        detail = self.counts["detail"]
        if outcome in ("applied", "same", "conflict"):
            self.add("sent")
        if outcome == "refused":
            self.add("refused")
            op = next(o for o in ops if o.op_id == op_id)
            detail["refused"].append(
                {"op_id": op_id, "entity": op.entity, "record_id": op.record_id, "reason": reason}
            )
        for row in rows:
            self.add("conflicts")
            detail["conflicts"].append(
                {
                    "entity": row["entity"],
                    "record_id": row["record_id"],
                    "field": row["field"],
                    "mine": json.dumps(row["mine"], ensure_ascii=False),
                    "theirs": json.dumps(row["theirs"], ensure_ascii=False),
                }
            )

    def push_resolutions(self) -> None:
        from sync.protocol import ConflictInfo, Resolution

        for row in syncing.unsent_resolutions(self.db):
            self.check()
            choice = Resolution(resolution=row.resolution, value=row.resolved_value)  # type: ignore[arg-type]
            self.transport.call("POST", f"/conflicts/{row.id}/resolve", ConflictInfo, choice)
            syncing.mark_sent(self.db, row.id)
