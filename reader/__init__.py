"""reader: a terminal reader for local news article files.

Kept import-light on purpose: `import reader` must not pull in Textual, so the CLI
commands that never open the UI (`reader list`, `reader clean`) start fast.
"""

__version__ = "0.1.0"
