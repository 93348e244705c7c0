"""A writer's one-word exclamation closing a post ("Enjoy!", "Smacznego!") is the
post's last line (issue 9: "one-line paragraphs go as navigation"), also when a
"See also:" teaser sentence follows it. A menu's one word ends in no "!".
Every article here was written for these tests.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks

MENU = ["Kitchen Notes", "Home", "Recipes", "Baking", "About"]
END = [
    "Most read",
    "Ten soups for a cold week",
    "How to keep herbs fresh",
    "© 2025 Kitchen Notes. All rights reserved.",
]
TITLE = "Cabbage dumplings like my grandmother's"
POST = [
    "Cabbage dumplings are the dish my family always makes on Christmas Eve, and the "
    "recipe passes from one generation to the next.",
    "I knead the dough from flour, warm water and a little oil, and I make the filling "
    "a day earlier so that the flavours blend.",
]
TEASERS = {
    "Enjoy!": "See also: The best winter recipes in one place, have a look at them all now.",
    "Smacznego!": "Zobacz także: Najlepsze przepisy na zimę w jednym miejscu, sprawdź je teraz.",
}


@pytest.mark.parametrize("teaser", [True, False])
@pytest.mark.parametrize("close", list(TEASERS))
def test_a_one_word_exclamation_closing_a_post_is_kept(close: str, teaser: bool) -> None:
    after = [TEASERS[close]] if teaser else []
    result = clean_blocks([*MENU, TITLE, *POST, close, *after, *END], TITLE)
    assert result.body == [*POST, close]


def test_a_menus_one_word_after_the_post_is_still_hidden() -> None:
    result = clean_blocks([*MENU, TITLE, *POST, "Archive", *END], TITLE)
    assert result.body == POST
