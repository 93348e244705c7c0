"""Bounded, safe reads of the files the reader is handed: only regular files, never
a blocking open, never more than asked. Kept apart from the formats (which use it and
re-export it: `reader.core.formats.read_head`) so that reading a small file of the
app's own at start (settings.json) does not import every format.
"""

from __future__ import annotations

import errno
import os
import stat

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


class NotRegularFile(OSError):
    """An article path that is a FIFO, a device, a socket or a folder: never read."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({file_kind(mode)})", str(path))


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words for the user."""
    kinds = (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISDIR, "folder"),
        (stat.S_ISLNK, "symlink"),
    )
    return next((name for test, name in kinds if test(mode)), UNKNOWN_KIND)


UNKNOWN_KIND = "unknown kind of file"


def read_head(
    path: str | os.PathLike[str], limit: int, *, known_regular: bool = False
) -> tuple[bytes, bool, os.stat_result]:
    """The first `limit` bytes of a regular file, whether it has more, and its `fstat`.

    `known_regular`: the caller stat-ed the path a moment ago (a library scan), so the
    check before opening is skipped; the one after opening still runs.

    Only regular files are read: the path is checked before opening (opening some
    devices has side effects) and the open file again after (it may have been
    swapped meanwhile). The open never blocks, so a FIFO put in an article's place
    cannot hang the reader. The stat is that of the bytes read, not of an earlier scan.
    """
    fd, info = open_regular(path, known_regular=known_regular)
    try:
        size = info.st_size
        if 0 < size <= limit:  # what a scan's probe nearly always meets: one read
            # as `_read_up_to` asks (min(limit + 1, max(size + 1, 65536))), without the calls
            data = os.read(fd, limit + 1 if limit < 65536 else max(size + 1, 65536))
            if data and len(data) < size:  # a short read: the rest as `_read_up_to` reads it
                data += _read_up_to(fd, limit + 1 - len(data), size - len(data))
        else:
            data = _read_up_to(fd, limit + 1, size)
    finally:
        os.close(fd)
    return data[:limit], len(data) > limit, info


def _read_up_to(fd: int, limit: int, expected: int) -> bytes:
    """Up to `limit` bytes of `fd`: in one read when the file is `expected` bytes long
    (a scan reads 100,000 heads; no buffered file object per file), more if the file
    system returns short reads or reports no size."""
    chunks: list[bytes] = []
    got = 0
    while got < limit:
        chunk = os.read(fd, min(limit - got, max(expected + 1 - got, 65536)))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if 0 < expected <= got:
            break  # all the bytes fstat counted
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def open_regular(
    path: str | os.PathLike[str], *, known_regular: bool = False
) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file (never a blocking open) and its `fstat`,
    for reads at chosen offsets (`os.pread`); the caller closes it. Raises OSError
    (`NotRegularFile` for anything else than a regular file). `known_regular` as for
    `read_head`: the check before opening is skipped, the one after still runs."""
    if not known_regular:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
    except BaseException:
        os.close(fd)
        raise
    return fd, info
