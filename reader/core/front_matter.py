"""YAML (and TOML) front matter of Markdown articles, read with limits: the text is
untrusted.

Kept apart from the Markdown format (`formats/markdown.py`) so that PyYAML is only imported
when a library has front matter, and only once a front matter is not simple (`_simple`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

# YAML aliases and nesting allowed in front matter: real metadata uses a handful,
# a "billion laughs" bomb needs many.
MAX_YAML_ALIASES = 32
MAX_YAML_DEPTH = 16


def __getattr__(name: str) -> Any:
    """PyYAML and the loaders built on it, as module attributes (`front_matter.yaml`,
    `front_matter._FrontMatterLoader`), imported at their first use."""
    if name in _YAML_PARTS:
        return _yaml_parts()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_YAML_PARTS = ("yaml", "_FrontMatterTooComplex", "_FrontMatterLoader", "_PlainFrontMatterLoader")


@functools.cache
def _yaml_parts() -> dict[str, Any]:
    """PyYAML and the loaders, made at the first front matter `_simple` cannot read:
    a library whose posts all have simple front matter never imports PyYAML (a
    tenth of a second on a cold disk, in the app's first rows and in each scan
    worker)."""
    import yaml

    class _FrontMatterTooComplex(yaml.YAMLError):
        """Front matter with more aliases or nesting than metadata needs (a YAML bomb)."""

    class _FrontMatterLoader(yaml.SafeLoader):
        """`yaml.safe_load` with limits, and invalid dates left as strings.

        safe_load shares aliased nodes, so a "billion laughs" loads small, but anything
        walking the result (str(), a tag list) would expand it: we refuse it up front.
        """

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._aliases = 0
            self._depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self._aliases += 1
                if self._aliases > MAX_YAML_ALIASES:
                    raise _FrontMatterTooComplex("too many YAML aliases")
            self._depth += 1
            try:
                if self._depth > MAX_YAML_DEPTH:
                    raise _FrontMatterTooComplex("YAML nested too deep")
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    _FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

    class _PlainFrontMatterLoader(yaml.CSafeLoader):
        """libyaml's parser for front matter that cannot hold a bomb (no anchor or alias,
        little nesting: see `_plain`), about ten times quicker than the Python parser, which
        a library scan of thousands of posts notices. Invalid dates stay strings here too."""

    _PlainFrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    return {
        "yaml": yaml,
        "_FrontMatterTooComplex": _FrontMatterTooComplex,
        "_FrontMatterLoader": _FrontMatterLoader,
        "_PlainFrontMatterLoader": _PlainFrontMatterLoader,
    }


def _timestamp(loader: Any, node: Any) -> Any:
    """`date: 2025-13-45` is an unknown date, not a crash (PyYAML raises ValueError)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def load_front_matter(raw: str) -> dict[str, Any]:
    """YAML front matter; broken or hostile YAML is treated as absent rather than fatal."""
    return load_yaml(raw)[0]


def _plain(raw: str) -> bool:
    """No anchor or alias (`&`, `*`) and nesting well under MAX_YAML_DEPTH (flow
    brackets and indentation counted), so the limits of `_FrontMatterLoader` cannot
    be reached and libyaml may read it."""
    if "&" in raw or "*" in raw or raw.count("[") + raw.count("{") >= MAX_YAML_DEPTH // 2:
        return False
    indent = max((len(line) - len(line.lstrip(" ")) for line in raw.splitlines()), default=0)
    return indent < MAX_YAML_DEPTH


def _simple(raw: str) -> dict[str, Any] | None:
    """Front matter of `key: value` lines whose values are quoted strings without
    escapes, dates (YYYY-MM-DD), plain words or a flow list of plain words: what blog
    engines and `reader fetch` write, read as YAML reads it without building a parser
    (a list row's largest cost for a Markdown post). None for anything else: YAML
    then reads it."""
    if "\t" in raw or (
        # printable but for line ends (what nearly all is): printable to PyYAML too
        not raw.replace("\n", "").isprintable() and _NON_PRINTABLE.search(raw)
    ):
        return None
    data: dict[str, Any] = {}
    for line in raw.splitlines():
        if not line or line.isspace():  # `not line.strip()`, without a copy
            continue
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None:
            return None
        key, value = m.groups()
        value = value.rstrip()
        if key in data or key.lower() in _YAML_WORDS:
            return None
        if _quoted(value):
            data[key] = value[1:-1]
        elif _iso_date(value):
            try:
                data[key] = dt.date.fromisoformat(value)
            except ValueError:
                data[key] = value  # as `_timestamp`: an impossible date stays a string
        elif value.startswith("[") and value.endswith("]"):
            items = [item.strip() for item in value[1:-1].split(",")]
            if not all(_plain_word(item) for item in items):
                return None
            data[key] = items
        elif _plain_word(value):
            data[key] = value
        else:
            return None
    return data or None


_SIMPLE_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_]*): +(\S.*)")
_QUOTED = re.compile(r""""[^"\\]*"|'[^']*'""")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# words YAML reads as booleans or null, not strings
_YAML_WORDS = frozenset(["yes", "no", "true", "false", "on", "off", "null", "y", "n"])
# what PyYAML refuses to read (its reader's NON_PRINTABLE)
_NON_PRINTABLE = re.compile(
    r"[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _quoted(value: str) -> bool:
    """`_QUOTED.fullmatch(value)`, by string methods: a regex call costs more than
    a line of front matter's other checks together."""
    quote = value[:1]
    if quote == '"':
        inner = value[1:-1]
        return len(value) > 1 and value[-1] == '"' and '"' not in inner and "\\" not in inner
    return quote == "'" and len(value) > 1 and value[-1] == "'" and "'" not in value[1:-1]


def _iso_date(value: str) -> bool:
    """`_ISO_DATE.fullmatch(value)` (`\\d`: any decimal digit, as `str.isdecimal`)."""
    return (
        len(value) == 10
        and value[4] == "-"
        and value[7] == "-"
        and value[:4].isdecimal()
        and value[5:7].isdecimal()
        and value[8:].isdecimal()
    )


def _plain_word(text: str) -> bool:
    """A plain YAML scalar that reads as the string it is: letters first, then only
    letters, digits, spaces, hyphens, dots and apostrophes (no comment, colon,
    anchor, tag or bracket), and not a YAML boolean or null."""
    return bool(_PLAIN.fullmatch(text)) and text.lower() not in _YAML_WORDS


_PLAIN = re.compile(r"[^\W\d_][\w .'’-]*", re.UNICODE)


def load_yaml(raw: str) -> tuple[dict[str, Any], str | None]:
    """YAML front matter and, when it cannot be used, why (it is then treated as absent)."""
    if (simple := _simple(raw)) is not None:
        return simple, None
    parts = _yaml_parts()
    try:  # any failure on an untrusted YAML text means: no metadata
        plain = _plain(raw) and parts["yaml"].__with_libyaml__
        loader = parts["_PlainFrontMatterLoader" if plain else "_FrontMatterLoader"](raw)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except parts["_FrontMatterTooComplex"]:
        return {}, "front matter ignored: too many YAML aliases or levels"
    except Exception:
        return {}, "front matter ignored: not valid YAML"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, "front matter ignored: not a list of keys and values"
    return data, None


def load_toml(raw: str) -> tuple[dict[str, Any], str | None]:
    """TOML front matter (Hugo's `+++`) and, when it cannot be used, why."""
    import tomllib

    try:
        return tomllib.loads(raw), None
    except Exception:  # TOMLDecodeError, or RecursionError for hostile nesting
        return {}, "front matter ignored: not valid TOML"
