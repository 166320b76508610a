"""A fault-injecting HTTP proxy on 127.0.0.1, between a laptop and a real server.

Each request is read whole from the laptop and sent to the server on a connection
of its own; the whole answer is read back and given to the laptop, which is then
told to close the connection (one request per connection keeps the proxy simple
and lets each request meet its own faults). On the way to the server, and again on
the way back, a fault strikes at `rate` (seeded), one of:

- ``drop``: the connection is closed without an answer;
- ``truncate``: part of the body is sent, then the connection is closed;
- ``reset``: the connection is reset (RST, by SO_LINGER 0);
- ``delay``: the bytes go on after a pause;
- ``502``: a 502 Bad Gateway answers instead;
- ``duplicate``: the request goes to the server twice (a delivery repeated).

On the way back the server has done its work already: a fault there is the case of
an answer lost after the change was applied, the one a retry must not apply twice.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

FAULTS = ("drop", "truncate", "reset", "delay", "502", "duplicate")
BAD_GATEWAY = (
    b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
    b"Connection: close\r\n\r\nBad Gateway"
)
TIMEOUT = 60.0


class _Closed(Exception):
    """The peer closed the connection before a whole message arrived."""


@dataclass
class Message:
    """One HTTP message: its head (start line and headers) and its body."""

    head: bytes
    body: bytes

    def with_header(self, name: bytes, value: bytes) -> Message:
        """The message with `name` set to `value` (any earlier value removed)."""
        lines = self.head.split(b"\r\n")
        kept = [ln for ln in lines[1:] if not ln.lower().startswith(name.lower() + b":")]
        return Message(b"\r\n".join([lines[0], *kept, name + b": " + value]), self.body)

    def bytes(self) -> bytes:
        return self.head + b"\r\n\r\n" + self.body


def _read_request(sock: socket.socket) -> Message:
    """A request with a Content-Length body (the laptop sends no other kind)."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            raise _Closed()
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        piece = sock.recv(65536)
        if not piece:
            raise _Closed()
        body += piece
    return Message(head, body)


def _read_answer(sock: socket.socket) -> Message:
    """The server's whole answer: it closes the connection after it (Connection: close)."""
    chunks = []
    while True:
        piece = sock.recv(65536)
        if not piece:
            break
        chunks.append(piece)
    data = b"".join(chunks)
    if b"\r\n\r\n" not in data:
        raise _Closed()
    head, _, body = data.partition(b"\r\n\r\n")
    return Message(head, body)


def _reset(sock: socket.socket) -> None:
    """Close with a RST instead of a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@dataclass
class FaultyProxy:
    """Listens on 127.0.0.1 and forwards to `upstream` (host, port) with faults."""

    upstream: tuple[str, int]
    seed: int = 0
    rate: float = 0.3
    delay: tuple[float, float] = (0.05, 0.4)
    #: faults struck so far, by direction and kind: ("to_server", "drop") -> n
    struck: Counter[tuple[str, str]] = field(default_factory=Counter)
    requests: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def start(self) -> FaultyProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()
        self._thread.join(timeout=10)

    def __enter__(self) -> FaultyProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _fault(self, direction: str) -> str | None:
        with self._lock:
            if direction == "to_server":
                self.requests += 1
            if self._rng.random() >= self.rate:
                return None
            kind = self._rng.choice(FAULTS)
            self.struck[(direction, kind)] += 1
            return kind

    def _pause(self) -> None:
        with self._lock:
            seconds = self._rng.uniform(*self.delay)
        time.sleep(seconds)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(TIMEOUT)
        try:
            request = _read_request(client).with_header(b"Connection", b"close")
            answer = self._to_server(client, request)
            if answer is not None:
                self._to_laptop(client, request, answer.with_header(b"Connection", b"close"))
        except (_Closed, OSError):
            pass
        finally:
            with contextlib.suppress(OSError):
                client.close()

    def _exchange(self, request: Message, *, cut: bool = False) -> Message | None:
        """Send the request to the server; its answer (None when `cut` sends half)."""
        with socket.create_connection(self.upstream, timeout=TIMEOUT) as server:
            if cut:
                server.sendall(_cut(request))
                return None
            server.sendall(request.bytes())
            return _read_answer(server)

    def _to_server(self, client: socket.socket, request: Message) -> Message | None:
        """The request's way to the server, faults and all; the answer to give back."""
        fault = self._fault("to_server")
        if fault == "drop":
            client.close()
            return None
        if fault == "reset":
            _reset(client)
            return None
        if fault == "502":
            client.sendall(BAD_GATEWAY)
            return None
        if fault == "truncate":
            self._exchange(request, cut=True)
            client.close()
            return None
        if fault == "delay":
            self._pause()
        if fault == "duplicate":
            self._exchange(request)
        return self._exchange(request)

    def _to_laptop(self, client: socket.socket, request: Message, answer: Message) -> None:
        """The answer's way back to the laptop, faults and all (a duplicate here is the
        request delivered to the server again after the laptop has its answer)."""
        fault = self._fault("to_laptop")
        if fault == "drop":
            client.close()
        elif fault == "reset":
            _reset(client)
        elif fault == "502":
            client.sendall(BAD_GATEWAY)
        elif fault == "truncate":
            client.sendall(_cut(answer))
            client.close()
        else:
            if fault == "delay":
                self._pause()
            client.sendall(answer.bytes())
            if fault == "duplicate":
                client.close()
                self._exchange(request)


def _cut(message: Message) -> bytes:
    """The message broken off: half its body, or half its head when it has no body."""
    data = message.bytes()
    if not message.body:
        return data[: len(message.head) // 2]
    return data[: len(message.head) + 4 + len(message.body) // 2]
