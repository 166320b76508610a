"""Shared parts of the sync benchmarks: a demo server database and its process on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync.server.db import ServerDatabase  # noqa: E402
from sync.server.demo import build_demo_server  # noqa: E402

START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def demo_server_database(persons: int, url: str | None = None) -> Iterator[tuple[str, Path]]:
    """A demo district in a new server database (SQLite in a temporary folder unless `url`);
    yields (database URL, folder)."""
    folder = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-sync-"))
    try:
        url = url or f"sqlite:///{folder / 'server.db'}"
        database = ServerDatabase(url)
        started = time.perf_counter()
        build_demo_server(database, persons=persons)
        database.dispose()
        print(
            f"demo server: {persons} persons in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        yield url, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def serving(url: str, folder: Path, workers: int = 1) -> Iterator[str]:
    """The server over `url` in its own process on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "sync.server",
        "--db",
        url,
        "--blobs",
        str(folder / "blobs"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    with open(folder / f"server-{port}.log", "ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            try:
                if requests.get(base + "/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
