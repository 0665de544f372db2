import pytest

from mail import templates, texts

SAMPLE = {
    "siren": "552100554",
    "company_name": "Durand & Fils",
    "link": "https://assistant.test/verify/abc?x=1&y=2",
    "expiry_hours": 24,
    "added_by": "paul@durand.fr",
    "subject": "Objet",
    "body": "Premier paragraphe.\n\nSecond paragraphe.",
    "unsubscribe_url": "https://assistant.test/unsubscribe/t",
    "dashboard_url": "https://assistant.test/referents/companies/552100554",
}

REMINDER_SAMPLE = {
    "about": "index",
    "step": "j-14",
    "campaign_year": 2027,
    "year": 2026,
    "deadline": "2027-03-01",
    "days": 14,
    "since": "2027-02-10",
    "declare_url": "https://egapro.travail.gouv.fr",
    "declared_url": "https://assistant.test/declared/t",
    "official_platform_url": "https://egapro.travail.gouv.fr",
}


@pytest.mark.parametrize("language", texts.LANGUAGES)
@pytest.mark.parametrize("kind", sorted(texts.EMAILS))
def test_every_kind_renders_in_every_language(kind, language):
    assert set(texts.EMAILS[kind]) == set(texts.LANGUAGES)
    params = {name: f"valeur {name}" for name in templates.required_params(kind)} | SAMPLE
    if kind.startswith("reminder"):
        params |= REMINDER_SAMPLE
    rendered = templates.render(kind, params, language)
    assert rendered.subject and "\n" not in rendered.subject
    assert "{" not in rendered.text and "{" not in rendered.html
    assert f'<html lang="{language}">' in rendered.html
    assert texts.REPLY_HINT[language] in rendered.text


def test_verification_link_french_text_names_company_link_and_expiry():
    rendered = templates.render("verification_link", SAMPLE, "fr")
    assert rendered.subject == "Confirmez votre adresse pour Durand & Fils (SIREN 552100554)"
    assert "https://assistant.test/verify/abc?x=1&y=2" in rendered.text
    assert "valable 24 heures" in rendered.text
    assert "Confirm my address" not in rendered.text


def test_english_and_unknown_language():
    english = templates.render("verification_link", SAMPLE, "en")
    assert english.subject.startswith("Confirm your address for")
    assert english.language == "en"
    fallback = templates.render("verification_link", SAMPLE, "de")
    assert fallback.language == "fr"
    assert fallback.subject.startswith("Confirmez")


def test_company_without_name_is_named_by_siren():
    params = {k: v for k, v in SAMPLE.items() if k != "company_name"}
    rendered = templates.render("declarant_added", params, "fr")
    assert rendered.subject == "Vous êtes déclarant de l'entreprise de SIREN 552100554"


def test_params_are_escaped_in_html_but_not_in_text():
    params = dict(SAMPLE, added_by='<script>alert("x")</script>', company_name="A&B <i>")
    rendered = templates.render("declarant_added", params, "fr")
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert" in rendered.html
    assert "A&amp;B &lt;i&gt;" in rendered.html
    assert '<script>alert("x")</script>' in rendered.text
    assert "<title>Vous êtes déclarant de A&amp;B &lt;i&gt; (SIREN 552100554)</title>" in (
        rendered.html
    )


def test_link_is_an_escaped_href_and_must_be_http():
    rendered = templates.render("verification_link", SAMPLE, "fr")
    assert 'href="https://assistant.test/verify/abc?x=1&amp;y=2"' in rendered.html
    with pytest.raises(templates.TemplateError, match="http"):
        templates.render("verification_link", dict(SAMPLE, link="javascript:alert(1)"), "fr")


def test_notice_body_paragraphs_and_line_breaks():
    params = {"subject": "Info\r\nBcc: x@y", "body": "Un <b>\nDeux\n\nTrois"}
    rendered = templates.render("notice", params, "fr")
    assert rendered.subject == "Info Bcc: x@y"
    assert "<p>Un &lt;b&gt;<br>\nDeux</p>\n<p>Trois</p>" in rendered.html
    assert rendered.text.startswith("Un <b>\nDeux\n\nTrois\n\n")


def test_missing_param_and_unknown_kind_are_named():
    with pytest.raises(templates.TemplateError, match="'expiry_hours'"):
        templates.render("verification_link", {"siren": "552100554", "link": "https://x"}, "fr")
    with pytest.raises(templates.TemplateError, match="'nope'"):
        templates.render("nope", {}, "fr")


def test_required_params():
    assert templates.required_params("verification_link") == {"company", "link", "expiry_hours"}
    assert templates.required_params("notice") == {"subject", "body"}


def test_reminder_footer_only_on_reminders():
    plain = templates.render("notice", SAMPLE, "fr")
    reminder = templates.render("notice", SAMPLE, "fr", reminder=True)
    assert "STOP" not in plain.text
    assert "STOP" in reminder.text
    assert "https://assistant.test/unsubscribe/t" in reminder.text
    assert 'href="https://assistant.test/unsubscribe/t"' in reminder.html
    with pytest.raises(templates.TemplateError, match="unsubscribe_url"):
        templates.render("notice", {"subject": "s", "body": "b"}, "fr", reminder=True)
