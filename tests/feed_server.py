"""A real HTTP server on 127.0.0.1 for the fetching tests (nothing leaves the machine).

Routes map a path to a function of the request that returns (status, headers, body),
or writes the response itself (stalling and endless bodies) and returns None.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Reply = tuple[int, dict[str, str], bytes] | None


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class FeedServer:
    port: int = 0
    routes: dict[str, Callable[[Request, BaseHTTPRequestHandler], Reply]] = field(
        default_factory=dict
    )
    requests: list[Request] = field(default_factory=list)
    active: int = 0
    most_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str, status: int = 200, **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        named = {k.replace("_", "-"): v for k, v in headers.items()}
        self.routes[path] = lambda request, handler: (status, named, data)

    def on(self, path: str) -> Callable[[Callable[..., Reply]], Callable[..., Reply]]:
        def register(fn: Callable[..., Reply]) -> Callable[..., Reply]:
            self.routes[path] = fn
            return fn

        return register

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            request = Request(
                self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()
            )
            with server.lock:
                server.requests.append(request)
                server.active += 1
                server.most_active = max(server.most_active, server.active)
            try:
                route = server.routes.get(self.path)
                reply = route(request, self) if route else (404, {}, b"not here")
                if reply is not None:
                    status, headers, body = reply
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with server.lock:
                    server.active -= 1

    return Handler


@contextmanager
def serving(*hosts: str) -> Iterator[FeedServer]:
    """One feed server answering on each loopback address of `hosts` (one port for all,
    one shared record of requests), so that a test can fetch from several hosts."""
    state = FeedServer()
    servers: list[ThreadingHTTPServer] = []
    try:
        for host in hosts:
            httpd = ThreadingHTTPServer((host, state.port), _handler(state))
            httpd.daemon_threads = True
            httpd.block_on_close = False  # type: ignore[attr-defined]
            state.port = httpd.server_address[1]
            servers.append(httpd)
            thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
            thread.daemon = True
            thread.start()
        yield state
    finally:
        state.stop.set()
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with serving("127.0.0.1") as state:
        yield state


def endless(
    handler: BaseHTTPRequestHandler, server: FeedServer, chunk: bytes, delay: float
) -> None:
    """A 200 whose body never ends (chunked), until the client goes or the test ends."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    while not server.stop.is_set():
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.flush()
        if delay:
            time.sleep(delay)
    handler.close_connection = True


def gzipped(data: str | bytes) -> bytes:
    return gzip.compress(data.encode("utf-8") if isinstance(data, str) else data)


def rss(*items: str, title: str = "Harbour Gazette", link: str = "https://harbour.example/") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link>{''.join(items)}</channel></rss>"
    )


def item(
    title: str | None = None,
    *,
    guid: str | None = None,
    link: str | None = None,
    date: str | None = "Mon, 03 Feb 2025 10:00:00 GMT",
    description: str | None = None,
    content: str | None = None,
) -> str:
    parts = []
    if title is not None:
        parts.append(f"<title>{title}</title>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    if description is not None:
        parts.append(f"<description><![CDATA[{description}]]></description>")
    if content is not None:
        parts.append(
            '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<![CDATA[{content}]]></content:encoded>"
        )
    return f"<item>{''.join(parts)}</item>"
