"""What a reply's first line asks for, read alone (the real replies are in test_inbound_replies)."""

import pytest

from mail.reply_intent import Intent, intent_of


@pytest.mark.parametrize(
    ("text", "subject", "kind", "index"),
    [
        ("STOP", "", Intent.STOP, None),
        ("  Stop.  \nmerci", "", Intent.STOP, None),
        ("Désinscription", "", Intent.STOP, None),
        ("", "Re: STOP", Intent.STOP, None),  # the mailto: link's subject, empty body
        ("FAIT", "", Intent.DECLARED, None),
        ("fait 87", "", Intent.DECLARED, 87),
        ("FAIT : 87/100", "", Intent.DECLARED, 87),
        ("DÉCLARÉ", "", Intent.DECLARED, None),
        ("Déjà déclaré 100", "", Intent.DECLARED, 100),
        ("déjà déclaré!", "", Intent.DECLARED, None),
        ("FAIT 187", "", Intent.OTHER, None),  # not an index
        ("Stop ou encore ?", "", Intent.OTHER, None),  # not alone on its line
        ("Ce n'est pas fait", "", Intent.OTHER, None),
        ("Bonjour\nSTOP", "", Intent.OTHER, None),  # only the first line counts
    ],
)
def test_first_line_intent(text, subject, kind, index):
    assert intent_of(text, subject) == Intent(kind, index)
