"""Article lines after the chosen body (issue 9, "after the body").

Each page is made up for the test in the shape of a real scraped page: the
article's closing part stands after what the cleaner first took for the body,
and the site's furniture after that. Each test fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks
from tests.core.test_clean_recall import ARTICLE, FOOTER, MENU, TEASERS, TITLE

SHARE = ["Share this article", "Facebook", "Twitter", "Email"]
RELATED = ["Related stories", *TEASERS]


def test_the_writers_e_mail_address_does_not_carry_the_body_on() -> None:
    # an address in lower case read as a line carrying on the text's last sentence,
    # and the site's offer under it came in as the article's last sentence
    email = "ann.lee@islandcourier.example"
    offer = "Subscribe to the Courier today!"
    page = [*MENU, TITLE, *ARTICLE, email, offer, *SHARE, *RELATED, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert result.blocks[page.index(offer)].hidden
