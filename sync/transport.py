"""The laptop's HTTP side: a requests.Session with retries and backoff, timeouts, gzip, TLS.

Every failure becomes a `SyncError` with a Chinese message for the user: the
network (retried first, with backoff), the server's refusals (wrong password,
throttled, revoked device, another protocol version), or a damaged answer.
Retrying a push is safe: the server answers a resent op with its stored receipt.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, BlobProgress, ErrorBody

M = TypeVar("M", bound=BaseModel)
GZIP_OVER = 4096


class SyncError(Exception):
    """Base of the sync's environmental errors; `str()` is the message for the user."""

    user_message = "同步失败"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.user_message)
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.user_message}（{self.detail}）" if self.detail else self.user_message


class NetworkError(SyncError):
    """The server cannot be reached (no network, server down, timeout)."""

    user_message = "无法连接服务器，请检查网络后再同步；已保存的数据不受影响"


class Cancelled(SyncError):
    """The user cancelled; the next sync resumes where this one stopped."""

    user_message = "同步已取消，下次同步会从中断处继续"


class BadAnswer(SyncError):
    """The server's answer is not what the protocol says."""

    user_message = "服务器的回应无法识别"


class Refused(SyncError):
    """The server refused the request; its own message says why."""

    user_message = "服务器拒绝了请求"

    def __init__(self, status: int, body: ErrorBody) -> None:
        super().__init__(body.message)
        self.status = status
        self.body = body

    @property
    def code(self) -> str:
        return self.body.code

    def __str__(self) -> str:
        return self.body.message


class Unauthorized(Refused):
    """Wrong password, unknown or revoked device (`code` says which)."""


class Throttled(Refused):
    """Too many failed sign-ins: wait `retry_after` seconds."""

    def __init__(self, status: int, body: ErrorBody, retry_after: int) -> None:
        super().__init__(status, body)
        self.retry_after = retry_after


#: an answer whose head arrived and whose body broke off
_BROKEN_BODY = (
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


class _Retry(Retry):
    """Retries that wait out a busy server (503) but never a sign-in throttle (429)."""

    RETRY_AFTER_STATUS_CODES = frozenset({503})


class Transport:
    """One server: base URL, device token, CA bundle, timeouts, retries."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_bundle: Path | str | None = None,
        timeout: tuple[float, float] = (5.0, 120.0),
        retries: int = 4,
        backoff: float = 0.5,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = requests.Session()
        retry = _Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff,
            status_forcelist=(502, 503, 504),
            allowed_methods=None,  # pushes are idempotent (receipts by op id): retry them too
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.verify = str(ca_bundle) if ca_bundle else True
        self.session.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
        self.session.headers["Accept-Encoding"] = "gzip"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        # urllib3 retries a request until its answer's head arrives; an answer whose body
        # breaks off after that (a dropped link mid-download) is asked for again here
        for attempt in range(self.retries + 1):
            try:
                response = self.session.request(
                    method, self.base_url + path, timeout=self.timeout, **kwargs
                )
                break
            except requests.exceptions.SSLError as exc:
                raise NetworkError(f"证书校验失败：{exc}") from exc
            except _BROKEN_BODY as exc:
                if attempt == self.retries:
                    raise NetworkError(type(exc).__name__) from exc
                time.sleep(self.backoff * 2**attempt)
            except requests.exceptions.RequestException as exc:
                raise NetworkError(type(exc).__name__) from exc
        if response.status_code >= 400:
            raise self._refusal(response)
        return response

    @staticmethod
    def _refusal(response: requests.Response) -> SyncError:
        try:
            body = ErrorBody.model_validate(response.json())
        except (ValueError, ValidationError):
            if response.status_code >= 500:
                return NetworkError(f"HTTP {response.status_code}")
            if response.status_code in (404, 405):  # a route an older server does not have
                body = ErrorBody(code="not_found", message="服务器不提供此功能", detail={})
                return Refused(response.status_code, body)
            return BadAnswer(f"HTTP {response.status_code}")
        if response.status_code == 401:
            return Unauthorized(401, body)
        if response.status_code == 429:
            wait = int(response.headers.get("Retry-After", "60") or 60)
            return Throttled(429, body, wait)
        if response.status_code >= 500:
            return NetworkError(body.message)
        return Refused(response.status_code, body)

    def send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One request as `requests` takes it (params, data, headers); refusals raised."""
        return self._send(method, path, **kwargs)

    def call(self, method: str, path: str, answer: type[M], body: BaseModel | None = None) -> M:
        """Send a JSON body (gzip when large) and parse the answer as `answer`."""
        return _parsed(answer, self._send(method, path, **self._body(body)).content)

    def call_raw(self, method: str, path: str, body: BaseModel | None = None) -> bytes:
        """`call` answering the body as received, for the caller to decode and check: pull
        pages, whose tens of thousands of records are checked faster by hand than by their
        model, and on another thread than the request."""
        return self._send(method, path, **self._body(body)).content

    @staticmethod
    def _body(body: BaseModel | None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if body is not None:
            data = json.dumps(body.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
            headers = {"Content-Type": "application/json"}
            if len(data) > GZIP_OVER:
                data = gzip.compress(data, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
            kwargs.update(data=data, headers=headers)
        return kwargs

    def put_blob(self, sha: str, data: bytes) -> None:
        self._send(
            "PUT", f"/blobs/{sha}", data=data, headers={"Content-Type": "application/octet-stream"}
        )

    def blob_received(self, sha: str) -> int | None:
        """How many leading bytes of a file sent in chunks the server has; None when the
        server takes no chunks (an older one)."""
        body = self.get_optional(f"/blobs/{sha}/upload", absent=(404, 405))
        return None if body is None else _parsed(BlobProgress, body).received

    def put_chunk(self, sha: str, chunk: bytes, start: int, total: int) -> BlobProgress:
        """Send bytes `start`.. of a file of `total` bytes; what the server now has."""
        headers = {
            "Content-Type": "application/octet-stream",
            "Content-Range": f"bytes {start}-{start + len(chunk) - 1}/{total}",
        }
        return _parsed(
            BlobProgress, self._send("PATCH", f"/blobs/{sha}", data=chunk, headers=headers).content
        )

    def get_optional(self, path: str, absent: tuple[int, ...] = (404, 413)) -> bytes | None:
        """GET a body the server may not give (an older server, or too big): None then."""
        try:
            return self._send("GET", path).content
        except Refused as exc:
            if isinstance(exc, Unauthorized) or exc.status not in absent:
                raise
            return None

    def get_blob(self, sha: str) -> bytes:
        return self._send("GET", f"/blobs/{sha}").content

    def set_token(self, token: str) -> None:
        self.session.headers["Authorization"] = f"Bearer {token}"


def _parsed(answer: type[M], content: bytes) -> M:
    try:
        return answer.model_validate_json(content)
    except ValidationError as exc:
        raise BadAnswer(str(exc.errors()[0].get("msg", ""))) from exc
