"""Polite, bounded HTTP GETs for the fetcher (httpx's AsyncClient under asyncio).

Every request:
- is http or https only, on every hop; redirects are followed here (at most
  `max_redirects`), so the fetcher knows when every hop was permanent (301/308) and
  the subscription's URL should change;
- has a connect timeout and a total one (`asyncio.timeout` around the whole request
  and body: a server that trickles a byte a second cannot hold a fetch for ever);
- reads at most `max_bytes` of the body, decoded: gzip, deflate and (with the
  `brotli` package) br are decoded here, chunk by chunk with the output bounded, so a
  compression bomb stops at the cap like any other big body;
- says `User-Agent: reader/<version>`;
- waits for a free slot: at most `per_host` requests at once to one host and
  `overall` in all;
- on 429 and 503 honours `Retry-After` (up to `max_retry_after`; a longer wait fails
  the request for this run), on other 5xx and network errors backs off and retries
  (`retries` times, `backoff` seconds doubled each time).
"""

from __future__ import annotations

import asyncio
import email.utils
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from reader import __version__

try:  # br is offered only when it can be decoded with a bounded output
    import brotli

    _BROTLI = hasattr(brotli.Decompressor(), "can_accept_more_data")
except ImportError:  # pragma: no cover - brotli is a dependency
    _BROTLI = False

USER_AGENT = f"reader/{__version__}"
PERMANENT = (301, 308)
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Politeness:
    """How the fetcher treats servers (tests make the times and sizes small)."""

    connect_timeout: float = 10.0
    total_timeout: float = 60.0  # one request, redirects and body included
    max_bytes: int = 8 * 1024 * 1024  # decoded body of one response
    max_redirects: int = 5
    per_host: int = 2
    overall: int = 8
    retries: int = 2  # after the first try, on 5xx and network errors
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_retry_after: float = 120.0
    user_agent: str = USER_AGENT


class FetchError(Exception):
    """A request that gave nothing usable; the message is the reason shown."""

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None, status: int | None = None):
        super().__init__(reason)
        self.after = after
        self.status = status


@dataclass(slots=True)
class Response:
    status: int  # 200 or 304 (anything else raised FetchError)
    url: str  # the final URL, after redirects
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    moved_to: str | None = None  # every redirect was permanent: the URL to keep
    wire_bytes: int = 0  # bytes received (compressed), redirects and retries included


def accept_encoding() -> str:
    return "gzip, deflate, br" if _BROTLI else "gzip, deflate"


def http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class Http:
    """The fetcher's one HTTP client: open it with `async with`."""

    def __init__(self, politeness: Politeness | None = None, **client: Any) -> None:
        self.politeness = p = politeness or Politeness()
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(p.total_timeout, connect=p.connect_timeout),
            # The semaphores below bound the requests; the pool keeps a connection per
            # slot of every host alive (with fewer, hosts take each other's connections
            # and every request opens a new one).
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=64),
            follow_redirects=False,
            headers={"User-Agent": p.user_agent, "Accept-Encoding": accept_encoding()},
            trust_env=True,  # the user's proxy settings (HTTPS_PROXY, NO_PROXY)
            **client,
        )
        self._overall = asyncio.Semaphore(p.overall)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Http:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        max_bytes: int | None = None,
        accept: str = "*/*",
    ) -> Response:
        """GET `url` politely; a 200 or 304 `Response`, else `FetchError`."""
        p = self.politeness
        wire = 0
        for attempt in range(p.retries + 1):
            counter = [0]
            try:
                async with asyncio.timeout(p.total_timeout):
                    response = await self._follow(
                        url, dict(headers or {}), max_bytes or p.max_bytes, accept, counter
                    )
                response.wire_bytes += wire + counter[0]
                return response
            except TimeoutError:
                wire += counter[0]
                raise FetchError(f"timed out after {p.total_timeout:g} s") from None
            except _Retry as retry:
                wire += counter[0]
                wait = p.backoff * 2**attempt if retry.after is None else retry.after
                if attempt >= p.retries:
                    raise FetchError(str(retry), status=retry.status) from None
                if wait > p.max_retry_after:
                    raise FetchError(
                        f"{retry} (the server asks to wait {wait:.0f} s)", status=retry.status
                    ) from None
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = asyncio.Semaphore(self.politeness.per_host)
        return slot

    async def _follow(
        self, url: str, headers: dict[str, str], max_bytes: int, accept: str, wire: list[int]
    ) -> Response:
        permanent = True
        redirected = False
        headers.setdefault("Accept", accept)
        for _ in range(self.politeness.max_redirects + 1):
            if not http_url(url):
                raise FetchError(f"not an http or https URL: {url[:200]}")
            async with self._host_slot(url), self._overall:
                try:
                    response = await self._once(url, headers, max_bytes, wire)
                except httpx.TimeoutException:
                    raise _Retry("timed out") from None
                except httpx.HTTPError as error:
                    raise _Retry(_network_reason(error)) from None
                except (httpx.InvalidURL, UnicodeError) as error:
                    raise FetchError(f"a URL that cannot be fetched: {error}") from None
            if isinstance(response, tuple):  # a redirect: (status, Location)
                status, url = response
                permanent = permanent and status in PERMANENT
                redirected = True
                continue
            response.moved_to = url if permanent and redirected else None
            return response
        raise FetchError(f"more than {self.politeness.max_redirects} redirects")

    async def _once(
        self, url: str, headers: dict[str, str], max_bytes: int, wire: list[int]
    ) -> Response | tuple[int, str]:
        async with self._client.stream("GET", url, headers=headers) as r:
            status = r.status_code
            if status in REDIRECTS:
                location = r.headers.get("location", "").strip()
                if not location:
                    raise FetchError(f"HTTP {status} without a Location", status=status)
                try:
                    return status, urljoin(url, location[:4000])
                except ValueError:
                    raise FetchError(f"HTTP {status} to a bad URL", status=status) from None
            if status == 304:
                return Response(304, url, headers=_headers(r.headers))
            if status in (429, 503):
                raise _Retry(f"HTTP {status}", _retry_after(r.headers), status)
            if status >= 500:
                raise _Retry(f"HTTP {status}", None, status)
            if status != 200:
                raise FetchError(_status_reason(status), status=status)
            body = await _read_body(r, max_bytes, wire)
            return Response(200, url, body, _headers(r.headers))


def _headers(headers: httpx.Headers) -> dict[str, str]:
    return {
        name: headers[name][:1000]
        for name in ("etag", "last-modified", "content-type", "content-encoding")
        if name in headers
    }


def _status_reason(status: int) -> str:
    names = {404: "not found", 410: "gone", 401: "needs a login", 403: "forbidden"}
    name = names.get(status)
    return f"HTTP {status} ({name})" if name else f"HTTP {status}"


def _network_reason(error: httpx.HTTPError) -> str:
    text = str(error).strip() or type(error).__name__
    return f"network error: {text[:200]}"


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(min(int(value[:10]), 10**9))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class TooLarge(FetchError):
    pass


async def _read_body(r: httpx.Response, max_bytes: int, wire: list[int]) -> bytes:
    """The body, decoded, at most `max_bytes` (else `TooLarge`)."""
    decoders = _decoders(r.headers.get("content-encoding", ""))
    length = r.headers.get("content-length", "")
    if not decoders and length.isdigit() and int(length[:20]) > max_bytes:
        raise TooLarge(f"larger than {_size(max_bytes)} (Content-Length {int(length):,})")
    chunks: list[bytes] = []
    got = 0
    async for raw in r.aiter_raw():
        wire[0] += len(raw)
        data = raw
        for decoder in decoders:
            data = decoder.decode(data, max_bytes - got)
        got += len(data)
        if got > max_bytes:
            raise TooLarge(f"larger than {_size(max_bytes)}")
        chunks.append(data)
    return b"".join(chunks)


def _size(count: int) -> str:
    return f"{count / 2**20:g} MB" if count >= 2**20 else f"{count:,} bytes"


class _Decoder:
    def decode(self, data: bytes, room: int) -> bytes:
        """`data` decoded, at most `room + 1` bytes of it (one more than fits tells
        the caller the body is too large)."""
        raise NotImplementedError


class _Zlib(_Decoder):
    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._z = zlib.decompressobj(wbits)
        self._started = False

    def decode(self, data: bytes, room: int) -> bytes:
        try:
            out = self._z.decompress(data, max(room, 0) + 1)
        except zlib.error:
            if self._started or self._wbits != zlib.MAX_WBITS:
                raise FetchError("broken compressed body") from None
            # "deflate" is zlib-wrapped by the standard, raw deflate by some servers
            self._wbits = -zlib.MAX_WBITS
            self._z = zlib.decompressobj(self._wbits)
            return self.decode(data, room)
        self._started = True
        return out


class _Brotli(_Decoder):
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def decode(self, data: bytes, room: int) -> bytes:
        try:
            out: bytes = self._d.process(data, output_buffer_limit=max(room, 0) + 1)
        except brotli.error:
            raise FetchError("broken compressed body") from None
        return out


def _decoders(encoding: str) -> list[_Decoder]:
    """Decoders for a Content-Encoding list, in the order to apply them."""
    found: list[_Decoder] = []
    for name in reversed([n.strip().lower() for n in encoding.split(",") if n.strip()][:4]):
        if name in ("gzip", "x-gzip"):
            found.append(_Zlib(zlib.MAX_WBITS | 16))
        elif name == "deflate":
            found.append(_Zlib(zlib.MAX_WBITS))
        elif name == "br" and _BROTLI:
            found.append(_Brotli())
        elif name != "identity":
            raise FetchError(f"unknown Content-Encoding {name[:40]!r}")
    return found
