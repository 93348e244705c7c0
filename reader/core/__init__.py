"""The pure core: article model, parsing, cleaning, library scan, state store.

Nothing under this package may import Textual or Rich; the CLI and the UI both sit
on top of it, and the tests exercise it without an event loop.
"""
