"""`python -m reader` runs the same entry point as the `reader` console script."""

from reader.cli import main

raise SystemExit(main())
