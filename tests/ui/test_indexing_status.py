"""What the status line says of an indexing run."""

from __future__ import annotations

from dataclasses import dataclass

from reader.ui.services.indexing import IndexingService


@dataclass
class _Indexer:
    running: bool = True
    failed: bool = False
    done: int = 0
    of: int = -1

    def progress(self) -> tuple[int, int]:
        return self.done, self.of


def _status(indexer: _Indexer) -> str | None:
    service = IndexingService.__new__(IndexingService)
    service.indexer = indexer  # type: ignore[assignment]
    return service.status()


def test_the_status_line_counts_what_the_run_has_indexed() -> None:
    # The child has not counted yet: it checks what changed (a complete index too).
    assert _status(_Indexer(of=-1)) == "checking the index…"
    assert _status(_Indexer(of=0)) is None  # nothing to index: the child is ending
    assert _status(_Indexer(done=12_345, of=100_000)) == "indexing 12%"  # fits a narrow list
    assert _status(_Indexer(running=False, done=5, of=5)) is None
    assert _status(_Indexer(running=False, failed=True)) == "indexing failed"
