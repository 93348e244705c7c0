"""bench/train_cleaner.py, the learned-model bench, keeps working without its training
extra: labels, features (read from the cleaner's signals, which change under it),
pure-Python inference and the recall-first decision, on a page written here."""

from __future__ import annotations

import importlib.util
import math
import sys
from types import ModuleType

import pytest

from reader.core.clean import clean_text, split_text_blocks
from reader.core.clean_region import PageView, score_blocks
from reader.core.clean_signals import block_key
from tests.conftest import REPO

PAGE = "\n".join(
    [
        "Home",
        "World",
        "Sport",
        "Harbour council approves the new ferry timetable",
        "The council voted on Tuesday to run the late ferry every night of the week, after a"
        " year in which the last boat left before most shifts at the port had ended.",
        "Workers at the fish market said the change would let them get home without a taxi,"
        " which many of them could not afford on a night-shift wage.",
        "The new timetable starts in May and will be reviewed after six months, the council said.",
        "Most read",
        "Storm closes the coast road",
        "Share this article",
        "© 2025 Harbour Gazette. All rights reserved.",
    ]
)
TITLE = "Harbour council approves the new ferry timetable"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_cleaner", REPO / "bench" / "train_cleaner.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_cleaner"] = module
    spec.loader.exec_module(module)
    return module


def test_lines_of_the_truth_are_labelled_body(bench: ModuleType) -> None:
    blocks = split_text_blocks(PAGE)
    truth = "\n".join(blocks[4:7])
    matched, tokens = bench.line_labels(blocks, truth)
    labels = [int(bench.is_body(m, t)) for m, t in zip(matched, tokens, strict=True)]
    assert labels == [0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0]


def test_every_line_gets_every_feature(bench: ModuleType) -> None:
    result = clean_text(PAGE, TITLE)
    blocks = [b.text for b in result.blocks]
    page = PageView.build(blocks, block_key(TITLE))
    rows = bench.page_features(
        page,
        score_blocks(page),
        [b.hidden for b in result.blocks],
        [b.reason for b in result.blocks],
    )
    assert len(rows) == len(blocks)
    assert all(len(row) == len(bench.FEATURE_NAMES) for row in rows)
    assert all(math.isfinite(x) for row in rows for x in row)


def test_pure_python_inference_of_both_model_kinds(bench: ModuleType) -> None:
    n = len(bench.FEATURE_NAMES)
    linear = {"kind": "lr", "bias": -1.0, "weights": [2.0] + [0.0] * (n - 1)}
    tree = {"feature": [0, -2, -2], "threshold": [0.5, 0, 0], "left": [1, -1, -1]}
    trees = {"kind": "trees", "bias": 0.5, "trees": [{**tree, "right": [2, -1, -1]}]}
    trees["trees"][0]["value"] = [0.0, -1.5, 1.5]
    low, high = [0.0] * n, [1.0] + [0.0] * (n - 1)
    assert bench.predictor(linear)(high) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert bench.predictor(trees)(low) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert bench.predictor(trees)(high) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_the_second_opinion_never_brings_back_metadata_or_comments(bench: ModuleType) -> None:
    reasons = ["byline", "comments", "after article", ""]
    page = bench.Page(
        "x", "p", "a", ["a", "b", "c", "d"], "", [True] * 3 + [False], reasons, [], [0] * 4, [1] * 4
    )
    assert bench._readmit(0.5)(page, [0.9, 0.9, 0.9, 0.1]) == [False, False, True, True]
