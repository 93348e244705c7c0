"""Measure a small learned model over the cleaner's block signals against its rules.

Issue 9, point 3: "a small learned model over block features, trained on dev + dev2
and shipped as data with no heavy runtime dependency, is one route worth measuring
against rules". This bench measures it, out of sample, and writes nothing into the
package: a model ships only once it wins here (see docs/PERFORMANCE.md, "The learned
model route").

    python bench/train_cleaner.py [--corpora DIR] [--model lr|trees|both] [--export FILE]

It needs the training extra (numpy and scikit-learn; never a runtime dependency):
`pip install -e '.[train]'`, in the project's venv or a separate one.

Labels. Each page's text dump is cleaned by `clean_text` as `bench/cleaning.py` does,
one block per line. Its lines' tokens (score.py's: lower-cased `\\w+`) are aligned with
the truth's by `difflib.SequenceMatcher` (autojunk off; the matching blocks of the
longest common runs, in order); a line is article text when at least half its tokens
are matched. A line weighs its tokens over the page's matched tokens in training, so
each page counts alike, as in the page-mean F1.

Features (`FEATURE_NAMES`): the cleaner's own signals of each line and of its
neighbours (`clean_signals.BlockInfo`: size, stopword share, sentence ends, section
and footer words, dates, list marks, repeats on the page), the rules' score and
keep/hide decision and reason, its position, the run of hidden or kept lines it is
in, and how much of the page's prose the rules kept. Shapes and the project's own
word lists only: no word, n-gram or string of a corpus page (that would key rules on
the corpora), and nothing tied to one language.

Measures. The model is fitted on the dev + dev2 pages of one half (`--split` of
bench/cleaning.py: the page name's hash) and scored on the other half, then the
reverse; dev3 (other languages and sites) is never trained on. Each decision is
scored as bench/cleaning.py scores the cleaner (score.py's page-mean token F1,
accuracy = share of pages with F1 >= 0.9, R<.5 = pages keeping less than half their
article), for:

    rules            the cleaner as it is
    model            the model alone: keep a line when p >= 0.5
    readmit .5/.8    recall-first second opinion: a line the rules hid comes back
                     when p >= the threshold (never a byline, dateline, date line,
                     repeated title or comment: those are shown elsewhere or hidden
                     by design)
    hide .1          a line the rules kept is hidden when p < 0.1
    unsure .5        the model decides the whole page where the rules kept less than
                     half the page's prose-like weight (where they are least sure)

A decision "wins" when its page-mean F1 over dev + dev2 beats the rules' on both
held-out halves and dev3 loses nothing; the last column says so.

Cost. The features and the model's inference run in pure Python here, as they would
in the package (linear model: a dot product; trees: one walk per tree): the report
gives the median ms a page for both over all pages (the cleaner's budget is 2 ms a
page in all, the model's 0.3).

--export FILE fits the chosen model (`lr` or `trees`) on all of dev + dev2 and writes
it as JSON (feature names, weights or trees): numbers only, no corpus text.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import math
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaning import DEFAULT_CORPORA, LOW_RECALL, page_title, split_half

from reader.core.clean import REPEATED_COPY, clean_text
from reader.core.clean_region import PageView, page_uses_stopwords, score_blocks
from reader.core.clean_signals import block_key

TRAIN_SPLITS = ("dev", "dev2")
HELD_OUT = "dev3"
TOKEN_RE = re.compile(r"\w+")
# A line is article text when at least this share of its tokens align with the truth.
BODY_SHARE = 0.5
# The rules' reasons, one feature each (the project's own labels, not corpus text).
REASONS = (
    "navigation",
    "after article",
    "before article",
    "teaser list",
    "related-links list",
    "inline box",
    "photo caption",
    "comments",
    "section heading",
    "footer",
    "date line",
    "related link",
    "link list",
    "teaser",
    "about the author",
    "byline",
    "repeated title",
    REPEATED_COPY,
)
# Hidden lines a second opinion never brings back: metadata shown in the header, the
# page's title, and readers' comments (hidden by design, shown by `b`).
PROTECTED = frozenset({"byline", "dateline", "date line", "repeated title", "comments"})
# Scores are clipped to +-CLIP after dividing by SCORE_SCALE (a long paragraph scores 100+).
SCORE_SCALE = 5.0
CLIP = 5.0
NEIGHBOURS = (-2, -1, 1, 2)
BLOCK_NAMES = ("log_weight", "terminal", "score", "hidden")
FEATURE_NAMES = (
    "log_words",
    "log_weight",
    "stop_share",
    "cjk",
    "terminal",
    "clauses",
    "section",
    "comment",
    "footer",
    "hard",
    "text_value",
    "page_uses_stopwords",
    "dated",
    "date_line",
    "kind",
    "listed",
    "bullet",
    "quantity",
    "repeated_on_page",
    "shape_repeated",
    "score",
    "hidden",
    "position",
    "log_distance_to_kept",
    "inside_kept_span",
    "page_kept_share",
    "page_kept_over_prose",
    "log_page_blocks",
    "weight_over_page_max",
    "upper_share",
    "digit_share",
    "ends_colon",
    "markdown_link",
    "pipes",
    "log_run_blocks",
    "log_run_weight",
    "run_prose_share",
    "run_stop_share",
    "run_over_kept",
    "run_prose_over_kept",
    "run_at_end",
    "run_at_start",
    *(f"{name}{d:+d}" for d in NEIGHBOURS for name in BLOCK_NAMES),
    *(f"reason={r}" for r in REASONS),
)
# A line of this many words or more that ends like a sentence is prose-like.
PROSE_WORDS = 8


# --------------------------------------------------------------------------
# labels and features


def line_labels(blocks: Sequence[str], truth: str) -> tuple[list[int], list[int]]:
    """(matched tokens, tokens) of each line: its tokens that the alignment of the
    page's token sequence with the truth's puts in a common run."""
    tokens: list[str] = []
    owner: list[int] = []
    counts = []
    for i, block in enumerate(blocks):
        words = TOKEN_RE.findall(block.lower())
        tokens += words
        owner += [i] * len(words)
        counts.append(len(words))
    matcher = difflib.SequenceMatcher(None, tokens, TOKEN_RE.findall(truth.lower()), autojunk=False)
    matched = [0] * len(blocks)
    for a, _, size in matcher.get_matching_blocks():
        for k in range(a, a + size):
            matched[owner[k]] += 1
    return matched, counts


def is_body(matched: int, tokens: int) -> bool:
    return tokens > 0 and matched >= BODY_SHARE * tokens


@dataclass
class _Runs:
    """Maximal runs of lines the rules all hid or all kept: each line's run bounds
    and each run's weight, prose weight and stopword weight (keyed by its start)."""

    lo: list[int]
    hi: list[int]
    weight: dict[int, float] = field(default_factory=dict)
    prose: dict[int, float] = field(default_factory=dict)
    stop: dict[int, float] = field(default_factory=dict)


def _runs(page: PageView, hidden: Sequence[bool]) -> _Runs:
    n = len(hidden)
    runs = _Runs([0] * n, [0] * n)
    k = 0
    while k < n:
        j = k
        while j + 1 < n and hidden[j + 1] == hidden[k]:
            j += 1
        for m in range(k, j + 1):
            runs.lo[m], runs.hi[m] = k, j
            info = page.infos[m]
            runs.weight[k] = runs.weight.get(k, 0.0) + info.weight
            runs.prose[k] = runs.prose.get(k, 0.0) + (info.weight if _prose(page, m) else 0.0)
            runs.stop[k] = runs.stop.get(k, 0.0) + info.stop * info.weight
        k = j + 1
    return runs


def _prose(page: PageView, i: int) -> bool:
    info = page.infos[i]
    return info.terminal and (info.words >= PROSE_WORDS or info.cjk)


def _clip(score: float) -> float:
    return max(-CLIP, min(CLIP, score / SCORE_SCALE))


def page_features(
    page: PageView, scores: Sequence[float], hidden: Sequence[bool], reasons: Sequence[str]
) -> list[list[float]]:
    """One row of FEATURE_NAMES per line of the page."""
    infos = page.infos
    n = len(infos)
    total = sum(info.weight for info in infos) or 1.0
    kept = sum(info.weight for info, h in zip(infos, hidden, strict=True) if not h)
    prose = sum(info.weight for i, info in enumerate(infos) if _prose(page, i)) or 1.0
    biggest = max((info.weight for info in infos), default=1.0) or 1.0
    use_stop = page_uses_stopwords(infos)
    kept_at = [i for i in range(n) if not hidden[i]]
    first, last = (kept_at[0], kept_at[-1]) if kept_at else (n, -1)
    left, right = [-1] * n, [n] * n
    seen = -1
    for i in range(n):
        seen = i if not hidden[i] else seen
        left[i] = seen
    seen = n
    for i in range(n - 1, -1, -1):
        seen = i if not hidden[i] else seen
        right[i] = seen
    runs = _runs(page, hidden)
    page_row = [kept / total, kept / prose, math.log1p(n)]
    kept = kept or 1.0

    def neighbour(k: int) -> list[float]:
        if not 0 <= k < n:
            return [0.0, 0.0, 0.0, 1.0]
        return [
            math.log1p(infos[k].weight),
            float(infos[k].terminal),
            _clip(scores[k]),
            float(hidden[k]),
        ]

    rows = []
    for i, info in enumerate(infos):
        text = page.texts[i]
        letters = sum(map(str.isalpha, text)) or 1
        distance = min(i - left[i] if left[i] >= 0 else n, right[i] - i if right[i] < n else n)
        start = runs.lo[i]
        run_weight = runs.weight[start] or 1.0
        row = [
            math.log1p(info.words),
            math.log1p(info.weight),
            info.stop,
            float(info.cjk),
            float(info.terminal),
            float(info.clauses),
            float(info.section),
            float(info.comment),
            float(info.footer),
            float(bool(info.hard)),
            _clip((info.value if use_stop else info.plain_value) / 2),
            float(use_stop),
            float(info.dated),
            float(info.date_line),
            float(bool(info.kind)),
            float(info.listed),
            float(bool(info.bullet)),
            float(info.quantity),
            float(page.counts[info.key] > 1),
            float(bool(info.shape) and page.shapes[info.shape] >= 3),
            _clip(scores[i]),
            float(hidden[i]),
            i / max(1, n - 1),
            math.log1p(distance),
            float(first <= i <= last),
            *page_row,
            info.weight / biggest,
            sum(map(str.isupper, text)) / letters,
            sum(map(str.isdigit, text)) / max(1, len(text)),
            float(text.rstrip().endswith(":")),
            float("](" in text),
            float("|" in text),
            math.log1p(runs.hi[i] - start + 1),
            math.log1p(run_weight),
            runs.prose[start] / run_weight,
            runs.stop[start] / run_weight,
            run_weight / kept,
            runs.prose[start] / kept,
            float(runs.hi[i] == n - 1),
            float(start == 0),
        ]
        for d in NEIGHBOURS:
            row += neighbour(i + d)
        row += [float(reasons[i] == r) for r in REASONS]
        rows.append(row)
    return rows


@dataclass
class Page:
    """One corpus page: its lines, the rules' decision, features and labels."""

    corpus: str
    name: str
    half: str
    blocks: list[str]
    truth: str
    hidden: list[bool]
    reasons: list[str]
    rows: list[list[float]]
    matched: list[int]
    tokens: list[int]
    # ms a page spent in `page_features` (pure Python; the view and scores are the
    # cleaner's, already there in `clean_blocks`)
    feature_ms: float = 0.0

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.name}"

    def labels(self) -> list[int]:
        return [int(is_body(m, t)) for m, t in zip(self.matched, self.tokens, strict=True)]

    def weights(self) -> list[float]:
        """Each line's tokens over the page's matched tokens: pages count alike."""
        total = max(1, sum(self.matched))
        return [max(1, t) / total for t in self.tokens]


def load_pages(score: ModuleType, corpora: Path, corpus: str) -> list[Page]:
    """Clean, featurise and label every page of one corpus split."""
    pages = []
    for doc in score.load_corpus(str(corpora / corpus)):
        header, rest = score.read_article_body(doc["path"])
        title = page_title(header)
        result = clean_text(rest, title)
        blocks = [b.text for b in result.blocks]
        hidden = [b.hidden for b in result.blocks]
        reasons = [b.reason for b in result.blocks]
        # the same view and scores `clean_blocks` worked with (no feed, no user rules)
        page = PageView.build(blocks, block_key(title or ""))
        scores = score_blocks(page)
        t0 = time.perf_counter()
        rows = page_features(page, scores, hidden, reasons)
        spent = 1000 * (time.perf_counter() - t0)
        matched, tokens = line_labels(blocks, doc["truth"])
        pages.append(
            Page(
                corpus,
                doc["name"],
                split_half(doc["name"]),
                blocks,
                doc["truth"],
                hidden,
                reasons,
                rows,
                matched,
                tokens,
                spent,
            )
        )
    return pages


# --------------------------------------------------------------------------
# models (scikit-learn to fit; pure Python to predict, as a shipped model would)

Predict = Callable[[Sequence[float]], float]


def fit(kind: str, pages: Sequence[Page]) -> dict[str, Any]:
    """Fit a `kind` model ("lr" or "trees") on the pages' lines; returned as the JSON
    data a package would ship."""
    import numpy as np  # the training extra: imported only to fit
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.array([row for p in pages for row in p.rows])
    y = np.array([label for p in pages for label in p.labels()])
    w = 100 * np.array([weight for p in pages for weight in p.weights()])
    if kind == "lr":
        scaler = StandardScaler().fit(x)
        lr = LogisticRegression(C=1.0, max_iter=3000).fit(scaler.transform(x), y, sample_weight=w)
        # the scaling folded into the weights: p = sigmoid(bias + sum(w_i * x_i))
        coef = lr.coef_[0] / scaler.scale_
        bias = float(lr.intercept_[0] - (coef * scaler.mean_).sum())
        return {"kind": kind, "features": FEATURE_NAMES, "bias": bias, "weights": coef.tolist()}
    gb = GradientBoostingClassifier(
        n_estimators=60, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=0
    ).fit(x, y, sample_weight=w)
    prior = float(np.log(gb.init_.class_prior_[1] / gb.init_.class_prior_[0]))
    trees = []
    for (estimator,) in gb.estimators_:
        t = estimator.tree_
        trees.append(
            {
                "feature": t.feature.tolist(),
                "threshold": [_float32_cut(v) for v in t.threshold],
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "value": [float(v) * gb.learning_rate for v in t.value[:, 0, 0]],
            }
        )
    return {"kind": kind, "features": FEATURE_NAMES, "bias": prior, "trees": trees}


def _float32_cut(threshold: float) -> float:
    """The float64 cut that splits rows as scikit-learn's tree splits them: it casts
    each row to float32 first, so `x <= threshold` there is `float32(x) <= threshold`,
    which for a float64 x is `x <= cut` with the cut at the midpoint between the
    largest float32 up to the threshold and the next float32 (or just under it, when a
    tie there rounds up)."""
    import numpy as np

    low = np.float32(threshold)
    if float(low) > threshold:
        low = np.nextafter(low, np.float32(-np.inf))
    mid = (float(low) + float(np.nextafter(low, np.float32(np.inf)))) / 2
    return mid if np.float32(mid) == low else float(np.nextafter(mid, -np.inf))


def predictor(model: dict[str, Any]) -> Predict:
    """The model's probability that a line is article text, in pure Python."""
    bias = model["bias"]
    if model["kind"] == "lr":
        weights = model["weights"]

        def linear(row: Sequence[float]) -> float:
            return _sigmoid(bias + sum(w * x for w, x in zip(weights, row, strict=True)))

        return linear
    trees = model["trees"]

    def boosted(row: Sequence[float]) -> float:
        total = bias
        for t in trees:
            node = 0
            left = t["left"]
            while left[node] >= 0:
                node = (
                    left[node]
                    if row[t["feature"][node]] <= t["threshold"][node]
                    else t["right"][node]
                )
            total += t["value"][node]
        return _sigmoid(total)

    return boosted


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


# --------------------------------------------------------------------------
# decisions and scores

Decide = Callable[[Page, Sequence[float]], list[bool]]


def _rules(page: Page, p: Sequence[float]) -> list[bool]:
    return [not h for h in page.hidden]


def _model(page: Page, p: Sequence[float]) -> list[bool]:
    return [q >= 0.5 for q in p]


def _readmit(threshold: float) -> Decide:
    def decide(page: Page, p: Sequence[float]) -> list[bool]:
        return [
            not h or (q >= threshold and r not in PROTECTED)
            for h, q, r in zip(page.hidden, p, page.reasons, strict=True)
        ]

    return decide


def _hide(page: Page, p: Sequence[float]) -> list[bool]:
    return [not h and q >= 0.1 for h, q in zip(page.hidden, p, strict=True)]


def _unsure(page: Page, p: Sequence[float]) -> list[bool]:
    kept_over_prose = page.rows[0][FEATURE_NAMES.index("page_kept_over_prose")]
    return _model(page, p) if kept_over_prose < 0.5 else _rules(page, p)


DECISIONS: dict[str, Decide] = {
    "rules": _rules,
    "model": _model,
    "readmit .5": _readmit(0.5),
    "readmit .8": _readmit(0.8),
    "hide .1": _hide,
    "unsure .5": _unsure,
}


@dataclass
class Figure:
    """Page-mean token F1, accuracy and pages with recall < 0.5 of some pages."""

    f1: float
    accuracy: float
    low: int
    docs: int

    def __str__(self) -> str:
        return f"{self.f1:.4f} {self.accuracy:.3f} {self.low:>3}"


def figure(score: ModuleType, pages: Sequence[Page], keeps: Sequence[list[bool]]) -> Figure:
    """Scored as bench/cleaning.py scores the cleaner: score.py's token_prf of the kept
    lines joined by newlines, its mean and accuracy as score.summarize takes them."""
    rows = [
        score.token_prf(
            page.truth, "\n".join(b for b, k in zip(page.blocks, keep, strict=True) if k)
        )
        for page, keep in zip(pages, keeps, strict=True)
    ]
    return Figure(
        statistics.mean(r["f1"] for r in rows),
        sum(1 for r in rows if r["f1"] >= score.ACCURACY_F1) / len(rows),
        sum(1 for r in rows if r["recall"] < LOW_RECALL),
        len(rows),
    )


def evaluate(
    score: ModuleType, kind: str, pages: Sequence[Page]
) -> tuple[list[str], dict[str, bool], float]:
    """Report lines of one model kind (both directions), whether each decision wins,
    and the median ms a page of the model's pure-Python inference."""
    lines: list[str] = []
    wins = {name: True for name in DECISIONS}
    held_out = [p for p in pages if p.corpus == HELD_OUT]
    rules_dev3 = figure(score, held_out, [_rules(p, []) for p in held_out]).f1
    infer_ms: list[float] = []
    for half in ("a", "b"):
        other = "b" if half == "a" else "a"
        train = [p for p in pages if p.corpus in TRAIN_SPLITS and p.half == half]
        test = [p for p in pages if p.corpus in TRAIN_SPLITS and p.half == other]
        predict = predictor(fit(kind, train))
        probs: dict[str, list[float]] = {}
        for p in pages:
            t0 = time.perf_counter()
            probs[p.key] = [predict(row) for row in p.rows]
            infer_ms.append(1000 * (time.perf_counter() - t0))
        lines.append(f"{kind}: trained on dev+dev2 half {half}, scored on half {other} and dev3")
        lines.append(
            f"  {'decision':<11} {'dev F1 acc R<.5':>17} {'dev2 F1 acc R<.5':>18} "
            f"{'dev3 F1 acc R<.5':>18} {'in-sample dev2':>18}  wins"
        )
        base = None
        for name, decide in DECISIONS.items():
            cells = []
            for corpus in (*TRAIN_SPLITS, HELD_OUT):
                group = [p for p in test + held_out if p.corpus == corpus]
                cells.append(figure(score, group, [decide(p, probs[p.key]) for p in group]))
            both = test
            pooled = figure(score, both, [decide(p, probs[p.key]) for p in both]).f1
            fitted = [p for p in train if p.corpus == "dev2"]
            seen = figure(score, fitted, [decide(p, probs[p.key]) for p in fitted])
            if base is None:
                base = pooled
            win = pooled > base and cells[2].f1 >= rules_dev3
            wins[name] = wins[name] and win and name != "rules"
            lines.append(
                f"  {name:<11} {cells[0]!s:>17} {cells[1]!s:>18} {cells[2]!s:>18} "
                f"{seen!s:>18}  {'yes' if win and name != 'rules' else '-'}"
            )
    return lines, wins, statistics.median(infer_ms)


def load_score_module(corpora: Path) -> ModuleType:
    if not (corpora / "score.py").is_file():
        raise SystemExit(f"error: no score.py in corpora folder {corpora}")
    sys.path.insert(0, str(corpora.resolve()))
    return importlib.import_module("score")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, metavar="DIR")
    ap.add_argument("--model", choices=("lr", "trees", "both"), default="both")
    ap.add_argument(
        "--export", type=Path, metavar="FILE", help="fit on all of dev + dev2, write JSON"
    )
    args = ap.parse_args(argv)
    score = load_score_module(args.corpora)
    t0 = time.perf_counter()
    pages = [p for c in (*TRAIN_SPLITS, HELD_OUT) for p in load_pages(score, args.corpora, c)]
    print(f"{len(pages)} pages labelled and featurised in {time.perf_counter() - t0:.0f} s")
    print(f"features: {statistics.median(p.feature_ms for p in pages):.3f} ms a page (median)")
    if args.export:
        kind = "trees" if args.model == "trees" else "lr"
        model = fit(kind, [p for p in pages if p.corpus in TRAIN_SPLITS])
        args.export.write_text(json.dumps(model))
        print(f"wrote {kind} model fitted on dev + dev2 to {args.export}")
        return 0
    kinds = ("lr", "trees") if args.model == "both" else (args.model,)
    print("cells: page-mean token F1, accuracy (F1 >= 0.9), pages with recall < 0.5")
    for kind in kinds:
        lines, wins, ms = evaluate(score, kind, pages)
        print("\n".join(lines))
        print(f"  {kind} inference: {ms:.3f} ms a page (median, pure Python, features aside)")
        won = [name for name, w in wins.items() if w]
        print(f"  wins out of sample both ways: {', '.join(won) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
