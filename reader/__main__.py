"""`python -m reader` runs the same entry point as the `reader` console script."""

from reader.cli import main

if __name__ == "__main__":  # guarded: the search indexer's spawned child imports this module
    raise SystemExit(main())
