"""The status line above the list: counts, the search's state, indexing, warnings.

It is as wide as the sidebar (about 47 cells in a 120-column terminal), so what
the user is doing right now (a search) comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from reader.core.wording import count


@dataclass(frozen=True, slots=True)
class Status:
    """What the status line reports; `found` is set while a search is shown."""

    loaded: bool
    articles: int
    unread: int = 0
    found: int | None = None
    search_error: str | None = None
    index_ready: bool = False
    partial: bool = False  # the search read a partial index, and titles beyond it
    indexing: str | None = None
    unread_only: bool = False
    starred_only: bool = False
    skipped: int = 0
    warnings: int = 0  # files listed all the same, with a warning under `!`
    marks_unsaved: bool = False
    feed: str | None = None  # the feed chosen in the feed view (the counts are its own)
    sort: str | None = None  # the sort order's label, when not the default
    fetching: str | None = None  # a fetch (R) in progress: how far


def status_text(status: Status, width: int | None = None) -> str:
    """The line for `status`, in its short form when the long one is wider than `width`.

    The sidebar is about 30 cells at 80 columns: the long search part ("search: 1 match,
    no index yet") pushed the counts off the edge, and counts cut in half read as wrong
    numbers. The short form keeps every fact that changes what a user does next (the
    matches, whether they are titles only, the counts) and drops the words around them.
    """
    if not status.loaded:
        return f"loading… {status.articles:,} articles so far"
    line = " · ".join(_parts(status, short=False))
    if width is not None and len(line) > width:
        line = " · ".join(_parts(status, short=True))
    return line


def _parts(status: Status, *, short: bool) -> list[str]:
    parts = []
    indexing = status.indexing
    if status.search_error:
        parts.append(status.search_error)
    elif status.found is not None:
        found = status.found
        kind = "" if status.index_ready or status.partial else "title "
        matches = f"{found:,} {kind}match" + ("" if found == 1 else "es")
        if short:  # the indexing progress still shows, at the end
            parts.append(matches)
        else:
            # Matches may be missing while the index is (re)built: say so right here.
            state = indexing or (None if status.index_ready else "no index yet")
            if status.partial and indexing:  # what is not indexed yet was searched by title
                state = f"{indexing}, the rest by title"
            search = f"search: {matches}"
            parts.append(f"{search}, {state}" if state else search)
            indexing = None
    if status.fetching:  # before the counts: it changes as you look, and they can wait
        parts.append(status.fetching)
    counts = f"{status.unread:,} unread / {status.articles:,}"
    parts.append(counts if status.feed is None else f"{status.feed}: {counts}")
    if status.unread_only:
        parts.append("unread only")
    if status.starred_only:
        parts.append("starred only")
    if status.sort:
        parts.append(status.sort)
    if short and (status.skipped or status.warnings):  # `!` lists both, with reasons
        parts.append(f"{status.skipped + status.warnings:,} (!)")
    else:
        if status.skipped:
            parts.append(f"{status.skipped:,} skipped (!)")
        if status.warnings:
            parts.append(f"{count(status.warnings, 'warning')} (!)")
    if status.marks_unsaved:
        parts.append("marks NOT saved")
    if indexing:
        parts.append(indexing)
    return parts


class StatusLine(Static):
    """One line of text, updated without a layout pass (its size never changes)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._status: Status | None = None

    def show(self, status: Status) -> None:
        self._status = status
        self.update(Content(status_text(status, self.content_size.width or None)), layout=False)

    def on_resize(self) -> None:
        """A narrower sidebar may need the short form (and a wider one allows the long)."""
        if self._status is not None:
            self.show(self._status)
