"""The app's own settings file: round trip, bad files, atomic writes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.paths import default_state_path, settings_path
from reader.core.settings import MAX_POSITIONS, SCHEMA, Settings, load_settings, save_settings


def test_lives_beside_the_state_file() -> None:
    assert settings_path().parent == default_state_path().parent
    assert settings_path().name == "settings.json"


def test_missing_file_is_the_defaults_silently(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == (Settings(), None)
    assert not (tmp_path / "settings.json").exists()


def test_round_trip_with_a_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    save_settings(path, Settings(theme="nord"))
    assert json.loads(path.read_text(encoding="utf-8")) == {"schema": SCHEMA, "theme": "nord"}
    assert load_settings(path) == (Settings(theme="nord"), None)
    save_settings(path, Settings())
    assert load_settings(path) == (Settings(), None)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


def test_keys_of_other_versions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema": 1, "theme": "nord", "sort": "oldest"}', encoding="utf-8")
    settings, notice = load_settings(path)
    assert notice is None and settings.theme == "nord"
    save_settings(path, settings.changed(theme="dracula"))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["sort"] == "oldest" and data["theme"] == "dracula"


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"theme": "nord"}',
        b'{"schema": "1", "theme": "nord"}',
        b'{"schema": true}',
        b"",
    ],
)
def test_a_bad_file_gives_the_defaults_and_one_line_and_is_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    settings, notice = load_settings(path)
    assert settings == Settings()
    assert notice is not None and "\n" not in notice and str(path) in notice
    assert path.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_a_bad_theme_value_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema": 1, "theme": 5}', encoding="utf-8")
    settings, notice = load_settings(path)
    assert settings.theme is None and notice is not None


def test_an_unreadable_file_is_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    settings, notice = load_settings(path)
    assert settings == Settings() and notice is not None
    with pytest.raises(OSError):
        save_settings(path, Settings(theme="nord"))


@given(st.one_of(st.none(), st.text(min_size=1, max_size=30)))
def test_any_theme_name_round_trips(theme: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        save_settings(path, Settings(theme=theme))
        assert load_settings(path) == (Settings(theme=theme), None)


def test_a_newer_settings_file_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema": 9, "theme": "nord", "layout": "wide"}', encoding="utf-8")
    before = path.read_bytes()
    settings, notice = load_settings(path)
    assert settings.theme == "nord" and notice is None
    with pytest.raises(OSError, match="newer reader"):
        save_settings(path, settings.changed(theme="gruvbox"))
    assert path.read_bytes() == before


def test_a_fifo_at_the_settings_path_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    settings, notice = load_settings(path)  # must not block
    assert settings == Settings() and notice and "regular file" in notice


def test_choices_round_trip_and_bad_fields_are_dropped_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(theme="nord", list_width=48, sort="oldest").with_position("a1", 0.5)
    save_settings(path, settings)
    loaded, notice = load_settings(path)
    assert notice is None and loaded == settings
    data = json.loads(path.read_text(encoding="utf-8"))
    data["list_width"], data["positions"] = "wide", {"a1": 7}
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded, notice = load_settings(path)
    assert loaded.theme == "nord" and loaded.sort == "oldest"
    assert loaded.list_width is None and loaded.positions == {}
    assert notice and "list_width" in notice and "positions" in notice


def test_only_the_most_recent_positions_are_kept() -> None:
    settings = Settings()
    for n in range(MAX_POSITIONS + 5):
        settings = settings.with_position(f"a{n}", 0.25)
    settings = settings.with_position("a10", 2.0)  # read again: most recent, clamped
    assert len(settings.positions) == MAX_POSITIONS
    assert "a0" not in settings.positions and list(settings.positions)[-1] == "a10"
    assert settings.positions["a10"] == 1.0
