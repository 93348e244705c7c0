"""Textual bindings built from the core's key table (reader.core.keys)."""

from __future__ import annotations

from textual.binding import Binding

from reader.core.keys import Scope, bindings_in


def bindings(scope: Scope) -> list[Binding]:
    """The BINDINGS of the widget or screen that owns `scope`, each with its id, so that
    Textual's keymap (`App.set_keymap`) can remap it."""
    return [
        Binding(
            b.keys,
            b.action,
            b.label,
            show=b.show,
            priority=b.priority,
            id=b.id,
        )
        for b in bindings_in(scope)
    ]
