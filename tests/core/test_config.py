"""The optional config file: library path, per-feed cleaning rules, keys and theme."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.config import Config, ConfigError, load_config


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


def test_keys_and_theme(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "nord"\n[keys]\nreader.next_unread = "N,ctrl+right"\n"list.first" = "ctrl+a"\n'
        '[keys.pane]\ntop = "t"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.theme == "nord"
    assert config.keys == {
        "reader.next_unread": "N,ctrl+right",
        "list.first": "ctrl+a",
        "pane.top": "t",
    }
    assert config.notices == ()


def test_bad_keys_are_notices_and_the_rest_still_applies(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'library = "~/news"\ntheme = 7\n[rules."*"]\nhide = ["^Ad"]\n'
        '[keys]\nreader.nope = "x"\nreader.quit = "ctrl+nope"\nreader.help = "f1"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.library == Path("~/news").expanduser()
    assert config.rules_for("any") is not None
    assert config.keys == {"reader.help": "f1"}
    assert config.theme is None
    assert len(config.notices) == 3
    assert any("reader.nope" in n for n in config.notices)
    assert any("ctrl+nope" in n for n in config.notices)
    assert any("theme" in n for n in config.notices)


def test_keys_must_be_a_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('keys = "x"\n', encoding="utf-8")
    config = load_config(path)
    assert config.keys == {}
    assert len(config.notices) == 1 and "[keys]" in config.notices[0]


@given(
    st.dictionaries(
        st.sampled_from(["reader.quit", "list.first", "pane.top", "reader.x", "a b"]),
        st.text(alphabet="abcXYZ?/!+,- ctrl", max_size=10),
        max_size=5,
    ),
    st.one_of(st.none(), st.text(alphabet="abc-", max_size=8)),
)
def test_any_keys_table_loads(keys: dict[str, str], theme: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        lines = [f"theme = {json.dumps(theme)}"] if theme is not None else []
        lines += ["[keys]", *(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in keys.items())]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        config = load_config(path)
    assert set(config.keys) <= set(keys)
    assert len(config.keys) + len(config.notices) >= len(keys)
    assert config.theme == (theme or None)


@pytest.mark.parametrize(
    ("text", "value", "notices"),
    [
        ("", False, 0),
        ("[reading]\nmark_read_at_end = true\n", True, 0),
        ("[reading]\nmark_read_at_end = false\n", False, 0),
        ('[reading]\nmark_read_at_end = "yes"\n', False, 1),
        ("[reading]\nmark_read_at_end = 1\n", False, 1),
        ("[reading]\nread_after = 3\n", False, 0),  # other keys are read elsewhere
    ],
)
def test_mark_read_at_end(tmp_path: Path, text: str, value: bool, notices: int) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text or 'theme = "nord"\n', encoding="utf-8")
    config = load_config(path)
    assert config.mark_read_at_end is value
    assert len(config.notices) == notices
    if notices:
        assert "mark_read_at_end must be true or false" in config.notices[0]


def test_reading_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[reading]\nread_after = 2\nmark_read = "open"\n', encoding="utf-8")
    config = load_config(path)
    assert (config.read_after, config.mark_read, config.notices) == (2.0, "open", ())
    assert (load_config(tmp_path / "none.toml").read_after, Config().mark_read) == (1.0, "delay")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("read_after = -1", "read_after must be a number of seconds"),
        ('read_after = "soon"', "read_after must be a number of seconds"),
        ("read_after = true", "read_after must be a number of seconds"),
        ("read_after = nan", "read_after must be a number of seconds"),
        ("read_after = 1e9", "read_after must be a number of seconds"),
        ('mark_read = "never"', 'mark_read must be "delay" or "open"'),
        ("mark_read = 1", 'mark_read must be "delay" or "open"'),
        ("read_afer = 2", "[reading] has no setting 'read_afer'"),
    ],
)
def test_bad_reading_settings_are_notices_and_keep_the_defaults(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'theme = "nord"\n[reading]\n{text}\n', encoding="utf-8")
    config = load_config(path)
    assert (config.read_after, config.mark_read) == (1.0, "delay")
    assert len(config.notices) == 1 and said in config.notices[0]
    assert config.theme == "nord"  # the rest of the file still applies


def test_a_reading_value_that_is_no_table_is_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("reading = 3\n", encoding="utf-8")
    config = load_config(path)
    assert config.read_after == 1.0 and "[reading] must be a table" in config.notices[0]


@given(st.one_of(st.floats(allow_nan=True), st.integers(), st.text(max_size=5), st.booleans()))
def test_any_read_after_is_either_used_or_a_notice(value: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_text(f"[reading]\nread_after = {json.dumps(value)}\n", encoding="utf-8")
        try:
            config = load_config(path)
        except ConfigError:
            return  # not TOML (json.dumps(nan) is NaN): a broken file, said as an error
        assert 0 <= config.read_after <= 3600
        assert (config.read_after == value) or (config.read_after == 1.0 and config.notices)
