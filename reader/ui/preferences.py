"""The user's keys and theme: config.toml's defaults, the app's settings file, the keymap.

config.toml is the user's: its `[keys]` remaps become Textual's keymap and its `theme`
is the default theme. A theme picked in the command palette is saved to settings.json
(the app's own file, core.settings) and wins over config.toml's from then on. Nothing
here writes config.toml.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.theme import Theme

from reader.core.config import Config
from reader.core.settings import Settings, load_settings, save_settings


class Preferences:
    """Applies keys and theme to `app` at start, then saves what the user picks."""

    def __init__(self, app: App[None], config: Config, settings_file: Path) -> None:
        self.app = app
        self.config = config
        self.settings_file = settings_file
        self.settings = Settings()
        self._shown_theme = ""  # the theme on screen, so a repeat signal saves nothing
        self._save_failed = False

    def apply(self) -> None:
        """Set the keymap and the theme; say what was ignored (once, as notices)."""
        app = self.app
        if self.config.keys:
            app.set_keymap(self.config.keys)
        for notice in self.config.notices:
            self._warn(f"config.toml: {notice}")
        self.settings, problem = load_settings(self.settings_file)
        if problem:
            self._warn(problem)
        theme = self._startup_theme()
        if theme is not None:
            app.theme = theme
        self._shown_theme = app.theme
        app.theme_changed_signal.subscribe(app, self._theme_changed)

    def _startup_theme(self) -> str | None:
        """The saved choice, else config.toml's theme, if Textual has it."""
        themes = self.app.available_themes
        saved, configured = self.settings.theme, self.config.theme
        if saved is not None:
            if saved in themes:
                return saved
            self._warn(f"The saved theme {saved!r} is not available; using the default.")
        if configured is not None:
            if configured in themes:
                return configured
            self._warn(
                f"config.toml: theme {configured!r} is not a theme; ctrl+p, then Theme, "
                f"lists them (keeping {self.app.theme})."
            )
        return None

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name == self._shown_theme:
            return
        self._shown_theme = theme.name
        if theme.name == self.settings.theme:
            return
        self.update(theme=theme.name)

    def update(self, **changes: object) -> None:
        """Remember a choice made in the app (a `Settings` field = value) in the app's
        settings file; a failure to save is said once and the choice lasts the session."""
        settings = self.settings.changed(**changes)
        self.settings = settings
        try:
            save_settings(self.settings_file, settings)
        except OSError as error:
            if not self._save_failed:
                self._save_failed = True
                reason = error.strerror or str(error)
                self._warn(f"Settings could not be saved to {self.settings_file}: {reason}")
            return
        self._save_failed = False

    def _warn(self, message: str) -> None:
        self.app.notify(message, title="Settings", severity="warning", markup=False, timeout=12)
