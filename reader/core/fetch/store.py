"""What fetching learns, kept between runs: the app's own file (`paths.fetch_state_path()`,
`fetch.json` in the state folder), never the user's to edit.

    {"schema": 1,
     "feeds": {"<feed name>": {
        "url": "...",                  # the URL the validators below belong to
        "etag": "...", "last_modified": "...",
        "last_fetch": 1767225600.0,    # when it was last tried (seconds since the epoch)
        "result": "fetched",           # fetched | unchanged | failed | gone
        "reason": "",                  # why it failed
        "gone": false,                 # 410: never fetched again
        "seen": {"<article id>": ["<file name>", "<YYYY-MM-DD last in the feed>"]}}}}

`seen` holds every entry ever written (keyed by the id its file gets, so a renamed
file, or one the user deleted, is never written again) until it has been out of the
feed for `FORGET_AFTER_DAYS`. Written atomically; a file that cannot be read is
moved aside (`fetch.json.corrupt-N`) and fetching starts afresh, learning what it
had written from the files themselves (`seen_in_folder`). A file of a newer schema
is left alone: fetching refuses to run rather than lose what a newer reader stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.state import atomic_write, move_to_free_name

SCHEMA = 1
FORGET_AFTER_DAYS = 400
MAX_STATE_BYTES = 256 * 1024 * 1024


class FetchStateError(Exception):
    """The fetch state cannot be used (a newer schema, another fetch running)."""


@dataclass(slots=True)
class FeedMemory:
    url: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: float | None = None
    result: str = ""
    reason: str = ""
    gone: bool = False
    seen: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"url": self.url, "result": self.result, "gone": self.gone}
        for key in ("etag", "last_modified", "last_fetch"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.reason:
            data["reason"] = self.reason
        data["seen"] = self.seen
        return data

    @classmethod
    def from_json(cls, data: object) -> FeedMemory:
        if not isinstance(data, dict):
            return cls()
        seen = data.get("seen")
        return cls(
            url=_text(data.get("url")) or "",
            etag=_text(data.get("etag")),
            last_modified=_text(data.get("last_modified")),
            last_fetch=_number(data.get("last_fetch")),
            result=_text(data.get("result")) or "",
            reason=_text(data.get("reason")) or "",
            gone=data.get("gone") is True,
            seen={
                str(key): [str(v)[:1000] for v in value[:2]]
                for key, value in (seen.items() if isinstance(seen, dict) else ())
                if isinstance(value, list) and all(isinstance(v, str) for v in value[:2])
            },
        )

    def forget_old(self, today: dt.date) -> None:
        """Drop entries out of the feed for longer than `FORGET_AFTER_DAYS`."""
        cutoff = (today - dt.timedelta(days=FORGET_AFTER_DAYS)).isoformat()
        self.seen = {k: v for k, v in self.seen.items() if len(v) < 2 or v[1] >= cutoff}


@dataclass(slots=True)
class FetchState:
    feeds: dict[str, FeedMemory] = field(default_factory=dict)
    notice: str = ""  # said once: the file was unreadable and moved aside

    def feed(self, name: str) -> FeedMemory:
        memory = self.feeds.get(name)
        if memory is None:
            memory = self.feeds[name] = FeedMemory()
        return memory

    def to_bytes(self) -> bytes:
        data = {"schema": SCHEMA, "feeds": {k: v.to_json() for k, v in self.feeds.items()}}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def load_state(path: Path, *, move_aside: bool = True) -> FetchState:
    """The fetch state in `path`: empty when missing; a broken file is moved aside
    (left alone, by readers that write nothing, without `move_aside`)."""
    try:
        raw = path.read_bytes()[: MAX_STATE_BYTES + 1]
    except FileNotFoundError:
        return FetchState()
    try:
        if len(raw) > MAX_STATE_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("schema"), int):
            raise ValueError("no schema")
    except (ValueError, UnicodeDecodeError, RecursionError):
        if not move_aside:
            return FetchState(notice="the fetch state could not be read")
        aside = move_to_free_name(
            path, (path.with_name(f"{path.name}.corrupt-{n}") for n in range(1, 1000)), "aside"
        )
        return FetchState(notice=f"the fetch state could not be read; kept as {aside.name}")
    data = migrate(data)
    feeds = data.get("feeds")
    return FetchState(
        {
            str(name): FeedMemory.from_json(value)
            for name, value in (feeds.items() if isinstance(feeds, dict) else ())
        }
    )


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored state to `SCHEMA`. Schema 1 is the first: there is nothing to
    migrate yet; a later schema adds its step here (and a test with a stored file)."""
    schema = data["schema"]
    if schema > SCHEMA:
        raise FetchStateError(
            f"the fetch state was written by a newer reader (schema {schema}); "
            "update reader to fetch"
        )
    return data


def save_state(path: Path, state: FetchState) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, state.to_bytes())


@contextlib.contextmanager
def fetch_lock(path: Path) -> Iterator[None]:
    """Held while fetching: a second fetch (another terminal, the app) is refused
    rather than racing on the same files and state."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchStateError("another fetch is running") from None
        yield
    finally:
        os.close(fd)


def _text(value: object) -> str | None:
    return value[:2000] if isinstance(value, str) else None


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
