"""The Textual layer: app, widgets, screens and stylesheet over `reader.core`."""
