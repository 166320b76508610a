"""Real server processes for the sync tests: uvicorn on 127.0.0.1, SQLite or a throw-away
PostgreSQL cluster (STACK.md's recipe), started and stopped by the tests themselves."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

from sync.server import admin
from sync.server.db import ServerDatabase

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0
PASSWORDS = {
    "alice": "alice-pw",
    "bob": "bob-pw",
    "rita": "rita-pw",
    "ada": "ada-pw",
    "molly": "molly-pw",
}
ALICE_VILLAGE = "330213001001"
MOLLY_VILLAGE = "330213001002"
BOB_VILLAGE = "330213002001"
RITA_TOWN = "330213001000"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServerProcess:
    """One `python -m sync.server serve` process over a database, restartable on its port."""

    database_url: str
    blobs: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.log = self.log or self.blobs.with_name(f"server-{self.port}.log")
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sync.server",
                    "--db",
                    self.database_url,
                    "--blobs",
                    str(self.blobs),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
            try:
                if requests.get(self.url + "/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop(kill=True)
        raise RuntimeError("server did not start in time")

    def stop(self, *, kill: bool = False) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None


def seed(database: ServerDatabase) -> None:
    """Areas, and five users: members alice, molly (same town) and bob (another town),
    rita the reviewer of alice's town, ada the admin."""
    admin.init(database)
    admin.add_user(database, "alice", "member", PASSWORDS["alice"], areas=[ALICE_VILLAGE])
    admin.add_user(database, "molly", "member", PASSWORDS["molly"], areas=[MOLLY_VILLAGE])
    admin.add_user(database, "bob", "member", PASSWORDS["bob"], areas=[BOB_VILLAGE])
    admin.add_user(database, "rita", "reviewer", PASSWORDS["rita"], areas=[RITA_TOWN])
    admin.add_user(database, "ada", "admin", PASSWORDS["ada"], areas=["330213000000"])


class PostgresCluster:
    """A throw-away PostgreSQL cluster in a temporary folder (as user postgres when root)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="fieldvisit-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = "postgres"

    @staticmethod
    def available() -> str | None:
        """None when a cluster can be made here, else why not."""
        if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
            return "PostgreSQL's initdb and pg_ctl are not on this machine"
        if os.geteuid() == 0 and shutil.which("runuser") is None:
            return "running as root without runuser"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return "psycopg is not installed"
        return None

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "pg.log"),
            "start",
        )

    def restart(self) -> None:
        """Stop and start again, with the same options (every connection to it dies)."""
        log = str(self.folder / "pg.log")
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-l", log, "restart")

    def new_database(self) -> str:
        import psycopg

        name = f"fv_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
