"""Full-text search over the library: an SQLite FTS5 index of cleaned article text.

The index is a cache of what the reading pane shows (title plus the cleaned body,
boilerplate excluded), one row per article keyed by its entry key (`Article.key`:
the file's path, plus an entry id for a file of several entries) and invalidated
by its file's size and mtime, so a library of tens of thousands of pages is read
and cleaned once, then kept current incrementally. Deleting the database file only costs a rebuild.

The FTS5 table is contentless (`content=''`): it holds the tokens and their
positions, never a copy of the text (what needs the text, highlighting, reads the
article through `ReadingService`), and no prefix index (a word's last token of three
characters or more is matched by a scan of the vocabulary's range). A contentless
table of this SQLite cannot forget a row, so a changed or removed article only loses
its `docs` row: its old tokens stay behind under a rowid nothing points to (rowids
are never reused), every match is placed through `docs`, and once such dead rows
outnumber the live ones the index is emptied and rebuilt (`index_library`).

A first index of a large library cleans articles in worker processes (`workers`)
while this process writes; a run that stops keeps what it committed, and the next
run indexes only what is missing or changed. A run that ends with every row current
records the metadata cache generation it was handed (`covers`): the next run handed
the same generation has nothing to compare.

Concurrency: the UI indexes in a background thread or process and queries from
another thread. Each thread gets its own connection and the database runs in WAL
mode, so queries read a consistent snapshot while a batch is being written.

Results come newest first, in exactly the article list's order (date, else mtime;
then title; then key), so a search narrows the list without reshuffling it.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import operator
import os
import re
import sqlite3
import threading
from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from pathlib import Path
from types import TracebackType
from typing import Any

from reader.core.config import Config
from reader.core.formats import EntryGone, Page, read_entries, read_entry
from reader.core.models import Article
from reader.core.query import CJK_RANGES, Query, QueryError, fold, spaced_cjk
from reader.core.query import PREFIX_MIN as QUERY_PREFIX_MIN
from reader.core.reading import ReadingService
from reader.core.textio import NotText

# Bump whenever the schema or what is indexed changes: older files are rebuilt.
# 2: list stamps are day starts (Article.order), not day ends.
# 3: rows keyed by entry key (`key`), not path: a file may hold several articles.
# 4: a contentless FTS5 table without prefix indexes; rowids never reused.
# 5: each Han, kana or Hangul letter a token of its own (`spaced_cjk`).
SCHEMA_VERSION = 5
# A file of version 4 without a token that starts with a CJK letter holds what version
# 5 would write (a library without Chinese, Japanese or Korean): it is kept, its
# version raised, where a rebuild cost 340-440 CPU-seconds at 100,000 articles.
_WITHOUT_CJK_SAME = 4
# Rows per write transaction: large enough to amortise commits, small enough that
# a stopped indexer loses little and progress moves visibly.
BATCH_SIZE = 200
# Rows per write transaction of `index_library` (what its workers cleaned, gathered):
# FTS5 writes a segment per transaction, and every segment is merged again later, so
# a first index of 100,000 articles in 200-row transactions spent more CPU merging
# than tokenizing. About 2 s of cleaning on two cores: a stop still loses little.
BUILD_BATCH = 2000
# A smaller run commits at least this many times (`BATCH_SIZE` rows at the least), so
# the status line's progress still moves while 2,000 articles are cleaned.
BUILD_STEPS = 50
# Articles a worker cleans per task: a task is the unit the writer commits.
CHUNK_SIZE = 100
# Below this many articles to index, cleaning stays in this process (a worker
# costs its start and the copying of results).
PARALLEL_MIN = 400
# Worker processes for cleaning, at most: the writer is this process.
MAX_WORKERS = 4
# A word's last token is matched by prefix from this many characters on (shorter:
# as a whole token). Kept equal to `reader.core.query.PREFIX_MIN`.
PREFIX_MIN = QUERY_PREFIX_MIN
# A run that indexed at least this many articles merges the FTS5 segments it wrote
# into one at its end (`optimize`): seconds at 100,000 articles, and every query
# after it reads one b-tree per term instead of dozens.
OPTIMIZE_MIN = 2000
# The WAL file is cut back to this many bytes after a checkpoint (an `optimize`
# rewrites the whole index through it).
WAL_LIMIT = 32 * 2**20
# Dead rows (tokens of removed or replaced articles) tolerated before a rebuild:
# this many, and more than the live rows.
DEAD_ROWS_MIN = 1000
# A writer in another process holds the lock for one batch at most.
BUSY_TIMEOUT_MS = 10_000
# A word's prefix is matched as the indexed words it covers (`"council" OR "councils"`,
# 2-4 times quicker than FTS5's `"council"*`, which merges the doclists of every term
# of the range, positions and all, before matching) when the vocabulary read by
# `read_vocabulary` is current and the prefix covers at most this many of its words.
EXPAND_MAX = 12
# What `select_mask` keeps of the leaves of the queries it ran (one FTS5 term, phrase
# or condition on `docs`, as a bitset over the list's rows): at most this many bytes
# (12.5 KB a leaf at 100,000 articles). A search repeats most of the previous one's
# leaves (the words before the one being typed, the prefixes a backspace returns to).
LEAF_CACHE_BYTES = 48 * 2**20
# `_ListOrder` places a few matches on the list through an array of each rowid's
# position (8 bytes a rowid) while rowids run up to twice the list's length and this many
# more; beyond, through a byte per rowid and a pass of the list.
POSITIONS_SLACK = 100_000
# Characters of comma-joined rowids read as ints at a time (`_rowid_chunks`).
ROWID_CHUNK = 2**16
# Rows of the list a pass at C speed takes at a time (`_slices`): a pass over a million
# rows in one call held the interpreter 10-35 ms, and the UI's keys waited for it; a
# part takes a millisecond or two.
ROWS_PART = 2**14
# Words asked of the index ahead of any search (`SearchIndex.warm`), those found in the
# most articles first: at most this many, each in at least this many articles (fewer
# cost a first search little), and together in at most `WARM_LISTS` times the articles
# (each article a word is in costs about a microsecond of the search thread's time:
# at 100,000 articles about a second in all).
WARM_WORDS = 256
WARM_DOCS_MIN = 2000
WARM_LISTS = 8
# Past this many indexed words the vocabulary is not kept (its memory): prefixes stay
# FTS5's.
VOCABULARY_MAX = 2_000_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    key BLOB UNIQUE NOT NULL,
    size INT NOT NULL,
    mtime REAL NOT NULL,
    article_id TEXT NOT NULL,
    feed BLOB NOT NULL,
    feed_key BLOB NOT NULL,
    date TEXT,
    stamp REAL NOT NULL,
    title_key BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_order ON docs (stamp DESC, title_key, key);
CREATE INDEX IF NOT EXISTS docs_feed ON docs (feed_key);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_text USING fts5 (
    title, body, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
"""
# At most one row: the metadata cache generation (`reader.core.cache`) whose rows `docs`
# matches, set by `index_library` (`SearchIndex.cover`) and cleared by every other write.
# Added without a new schema version (a rebuild of a million articles is an hour): files
# of version 4 get it when next opened.
_COVERED_TABLE = "CREATE TABLE IF NOT EXISTS covered (generation TEXT NOT NULL)"
_UNCOVER = "DELETE FROM covered"
# FTS5 settings, kept in the index file (`docs_text_config`) and set by every writer:
# - hashsize: the bytes of tokens held in memory before they are written as a segment
#   (default 1 MB: a `BUILD_BATCH` transaction made several small segments);
# - crisismerge: a level of the index holding this many segments is merged into one
#   at once (default 16), whatever `automerge` says.
FTS_SETTINGS = {"hashsize": 32 * 2**20, "crisismerge": 64}
# Segments merged at a time as the index grows (SQLite's default), for runs that index
# a few articles: their segments stay few and small.
AUTOMERGE = 4
# A run of `OPTIMIZE_MIN` articles or more merges nothing while it writes: every merge
# rewrites tokens that its final `optimize` rewrites once more, which cost a first index
# of 100,000 articles more CPU than tokenizing them (only `crisismerge` bounds the
# segments meanwhile). An `automerge` of 0 left in the file by a run that stopped
# says its segments still wait for that merge: the next run that ends does it.
BUILD_AUTOMERGE = 0
_ORDER = "ORDER BY stamp DESC, title_key, key"
# Roughly what unicode61 treats as separators: all but letters, digits, private use.
_TOKEN_SPLIT = re.compile(r"[^\w\uE000-\uF8FF]|_")

StoredRow = tuple[int, float, str, str, str | None]


class SearchIndex:
    """The FTS5 index in one SQLite file; usable from several threads at once.

    Connections are per thread (opened on first use in that thread) and all
    closed by `close()`, which must only be called once no thread still uses it.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._vocabulary: _Vocabulary | None = None  # see `read_vocabulary`
        self._frequent: list[str] = []  # see `frequent_words`
        self._prepare()

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
            self._local = threading.local()
        for connection in connections:
            connection.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._open()
            self._local.connection = connection
        return connection

    def _open(self) -> sqlite3.Connection:
        # check_same_thread=False only so that close() may run on any thread; each
        # connection is otherwise used by the thread that opened it.
        connection = sqlite3.connect(
            self.db_path, isolation_level=None, check_same_thread=False, timeout=60
        )
        with self._lock:
            self._connections.append(connection)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Pages freed by `optimize` (the segments it merged) go back to the file system
        # at its end, so the file never holds the index twice. Only takes on a new file,
        # before WAL mode writes its first page; asked of an existing file it waits for
        # the write lock, which the indexer child may hold (issue 15), so it is not.
        if connection.execute("PRAGMA page_count").fetchone()[0] == 0:
            connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}")
        return connection

    def _prepare(self) -> None:
        """Create the schema, or throw away a file of another version or a broken one."""
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if self._schema_ready():
                return
        except sqlite3.OperationalError:
            raise  # locked, unwritable...: the file may be fine, leave it alone
        except sqlite3.DatabaseError:
            pass  # not a database, or a corrupt one: it is only a cache
        self.close()
        _delete_database(self.db_path)
        if not self._schema_ready():
            raise sqlite3.DatabaseError(f"could not create the search index {self.db_path}")

    def _schema_ready(self) -> bool:
        """True once the file holds our schema version (creating it in an empty file).

        A current file is only read: the write lock this would take otherwise is the
        indexer child's for a batch at a time, and the app opens its index at a search
        (issue 15: it waited out the busy timeout)."""
        connection = self._connection()
        if _schema_current(connection):
            return True
        with _transaction(connection):
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == _WITHOUT_CJK_SAME and not _has_cjk_tokens(connection):
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                version = SCHEMA_VERSION
            if version != SCHEMA_VERSION:
                if version != 0 or _has_tables(connection):
                    return False
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                for name, value in FTS_SETTINGS.items():
                    _set_fts(connection, name, value)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute(_COVERED_TABLE)
        return True

    # -- keeping the index current -----------------------------------------------

    def stale(self, articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
        """Articles to (re)index and stored keys no longer in `articles`.

        An article is stale when its key is new or its file's size, mtime, id,
        feed or date differ from what was indexed (ids and feeds can change
        without the file changing, e.g. a namesake in another feed). The size and
        mtime are the article's own, as the library's check found them: no file is
        stat-ed here (a million stats again, after the app's check had just made
        them); a change since is the watcher's to report.

        The stored rows are compared as they are read, one at a time: held all at once
        (a dict of them) they took 0.5 GB at a million articles, in the indexer child
        that every start of the app runs. Only the articles by key are held (their own
        key strings), each removed once found up to date.
        """
        pending: dict[str, Article] = {}  # key -> its first article, in list order
        for article in articles:
            pending.setdefault(article.key, article)
        gone: list[str] = []
        rows = self._connection().execute(
            "SELECT key, size, mtime, article_id, feed, date FROM docs"
        )
        for key_blob, size, mtime, id_, feed, date in rows:
            key = _unblob(key_blob)
            listed = pending.get(key)
            if listed is None:
                gone.append(key)
            elif (size, mtime, id_, _unblob(feed), date) == _stored_form(listed):
                del pending[key]
        return list(pending.values()), gone

    def covers(self, generation: str) -> bool:
        """Whether every row matches the metadata cache of `generation` (the last run of
        `index_library` was handed it, ended with nothing left to index, and nothing
        was written since): a start whose check found the library unchanged then
        has nothing to index, without reading the cache or the stored rows."""
        row = self._connection().execute("SELECT generation FROM covered").fetchone()
        return row is not None and row[0] == generation

    def cover(self, generation: str) -> None:
        """Record that every row matches the metadata cache of `generation` (`covers`).
        Written only when it differs: every write moves `data_version`, which makes
        the app's search thread read the list order again."""
        if self.covers(generation):
            return
        connection = self._connection()
        with _transaction(connection):
            connection.execute(_UNCOVER)
            connection.execute("INSERT INTO covered (generation) VALUES (?)", (generation,))
        self._wrote()

    def update(self, items: Iterable[tuple[Article, int, str]]) -> int:
        """Insert or replace (article, file size, cleaned body) rows; returns how many."""
        return self.write(
            (article, size, *indexed_text(article.title, [body])) for article, size, body in items
        )

    def write(self, items: Iterable[Row], batch_size: int = BATCH_SIZE) -> int:
        """Insert or replace (article, file size, title, body) rows, the text as
        `indexed_text` gives it; returns how many.

        Written in transactions of `batch_size` rows so readers see whole batches and
        a crash loses at most one batch (the next `stale()` finds it again).
        """
        connection = self._connection()
        count = 0
        for batch in _batched(items, batch_size):
            with _transaction(connection):
                connection.execute(_UNCOVER)
                _upsert(connection, batch)
            self._wrote()
            count += len(batch)
        return count

    def tune(self, *, building: bool = False) -> None:
        """Give the FTS5 table this version's settings (`FTS_SETTINGS`; a file made by
        an older one has the defaults), and `BUILD_AUTOMERGE` before a large run."""
        connection = self._connection()
        held = dict(connection.execute("SELECT k, v FROM docs_text_config").fetchall())
        wanted = dict(FTS_SETTINGS)
        if building:
            wanted["automerge"] = BUILD_AUTOMERGE
        wrong = [(k, v) for k, v in wanted.items() if held.get(k) != v]
        if not wrong:
            return
        with _transaction(connection):
            for name, value in wrong:
                _set_fts(connection, name, value)
        self._wrote()

    def merge_pending(self) -> bool:
        """A large run wrote segments it did not merge (it stopped before `optimize`)."""
        row = (
            self._connection()
            .execute("SELECT v FROM docs_text_config WHERE k = 'automerge'")
            .fetchone()
        )
        return row is not None and row[0] == BUILD_AUTOMERGE

    def remove(self, keys: Iterable[str | Path]) -> int:
        """Drop the rows of `keys` (entry keys; a `Path` is the key of a file that is
        one article; unknown keys are ignored); returns how many."""
        connection = self._connection()
        count = 0
        for batch in _batched((_blob(str(k)) for k in keys), BATCH_SIZE):
            with _transaction(connection):
                connection.execute(_UNCOVER)
                for key in batch:
                    count += _delete(connection, key)
            self._wrote()
        return count

    def __len__(self) -> int:
        return int(self._connection().execute("SELECT count(*) FROM docs").fetchone()[0])

    def optimize(self) -> None:
        """Merge the FTS5 segments into one (after a large run: queries read less),
        then give back the WAL space the merge took."""
        connection = self._connection()
        with _transaction(connection):
            connection.execute("INSERT INTO docs_text (docs_text) VALUES ('optimize')")
            _set_fts(connection, "automerge", AUTOMERGE)
        # A statement of its own: execute() would step it once, freeing one page.
        connection.executescript("PRAGMA incremental_vacuum;")
        self._wrote()
        with contextlib.suppress(sqlite3.OperationalError):  # a reader holds it: later
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def dead_rows(self) -> int:
        """Rows of the FTS table no article points to any more (see the module's doc)."""
        connection = self._connection()
        rows = connection.execute("SELECT count(*) FROM docs_text_docsize").fetchone()[0]
        return int(rows) - len(self)

    def rebuild_if_mostly_dead(self) -> bool:
        """Empty the index when dead rows outnumber the live ones (and `DEAD_ROWS_MIN`):
        every article is then stale and the next `index_library` indexes it afresh."""
        if self.dead_rows() <= max(DEAD_ROWS_MIN, len(self)):
            return False
        connection = self._connection()
        with _transaction(connection):
            connection.execute("INSERT INTO docs_text (docs_text) VALUES ('delete-all')")
            connection.execute("DELETE FROM docs")
            connection.execute(_UNCOVER)
        self._wrote()
        return True

    # -- searching ---------------------------------------------------------------

    def search(
        self,
        query: Query,
        limit: int | None = None,
        *,
        keep: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """Keys (`Article.key`) of indexed articles matching `query`, in the article
        list's order.

        Words, phrases, exclusions, feed: and date bounds are applied in SQL; the
        is: flags are not (read/starred state lives in the state store), so pass
        `keep` (a predicate on the key, e.g. built on `matches_metadata`) to have
        them applied before `limit` counts. An empty query returns every key.
        """
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            sql, params = match_sql(query, self._expander(connection))
            matched = None if sql is None else _rowids(_joined_rowids(connection, sql, params))
            rows = connection.execute(f"SELECT rowid, key FROM docs {_ORDER}")
            keys = (_unblob(key) for rowid, key in rows if matched is None or rowid in matched)
            if keep is not None:
                keys = (key for key in keys if keep(key))
            return list(islice(keys, limit) if limit is not None else keys)
        finally:
            connection.execute("COMMIT")

    def select(self, query: Query, keys: Sequence[str]) -> list[bool]:
        """For each of `keys` (`Article.key`), whether its article matches `query`
        (is: flags aside)."""
        return list(map(bool, self.select_mask(query, keys)))

    def select_mask(self, query: Query, keys: Sequence[str]) -> bytes:
        """`select` as one byte per key, 1 for a match: what `itertools.compress`
        takes to pick a list's matching rows at C speed.

        What a caller holding its own list wants: no key is copied or sorted, and
        the keys' rowids are looked up once per change of the index, not per query.
        The query is joined from bitsets of its leaves, kept for the next query on the
        same list and index (`_QueryBits`).
        """
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            order = self._list_order(connection)
            expand = self._expander(connection)
            joined = _QueryBits(connection, order, keys, expand, kept_only=True)
            bits = joined.of(query)
            self._local.missing = None
            if joined.missing:  # FTS5 joins doclists quicker than rows become bitsets
                self._local.missing = (order, keys, expand, joined.missing)
                sql, params = match_sql(query, expand)
                return order.mask(_joined_rowids(connection, sql, params) if sql else None)
        finally:
            connection.execute("COMMIT")
        return order.mask(None) if bits is None else _unpack(bits, len(keys))

    def fill_leaves(self) -> bool:
        """Keep one more leaf of the last `select_mask` of this thread that was not kept
        (it ran the query whole instead), for the next search on the same list and
        index; returns whether any remains. Meant for the moments between searches."""
        missing: _Missing | None = getattr(self._local, "missing", None)
        if missing is None:
            return False
        order, keys, expand, leaves = missing
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            current = self._list_order(connection)
            if current is not order or order.placed.keys is not keys or not leaves:
                self._local.missing = None  # the index or the list changed meanwhile
                return False
            key = next(iter(leaves))
            sql, params = leaves.pop(key)
            _QueryBits(connection, order, keys, expand).fill(key, sql, params)
        finally:
            connection.execute("COMMIT")
        if not leaves:
            self._local.missing = None
        return bool(leaves)

    def read_vocabulary(self) -> int:
        """Read the index's words (seconds of CPU at 100,000 articles: FTS5 walks every
        doclist to list them), so that queries match a prefix through the words it
        covers while the index stays as it was read; returns how many. Meant for a
        background thread: queries go on meanwhile and use it once it is read."""
        connection = self._connection()
        connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.docs_words"
            " USING fts5vocab(main, docs_text, row)"
        )
        connection.execute("BEGIN")
        try:
            stamp = _index_stamp(connection)
            rows = list(
                islice(
                    connection.execute("SELECT term, doc FROM temp.docs_words"),
                    VOCABULARY_MAX + 1,
                )
            )
        finally:
            connection.execute("COMMIT")
        if stamp is None or len(rows) > VOCABULARY_MAX:
            self._vocabulary = None
            return 0
        self._vocabulary = _Vocabulary(stamp, [word for word, _ in rows])
        budget = WARM_LISTS * max((docs for _, docs in rows), default=0)
        self._frequent = []
        for word, docs in sorted(rows, key=lambda row: -row[1])[:WARM_WORDS]:
            budget -= docs
            if docs < WARM_DOCS_MIN or budget < 0:
                break
            self._frequent.append(word)
        return len(rows)

    def frequent_words(self) -> list[str]:
        """The indexed words found in the most articles (see `WARM_WORDS`), most first,
        as the last `read_vocabulary` found them."""
        return list(self._frequent)

    def warm(self, keys: Sequence[str], word: str) -> None:
        """Ask the index for `word` as a search of the list `keys` would, and keep the
        answer for that search (see `_QueryBits`): in the words found in most articles
        a first search waited longest, 40-100 ms at 100,000 articles."""
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            order = self._list_order(connection)
            # The leaf a search reaches the word by: through the vocabulary's words.
            _QueryBits(connection, order, keys, None).text(_fts_string(word))
        finally:
            connection.execute("COMMIT")

    def _expander(self, connection: sqlite3.Connection) -> Callable[[str], list[str] | None] | None:
        """The vocabulary's `expand`, when it was read from the index as it is now."""
        vocabulary = self._vocabulary
        if vocabulary is None or vocabulary.stamp != _index_stamp(connection):
            return None
        return vocabulary.expand

    def _list_order(self, connection: sqlite3.Connection) -> _ListOrder:
        """This thread's copy of the list order, reloaded when the index changed.

        `data_version` moves when another connection commits; this connection's
        own commits are counted in `_local.writes`.
        """
        version = connection.execute("PRAGMA data_version").fetchone()[0]
        key = (version, getattr(self._local, "writes", 0))
        order: _ListOrder | None = getattr(self._local, "order", None)
        if order is None or order.key != key:
            order = _ListOrder(key)
            self._local.order = order
        return order

    def _wrote(self) -> None:
        self._local.writes = getattr(self._local, "writes", 0) + 1


@dataclass(slots=True, eq=False)
class _ListOrder:
    """Where the index's rows are on the list of keys a search was last given (the
    app's article list), for one state of the index: the rowid of each of the list's
    rows, read once per change of the index or of the list, and matches placed on the
    list through it.

    Nothing else is held per indexed row: at 1,000,000 articles the index's rowids and
    keys as Python lists, a dict of each and their ints took 550 MiB at their peak and
    kept 360 MiB, where an array of the list's rowids takes 8 MiB (`_rowid_column`).
    """

    key: tuple[int, int]
    placed: _Placed = field(default_factory=lambda: _Placed(None, array("q")))
    # Bitsets of that list's rows per leaf of a query (`_QueryBits`), the oldest first,
    # and their bytes: dropped with the list, or with this order (the index changed).
    _leaves: dict[tuple[Any, ...], int] = field(default_factory=dict, compare=False)
    _leaf_bytes: list[int] = field(default_factory=lambda: [0], compare=False)

    def place(self, keys: Sequence[str], rows: Callable[[], Iterable[tuple[int, bytes]]]) -> None:
        """Take `keys` as the list that `mask` and the kept leaves are about, reading the
        rowid of each from the index's (rowid, key) `rows` in list order (called only
        when `keys` is not the list held already)."""
        if self.placed.keys is keys:
            return
        self.placed = _Placed(keys, _rowid_column(keys, rows()))
        self._leaves.clear()
        self._leaf_bytes[0] = 0

    def mask(self, joined: str | None) -> bytes:
        """For each key of the placed list, 1 when its rowid is among the comma-joined
        `joined` (None: indexed at all), else 0.

        No string is hashed per match and no Python code runs per row: the rowids
        are read as ints by the JSON parser (a part at a time), marked in a byte per
        rowid, and each key's byte is read through its rowid, all at C speed: ~4 passes
        of the list for a word in most articles, where a set of the rowids' strings and
        a membership test per key took 5-8 times longer. A few matches are placed
        through their positions instead (`_Placed.positions`), without a pass of the
        list."""
        placed = self.placed
        column = placed.rowids
        if joined is None:
            if placed.indexed is None:
                placed.indexed = b"".join(bytes(map(bool, part)) for _, part in _slices(column))
            return placed.indexed
        if joined.count(",") * 3 < len(column):  # not most: placed through their positions
            positions = placed.positions()
            if positions is not None:
                chosen = bytearray(len(column))
                size = len(positions)
                for rowid in _rowid_list(joined):
                    if rowid < size and (at := positions[rowid]) >= 0:
                        chosen[at] = 1
                return bytes(chosen)
        top = placed.top
        marks = bytearray(top + 1)
        for matched in _rowid_chunks(joined):
            if max(matched, default=0) > top:  # rowids on no row of the list
                matched = [rowid for rowid in matched if rowid <= top]
            deque(map(marks.__setitem__, matched, repeat(1, len(matched))), maxlen=0)
        marks[0] = 0
        return b"".join(bytes(map(marks.__getitem__, part)) for _, part in _slices(column))

    def leaf(self, key: tuple[Any, ...]) -> int | None:
        """The bitset kept for `key` over the rows of the placed list."""
        bits = self._leaves.pop(key, None)
        if bits is not None:
            self._leaves[key] = bits  # the most recently used last
        return bits

    def keep_leaf(self, key: tuple[Any, ...], bits: int) -> None:
        """Keep `bits` for `key`, dropping the least recently used beyond
        `LEAF_CACHE_BYTES`."""
        leaves, size = self._leaves, self._leaf_bytes
        size[0] += bits.bit_length() // 8 + 32
        leaves[key] = bits
        while size[0] > LEAF_CACHE_BYTES and len(leaves) > 1:
            oldest = next(iter(leaves))
            size[0] -= leaves.pop(oldest).bit_length() // 8 + 32


@dataclass(slots=True, eq=False)
class _Placed:
    """A list of keys as `_ListOrder.place` took it: the rowid of each (0: not
    indexed), the largest, and what is built from them when first asked for."""

    keys: Sequence[str] | None
    rowids: array[int]
    top: int = 0
    indexed: bytes | None = None  # a byte per key: 1 when indexed
    _positions: array[int] | None = None
    _positions_made: bool = False

    def __post_init__(self) -> None:
        self.top = max((max(part) for _, part in _slices(self.rowids)), default=0)

    def positions(self) -> array[int] | None:
        """The position on the list of each rowid (-1: not on it), indexed by rowid;
        None when a rowid is listed twice, or when rowids run far beyond the list's
        length (rowids are never reused: an array of them would be mostly empty)."""
        if not self._positions_made:
            self._positions_made = True
            column, top = self.rowids, self.top
            if top <= 2 * len(column) + POSITIONS_SLACK:
                positions = array("q", [-1]) * (top + 1)
                for start, part in _slices(column):
                    places = range(start, start + len(part))
                    deque(map(positions.__setitem__, part, places), maxlen=0)
                positions[0] = -1  # (the rows not indexed)
                if _count(positions, -1) + len(column) == len(positions) + _count(column, 0):
                    self._positions = positions  # (else a rowid listed twice kept one place)
        return self._positions


def _slices(column: array[int]) -> Iterator[tuple[int, array[int]]]:
    """`column` as (start, copy of its part) pairs of `ROWS_PART` rows, for passes at C
    speed that let the interpreter switch threads between parts."""
    for start in range(0, len(column), ROWS_PART):
        yield start, column[start : start + ROWS_PART]


def _count(column: array[int], value: int) -> int:
    """`column.count(value)`, a part at a time (`_slices`)."""
    return sum(part.count(value) for _, part in _slices(column))


def _rowid_column(keys: Sequence[str], rows: Iterable[tuple[int, bytes]]) -> array[int]:
    """The rowid of each of `keys` (0: not indexed), from the index's (rowid, key)
    `rows`.

    The rows come in the list's order, and so does a list of the app but for what
    changed since it was indexed: the two are walked in step, and only a row or key out
    of step waits in a dict for the other (a dict of every key, and Python lists of
    every rowid and key, took hundreds of MiB at 1,000,000 articles). A key listed
    twice finds its row once: the others take it from there at the end."""
    column = array("q")  # (grown row by row: 8 MiB of zeros made at once held the
    add = column.append  # interpreter for ~20 ms at 1,000,000 rows)
    rows_waiting: dict[str, int] = {}  # rows read before their key came
    keys_waiting: dict[str, int] = {}  # the position of keys whose row has not come
    source = iter(rows)
    for i, key in enumerate(keys):
        row = next(source, None)
        if row is not None:
            rowid, row_key = row[0], _unblob(row[1])
            if row_key == key:
                add(rowid)
                continue
            at = keys_waiting.pop(row_key, None)
            if at is None:
                rows_waiting[row_key] = rowid
            else:
                column[at] = rowid
        rowid = rows_waiting.pop(key, 0)
        add(rowid)
        if not rowid:
            keys_waiting.setdefault(key, i)
    for later, later_key in source:  # rows beyond the list's length
        if not keys_waiting:
            break
        at = keys_waiting.pop(_unblob(later_key), None)
        if at is not None:
            column[at] = later
    if any(0 in part for _, part in _slices(column)):  # not indexed, or listed twice
        missing: set[str] = set()
        for start, part in _slices(column):
            missing.update(compress(keys[start : start + len(part)], map(operator.not_, part)))
        places: list[int] = []
        for start, part in _slices(column):
            some = keys[start : start + len(part)]
            places += compress(range(start, start + len(part)), map(missing.__contains__, some))
        found = {keys[at]: column[at] for at in places if column[at]}
        for at in places:
            column[at] = column[at] or found.get(keys[at], 0)
    return column


def _rowid_list(joined: str) -> list[int]:
    """The comma-joined rowids of `_joined_rowids` as ints, at C speed."""
    matched: list[int] = json.loads("[" + joined + "]") if joined else []
    return matched


def _rowids(joined: str) -> set[int]:
    """The comma-joined rowids as a set, for membership tests."""
    return set(_rowid_list(joined))


def _rowid_chunks(joined: str) -> Iterator[list[int]]:
    """`_rowid_list` a part at a time (`ROWID_CHUNK` characters or so): the ints of
    the million matches of a common word took 36 MiB at once."""
    start = 0
    while start < len(joined):
        end = joined.find(",", start + ROWID_CHUNK)
        end = len(joined) if end < 0 else end
        yield _rowid_list(joined[start:end])
        start = end + 1


class _Vocabulary:
    """The index's words, sorted (as FTS5 lists them: code point order), read under
    the index's `stamp`."""

    def __init__(self, stamp: bytes, words: list[str]) -> None:
        self.stamp = stamp
        self._words = words

    def expand(self, prefix: str) -> list[str] | None:
        """The words starting with `prefix`, None when more than `EXPAND_MAX`."""
        words = self._words
        found: list[str] = []
        for i in range(bisect_left(words, prefix), len(words)):
            word = words[i]
            if not word.startswith(prefix):
                break
            if len(found) == EXPAND_MAX:
                return None
            found.append(word)
        return found


def _index_stamp(connection: sqlite3.Connection) -> bytes | None:
    """What changes whenever the FTS5 index does: its structure record, which holds a
    write counter and the segments (comparable across connections, unlike
    `data_version`)."""
    try:
        row = connection.execute("SELECT block FROM docs_text_data WHERE id = 10").fetchone()
    except sqlite3.Error:
        return None
    return bytes(row[0]) if row is not None and row[0] is not None else None


def _joined_rowids(connection: sqlite3.Connection, sql: str, params: Sequence[Any]) -> str:
    """Run a `match_sql` statement: the rowids comma-joined ("" for none), one string
    being far cheaper than rows."""
    try:
        joined = connection.execute(sql, params).fetchone()[0]
    except sqlite3.OperationalError as error:
        # Every term is quoted, so FTS5 should never reject a query; if it does,
        # the user gets a message rather than a crash.
        if str(error).startswith("fts5:"):
            raise QueryError(f"cannot search for that: {error}") from error
        raise
    return joined or ""


Expand = Callable[[str], "list[str] | None"]
"""The indexed words a prefix covers (None: too many to list)."""
_Missing = tuple[
    "_ListOrder",
    Sequence[str],
    Expand | None,
    dict[tuple[Any, ...], tuple[str | None, Sequence[Any]]],
]
"""What `fill_leaves` needs of the last `select_mask` (`_QueryBits.missing`, its list)."""


def match_sql(query: Query, expand: Expand | None = None) -> tuple[str | None, list[Any]]:
    """SQL giving the comma-joined rowids matching `query` (None: every row matches).

    User text only ever travels in parameters, and inside those every term is an
    FTS5 string, so no input can become an FTS5 operator. OR groups of text alone
    join the one FTS5 expression; groups with feed: or date terms become SQL
    conditions on `docs`, each text part of them a MATCH subquery. is: terms are
    left to the caller (they live in the marks, not the index). `expand` lists the
    indexed words of a prefix (see `EXPAND_MAX`).
    """
    positive, negative, where, params = _parts(query, expand)
    if positive:
        expression = _fts_expression(positive, negative)
        if not where:  # no need to visit docs at all
            return "SELECT group_concat(rowid) FROM docs_text WHERE docs_text MATCH ?", [expression]
        source = "docs_text CROSS JOIN docs AS d ON d.rowid = docs_text.rowid"
        where.insert(0, "docs_text MATCH ?")
        params.insert(0, expression)
    else:
        source = "docs AS d"
        if negative:
            where.insert(0, f"d.rowid NOT IN ({_MATCHING})")
            params.insert(0, " OR ".join(negative))
        if not where:
            return None, []
    return f"SELECT group_concat(d.rowid) FROM {source} WHERE {' AND '.join(where)}", params


_MATCHING = "SELECT rowid FROM docs_text WHERE docs_text MATCH ?"


def _parts(
    query: Query, expand: Expand | None = None
) -> tuple[list[str], list[str], list[str], list[Any]]:
    """(FTS5 terms that must match, FTS5 terms that must not, SQL conditions on `d`
    with their parameters) for the terms of `query` and its groups."""
    positive = [_fts_word(w, expand) for w in query.words]
    positive += [_fts_string(p) for p in query.phrases]
    negative = [_fts_word(w, expand) for w in query.exclude_words]
    negative += [_fts_string(p) for p in query.exclude_phrases]
    where, params = _metadata_filters(query)
    for group in query.any_of:
        texts = [_fts(alternative, expand) for alternative in group]
        if all(text is not None for text in texts):
            positive.append("(" + " OR ".join(f"({text})" for text in texts) + ")")
            continue
        conditions = []
        for alternative in group:
            condition, more = _condition(alternative, expand)
            if condition is None:  # this alternative holds for every row: so does the group
                break
            conditions.append(condition)
            params += more
        else:
            where.append("(" + " OR ".join(conditions) + ")")
    for excluded in query.exclude_groups:
        text = _fts(excluded, expand)
        if text is not None:
            negative.append(f"({text})")
            continue
        condition, more = _condition(excluded, expand)
        # A date bound on an undated row is NULL in SQL, false here: coalesce first.
        where.append("0" if condition is None else f"NOT coalesce({condition}, 0)")
        params += more
    return positive, negative, where, params


def _fts(query: Query, expand: Expand | None = None) -> str | None:
    """One FTS5 expression for `query`, when it has text terms only and one to match."""
    positive, negative, where, _ = _parts(query, expand)
    return _fts_expression(positive, negative) if positive and not where else None


def _fts_expression(positive: list[str], negative: list[str]) -> str:
    expression = " AND ".join(positive)
    if negative:
        expression = f"({expression}) NOT ({' OR '.join(negative)})"
    return expression


def _condition(query: Query, expand: Expand | None = None) -> tuple[str | None, list[Any]]:
    """An SQL condition on `d` for `query` inside a group (None: every row)."""
    positive, negative, where, params = _parts(query, expand)
    if positive:
        where.insert(0, f"d.rowid IN ({_MATCHING})")
        params.insert(0, _fts_expression(positive, negative))
    elif negative:
        where.insert(0, f"d.rowid NOT IN ({_MATCHING})")
        params.insert(0, " OR ".join(negative))
    return (" AND ".join(where) or None), params


def _metadata_filters(query: Query) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if query.feeds:
        where.append(_feed_prefixes(query.feeds, params))
    if query.exclude_feeds:
        where.append("NOT " + _feed_prefixes(query.exclude_feeds, params))
    # ISO dates compare as text; NULL (undated) fails every comparison, as intended.
    if query.after is not None:
        where.append("d.date > ?")
        params.append(query.after.isoformat())
    if query.before is not None:
        where.append("d.date < ?")
        params.append(query.before.isoformat())
    return where, params


def _feed_prefixes(prefixes: Sequence[str], params: list[Any]) -> str:
    """A condition: the folded feed name starts with one of `prefixes`.

    A byte range per prefix, so the `docs_feed` index serves it: every blob that
    starts with P sorts between P and P + 0xFF, a byte UTF-8 never holds.
    """
    for prefix in prefixes:
        start = _blob(prefix)
        params += [start, start + b"\xff"]
    ranges = ["(d.feed_key >= ? AND d.feed_key < ?)"] * len(prefixes)
    return f"({' OR '.join(ranges)})"


def _fts_word(word: str, expand: Expand | None = None) -> str:
    """A word matched by prefix, unless its last token is one or two characters long.

    Without a prefix index, a prefix is a scan of the vocabulary's range: a one- or
    two-letter one expands to a large share of it (close to a second at 100,000
    articles) and matches nearly every article anyway. A word of one plain token
    (ASCII letters and digits: the tokenizer leaves it as it is, lower-cased) is
    matched as the words `expand` lists for it, when it lists a few.
    """
    terms, expanded = _word_terms(word, expand)
    return "(" + " OR ".join(terms) + ")" if expanded else terms[0]


def _word_terms(word: str, expand: Expand | None = None) -> tuple[list[str], bool]:
    """The FTS5 terms of `word` (see `_fts_word`), any of which matches it, and
    whether they are the words `expand` listed."""
    tokens = _TOKEN_SPLIT.split(spaced_cjk(word))  # a CJK letter is a token alone
    last = next((t for t in reversed(tokens) if t), "")
    if len(last) < PREFIX_MIN:
        return [_fts_string(word)], False
    if expand is not None and last == word and word.isascii() and word.isalnum():
        words = expand(word.lower())
        if words:
            return [_fts_string(w) for w in words], True
    return [_fts_string(word) + "*"], False


class _QueryBits:
    """A query's matches as a bitset over a list's rows (bit i: the article at row i),
    from bitsets of its leaves (a word's FTS5 terms, a phrase, a condition on `docs`)
    joined with `&`, `|` and `~` as `match_sql` joins them in SQL, each leaf asked of
    the index once and kept by the list order (`_ListOrder.leaf`).

    A search repeats most of the previous one's leaves: typing the next word, a
    backspace, another group. Joining kept bitsets costs microseconds where FTS5
    joins doclists and every match becomes a row again: a word in most of 100,000
    articles took 60-100 ms to become the list's mask, each time it was searched."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        order: _ListOrder,
        keys: Sequence[str],
        expand: Expand | None,
        *,
        kept_only: bool = False,
    ) -> None:
        self.connection = connection
        self.order = order
        self.keys = keys
        self.expand = expand
        # With `kept_only`, a leaf not kept counts as no rows and is listed in `missing`
        # (sql, params) for `fill`: the answer is then only good once `missing` is empty.
        self.kept_only = kept_only
        self.missing: dict[tuple[Any, ...], tuple[str | None, Sequence[Any]]] = {}
        # (the list the leaves are kept for)
        order.place(keys, lambda: connection.execute(f"SELECT rowid, key FROM docs {_ORDER}"))
        self.all = self._leaf(("all",), None, ())  # the indexed rows

    def of(self, query: Query) -> int | None:
        """The rows matching `query` (is: terms aside); None: every row."""
        parts = [self.word(w) for w in query.words]
        parts += [self.text(_fts_string(p)) for p in query.phrases]
        where, params = _metadata_filters(query)
        if where:
            sql = f"SELECT group_concat(d.rowid) FROM docs AS d WHERE {' AND '.join(where)}"
            parts.append(self._leaf(("docs", sql, *params), sql, params))
        for group in query.any_of:
            alternatives = [self.of(alternative) for alternative in group]
            if all(bits is not None for bits in alternatives):  # else one holds for all
                parts.append(_union([bits for bits in alternatives if bits is not None]))
        excluded = [self.word(w) for w in query.exclude_words]
        excluded += [self.text(_fts_string(p)) for p in query.exclude_phrases]
        for excluded_group in query.exclude_groups:
            bits = self.of(excluded_group)
            excluded.append(self.all if bits is None else bits)
        if not parts and not excluded:
            return None
        matched = self.all
        for bits in parts:
            matched &= bits
        if excluded:
            matched &= ~_union(excluded)
        return matched

    def word(self, word: str) -> int:
        """The rows with `word` (by prefix, see `_fts_word`)."""
        terms, _ = _word_terms(word, self.expand)
        return _union([self.text(term) for term in terms])

    def text(self, expression: str) -> int:
        """The rows matching the FTS5 `expression`."""
        sql = "SELECT group_concat(rowid) FROM docs_text WHERE docs_text MATCH ?"
        return self._leaf(("text", expression), sql, [expression])

    def _leaf(self, key: tuple[Any, ...], sql: str | None, params: Sequence[Any]) -> int:
        order = self.order
        bits = order.leaf(key)
        if bits is None:
            if self.kept_only and sql is not None:
                self.missing[key] = (sql, params)
                return 0
            joined = None if sql is None else _joined_rowids(self.connection, sql, params)
            bits = _pack(order.mask(joined))
            order.keep_leaf(key, bits)
        return bits

    def fill(self, key: tuple[Any, ...], sql: str | None, params: Sequence[Any]) -> None:
        """Ask the index for a leaf `missing` listed, and keep it."""
        self.kept_only = False
        self._leaf(key, sql, params)


def _union(sets: Sequence[int]) -> int:
    result = 0
    for bits in sets:
        result |= bits
    return result


def _pack(mask: bytes) -> int:
    """A mask of one byte per row (0 or 1) as a bitset: bit i for row i.

    Eight strided slices, each read as one number, at C speed (no loop per row)."""
    padded = bytes(mask) + bytes(-len(mask) % 8)
    bits = 0
    for shift in range(8):
        bits |= int.from_bytes(padded[shift::8], "little") << shift
    return bits


# Each byte value as the eight bytes (0 or 1) of its bits, lowest first.
_SPREAD = [bytes((value >> bit) & 1 for bit in range(8)) for value in range(256)]


def _unpack(bits: int, size: int) -> bytes:
    """The bitset of `size` rows back as one byte per row (what `compress` takes)."""
    packed = bits.to_bytes((size + 7) // 8, "little")
    return b"".join(map(_SPREAD.__getitem__, packed))[:size]


def _fts_string(text: str) -> str:
    """`text` as an FTS5 string: inside double quotes nothing is an operator.

    FTS5 reads the expression as a C string, so a NUL would end it mid-string. CJK
    letters are spaced apart as in the indexed text (`indexed_text`): a word of them
    is the phrase of its letters, found anywhere in a run.
    """
    return '"' + _valid(spaced_cjk(text)).replace("\x00", " ").replace('"', '""') + '"'


def index_library(
    db_path: Path,
    articles: Sequence[Article],
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    config: Config | None = None,
    workers: int | None = None,
    generation: str | None = None,
) -> int:
    """Bring the index at `db_path` up to date with `articles`; returns how many were indexed.

    Reads and cleans each new or changed article exactly as the reading pane does
    (one `ReadingService`: feed evidence and the rules of `config`),
    so searches find what the user can read and not the boilerplate. Top-level
    with plain arguments so it can run in another process (keeping the UI's GIL
    free). `progress(done, total)` is called after every committed batch, counted over
    the whole library (the articles indexed before this run among `done`), so that a
    run resumed after a quit goes on from where the last one stopped, on the status
    line as in the index; (0, 0) when nothing is to be done;
    `should_stop()` is polled between articles (between batches when cleaning in
    workers), and what was committed is kept: the next run resumes from there.
    Unreadable files are skipped (and their old rows dropped, so they are retried).
    `generation`: that of the metadata cache whose rows `articles` are; a run that
    ends with every article indexed records it (`SearchIndex.covers`).

    Cleaning costs far more than writing, so from `PARALLEL_MIN` articles on it runs
    in `workers` processes (default: one per core, at most `MAX_WORKERS`) while this
    process writes what they return, in order.
    """
    with SearchIndex(db_path) as index:
        index.rebuild_if_mostly_dead()
        todo, gone = index.stale(articles)
        todo = _by_file(todo)
        index.remove(gone)
        service = ReadingService(config, articles)
        total, done, indexed, unread = len(todo), 0, 0, 0
        whole = len(articles) if total else 0
        current = whole - total  # indexed by earlier runs: counted as done

        def report(done: int) -> None:
            if progress:
                progress(current + done, whole)

        report(0)
        if workers is None:
            workers = min(MAX_WORKERS, os.cpu_count() or 1)
        if workers > 1 and total >= PARALLEL_MIN:
            batches = _clean_in_workers(service, todo, workers, should_stop)
        else:
            batches = _clean_here(service, todo, should_stop)
        index.tune(building=total >= OPTIMIZE_MIN)
        commit_rows = min(BUILD_BATCH, max(BATCH_SIZE, total // BUILD_STEPS))
        stopped = False
        pending: list[Row] = []
        for rows, failed, stopped in batches:
            pending += rows
            if failed:
                index.remove(failed)
                done += len(failed)
                unread += len(failed)
            if pending and (len(pending) >= commit_rows or stopped):
                indexed += index.write(pending, len(pending))
                done += len(pending)
                pending = []
                report(done)
            if stopped:
                break
        if pending:
            indexed += index.write(pending, len(pending))
            report(done + len(pending))
        if not stopped and (indexed >= OPTIMIZE_MIN or index.merge_pending()):
            index.optimize()
        if generation is not None and not stopped and not unread:
            index.cover(generation)
        return indexed


Row = tuple[Article, int, str, str]
"""(article, its file's size, folded title, folded cleaned body): one row to index."""
Batch = tuple[list[Row], list[str], bool]
"""(rows to index, keys of articles that could not be read, whether asked to stop)."""


def _clean_here(
    service: ReadingService, todo: Sequence[Article], should_stop: Callable[[], bool] | None
) -> Iterator[Batch]:
    files = _FilePages()
    for chunk in _batched(todo, BATCH_SIZE):
        batch = _read_all(service, files, chunk, should_stop)
        yield batch
        if batch[2]:
            return


def _clean_in_workers(
    service: ReadingService,
    todo: Sequence[Article],
    workers: int,
    should_stop: Callable[[], bool] | None,
) -> Iterator[Batch]:
    """Batches cleaned by a pool of `workers` processes, in the order of `todo`.

    Each worker gets a service that opens articles as `service` does (the same feed
    samples and rules) without the whole library; a stop ends the pool, losing only
    the batches being cleaned."""
    context = multiprocessing.get_context("spawn")
    sampled = (service.config, service.evidence_articles())
    with context.Pool(workers, _start_worker, sampled) as pool:
        chunks = list(_chunks(todo, CHUNK_SIZE))
        for chunk, (sizes, bodies) in zip(chunks, pool.imap(_clean_chunk, chunks), strict=True):
            rows: list[Row] = []
            failed: list[str] = []
            for article, size, body in zip(chunk, sizes, bodies, strict=True):
                if body is None:
                    failed.append(article.key)
                else:
                    rows.append((article, size, *body))
            stopped = should_stop is not None and should_stop()
            yield rows, failed, stopped
            if stopped:
                return


_worker_service: ReadingService | None = None


_writer_pid = 0


def _start_worker(config: Config, articles: Sequence[Article]) -> None:
    global _worker_service, _writer_pid
    _worker_service = ReadingService(config, articles)
    _writer_pid = os.getppid()


def _orphaned() -> bool:
    """The writer is gone (killed with the app that quit): stop cleaning for no one."""
    return os.getppid() != _writer_pid


def _clean_chunk(chunk: Sequence[Article]) -> tuple[list[int], list[tuple[str, str] | None]]:
    """In a worker: (file sizes, (title, body) or None for unreadable) of `chunk`."""
    assert _worker_service is not None
    files = _FilePages()
    rows, _, _ = _read_all(_worker_service, files, chunk, _orphaned)
    by_key = {article.key: (size, (title, body)) for article, size, title, body in rows}
    sizes: list[int] = []
    bodies: list[tuple[str, str] | None] = []
    for article in chunk:
        size, body = by_key.get(article.key, (0, None))
        sizes.append(size)
        bodies.append(body)
    return sizes, bodies


def _chunks(articles: Sequence[Article], size: int) -> Iterator[list[Article]]:
    """`articles` in runs of about `size`, never splitting a file's entries (so each
    file is parsed once)."""
    chunk: list[Article] = []
    for article in articles:
        if len(chunk) >= size and (not article.entry or article.path != chunk[-1].path):
            yield chunk
            chunk = []
        chunk.append(article)
    if chunk:
        yield chunk


def _read_all(
    service: ReadingService,
    files: _FilePages,
    articles: Sequence[Article],
    should_stop: Callable[[], bool] | None,
) -> Batch:
    """(rows to index, keys of those that could not be read, whether asked to stop).

    Each body is what the reading pane shows: the same `ReadingService`, so the
    same evidence and the same rules hide the same blocks."""
    rows: list[Row] = []
    failed: list[str] = []
    for article in articles:
        if should_stop is not None and should_stop():
            return rows, failed, True
        try:
            size, page = files.page(article)
            reading = service.open(article, page)
        except (OSError, NotText):
            failed.append(article.key)
            continue
        title, body = indexed_text(article.title, reading.result.body)
        rows.append((article, size, title, body))
    return rows, failed, False


def indexed_text(title: str, body: Sequence[str]) -> tuple[str, str]:
    """What the index tokenizes of an article: its title and the blocks the reading
    pane shows, folded like the query (casefold + NFKC: unicode61 alone would not
    match "strasse" to "Straße" or "fi" to the ligature), each CJK letter spaced
    apart (`spaced_cjk`: unicode61 would make a token of a whole run of them, a
    sentence with no spaces, which only a query of that whole run found)."""
    return _valid(spaced_cjk(fold(title))), _valid(spaced_cjk(fold("\n\n".join(body))))


class _FilePages:
    """The pages of the last file read: the entries of a file of several are parsed
    once for all of them (`index_library` hands them over together)."""

    def __init__(self) -> None:
        self._file: tuple[str, int, dict[str, Page]] | None = None

    def page(self, article: Article) -> tuple[int, Page]:
        """The file's size and the article's page."""
        if not article.entry:
            return os.stat(article.path).st_size, read_entry(article.path, "")
        held = self._file
        if held is None or held[0] != article.path:
            size = os.stat(article.path).st_size
            pages = {page.entry: page for page in read_entries(article.path)}
            held = self._file = (article.path, size, pages)
        page = held[2].get(article.entry)
        if page is None:
            raise EntryGone(article.path, article.entry)
        return held[1], page


def _by_file(articles: list[Article]) -> list[Article]:
    """`articles` with the entries of each file of several entries next to each other
    (where the file's first comes), so that the file is parsed once."""
    if not any(article.entry for article in articles):
        return articles
    files: dict[str, list[Article]] = {}
    for article in articles:
        files.setdefault(article.path, []).append(article)
    return [article for entries in files.values() for article in entries]


# -- rows ------------------------------------------------------------------------


def _stored_form(article: Article) -> StoredRow:
    """What `docs` holds for an up-to-date article, as `stale` reads it."""
    date = article.date.isoformat() if article.date else None
    return (article.size, article.mtime, article.id, article.feed, date)


def _upsert(connection: sqlite3.Connection, rows: Sequence[Row]) -> None:
    """Index articles afresh (in the caller's transaction). Their old tokens, if any,
    stay under the old rowids (a contentless table cannot forget them): each new
    `docs` row gets a new rowid, above any the table ever gave (AUTOINCREMENT keeps
    the highest in `sqlite_sequence`), so all rows go in with one statement each."""
    last: dict[bytes, Row] = {}  # a key given twice: its last row
    for row in rows:
        last[_blob(row[0].key)] = row
    connection.executemany("DELETE FROM docs WHERE key = ?", ((key,) for key in last))
    found = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'docs'").fetchone()
    first = (found[0] if found else 0) + 1
    feeds: dict[str, tuple[bytes, bytes]] = {}
    docs: list[tuple[Any, ...]] = []
    texts: list[tuple[int, str, str]] = []
    for rowid, (key, (article, size, title, body)) in enumerate(last.items(), first):
        feed = feeds.get(article.feed)
        if feed is None:
            feed = feeds[article.feed] = (_blob(article.feed), _blob(fold(article.feed)))
        date = article.date.isoformat() if article.date else None
        title_key = _blob(article.title.casefold())
        stamp = _list_stamp(article)
        docs.append((rowid, size, article.mtime, article.id, *feed, date, stamp, title_key, key))
        texts.append((rowid, title, body))
    connection.executemany(
        "INSERT INTO docs (rowid, size, mtime, article_id, feed, feed_key, date, stamp,"
        " title_key, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        docs,
    )
    connection.executemany("INSERT INTO docs_text (rowid, title, body) VALUES (?, ?, ?)", texts)


def _list_stamp(article: Article) -> float:
    """The time the article list sorts by, newest first (`Article.order`), so that
    `search` can return rows already in list order."""
    return -article.order[0]


def _delete(connection: sqlite3.Connection, key: bytes) -> int:
    """Forget an article: its tokens stay behind under a rowid nothing points to."""
    return connection.execute("DELETE FROM docs WHERE key = ?", (key,)).rowcount


# -- helpers ---------------------------------------------------------------------


def _blob(text: str) -> bytes:
    """Text for a key column, as bytes: file names that are not UTF-8 reach us with
    surrogates (surrogateescape), which sqlite3 refuses in TEXT but keep as bytes.
    Byte order is code-point order, so sorting on these columns is unchanged."""
    return text.encode("utf-8", "surrogatepass")


def _unblob(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _valid(text: str) -> str:
    """Text for FTS5, which only takes valid UTF-8: stray surrogates become '?'."""
    return text.encode("utf-8", "replace").decode("utf-8")


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT: take the write lock up front, so two writers
    wait for each other (busy_timeout) instead of failing with SQLITE_BUSY mid-way."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _set_fts(connection: sqlite3.Connection, name: str, value: int) -> None:
    """Set an FTS5 setting of `docs_text` (kept in the file)."""
    connection.execute("INSERT INTO docs_text (docs_text, rank) VALUES (?, ?)", (name, value))


def _schema_current(connection: sqlite3.Connection) -> bool:
    """Whether the file holds this version's schema, its `covered` table included."""
    if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    row = connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'covered'"
    ).fetchone()
    return bool(row[0])


def _has_cjk_tokens(connection: sqlite3.Connection) -> bool:
    """Whether the index holds a token starting with a CJK letter (or cannot tell): a
    seek into the vocabulary per range of `CJK_RANGES` (0.1-0.2 ms each at 4,000
    articles), not a scan of it (0.07 s there, seconds at 100,000). A token with CJK
    letters after others ("iphone发布会") is not seen: a library with one almost
    surely has tokens that start with a CJK letter too."""
    try:
        connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.docs_words"
            " USING fts5vocab(main, docs_text, row)"
        )
        for low, high in CJK_RANGES:
            row = connection.execute(
                "SELECT term FROM temp.docs_words WHERE term >= ? LIMIT 1", (low,)
            ).fetchone()
            if row is not None and row[0][:1] <= high:
                return True
    except sqlite3.DatabaseError:
        return True
    return False


def _has_tables(connection: sqlite3.Connection) -> bool:
    row = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return bool(row[0])


def _delete_database(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db_path}{suffix}")


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
