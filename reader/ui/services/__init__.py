"""The app's services: each owns one kind of background work and its state, and
reports back to the app with Textual messages (posted from any thread).

* `library` -- the library session: cache, scan, watcher, cache writes;
* `opener` -- reading and cleaning the article to show;
* `search` -- the search thread and its index connection;
* `indexing` -- the indexer child process that keeps the index current;
* `marks` -- the one thread that writes read and starred marks;
* `fetching` -- fetching the subscriptions into the library (`R`).
"""

from __future__ import annotations

from textual.app import App
from textual.message import Message


def post(app: App[None], message: Message) -> bool:
    """Post `message` to `app` from any thread; False once the app has closed (its
    loop is gone), which tells a background thread to stop."""
    try:
        return app.post_message(message)
    except RuntimeError:  # the event loop is closed: the app has quit
        return False
