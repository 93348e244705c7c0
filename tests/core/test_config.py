"""The optional config file: library path and per-feed cleaning rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.config import ConfigError, load_config


def test_missing_config_is_empty(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml")
    assert config.library is None
    assert config.rules_for("any") is None


def test_library_and_rules(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'library = "~/news"\n[rules."Harbour Gazette"]\nhide = ["^Advert"]\nkeep = ["^Note"]\n'
        '[rules."*"]\nhide = ["^Share on"]\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.library == Path("~/news").expanduser()
    rules = config.rules_for("Harbour Gazette")
    assert rules is not None
    assert [p.pattern for p in rules.hide] == ["^Advert", "^Share on"]
    assert [p.pattern for p in rules.keep] == ["^Note"]
    other = config.rules_for("Other")
    assert other is not None and [p.pattern for p in other.hide] == ["^Share on"]


@pytest.mark.parametrize(
    "text",
    ["library = 3\n", '[rules.x]\nhide = ["("]\n', "rules = 1\n", "not toml ===\n"],
)
def test_broken_config_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=str(path)):
        load_config(path)
