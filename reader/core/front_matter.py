"""YAML (and TOML) front matter of Markdown articles, read with limits: the text is
untrusted.

Kept apart from the Markdown format (`formats/markdown.py`) so that PyYAML is only imported
when a library has front matter.
"""

from __future__ import annotations

from typing import Any

import yaml

# YAML aliases and nesting allowed in front matter: real metadata uses a handful,
# a "billion laughs" bomb needs many.
MAX_YAML_ALIASES = 32
MAX_YAML_DEPTH = 16


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


def _timestamp(loader: Any, node: Any) -> Any:
    """`date: 2025-13-45` is an unknown date, not a crash (PyYAML raises ValueError)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_front_matter(raw: str) -> dict[str, Any]:
    """YAML front matter; broken or hostile YAML is treated as absent rather than fatal."""
    return load_yaml(raw)[0]


class _PlainFrontMatterLoader(yaml.CSafeLoader):
    """libyaml's parser for front matter that cannot hold a bomb (no anchor or alias,
    little nesting: see `_plain`), about ten times quicker than the Python parser, which
    a library scan of thousands of posts notices. Invalid dates stay strings here too."""


_PlainFrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _plain(raw: str) -> bool:
    """No anchor or alias (`&`, `*`) and nesting well under MAX_YAML_DEPTH (flow
    brackets and indentation counted), so the limits of `_FrontMatterLoader` cannot
    be reached and libyaml may read it."""
    if "&" in raw or "*" in raw or raw.count("[") + raw.count("{") >= MAX_YAML_DEPTH // 2:
        return False
    indent = max((len(line) - len(line.lstrip(" ")) for line in raw.splitlines()), default=0)
    return indent < MAX_YAML_DEPTH


def load_yaml(raw: str) -> tuple[dict[str, Any], str | None]:
    """YAML front matter and, when it cannot be used, why (it is then treated as absent)."""
    try:  # any failure on an untrusted YAML text means: no metadata
        plain = _plain(raw) and yaml.__with_libyaml__
        loader = (_PlainFrontMatterLoader if plain else _FrontMatterLoader)(raw)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except _FrontMatterTooComplex:
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
