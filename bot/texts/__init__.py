"""The bot's catalogue of user-facing text, French first, English second.

Each feature keeps its messages in a module of this package as ``MESSAGES = {key: {"fr": ...,
"en": ...}}``; ``text(key, language, **params)`` looks them up across all of them.
"""

from bot.texts import (
    common,
    companies,
    compute,
    declare,
    email_replies,
    referents,
    reminders,
    status,
)

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: dict[str, dict[str, str]]) -> None:
    duplicated = set(messages) & set(_CATALOGUE)
    if duplicated:
        raise ValueError(f"text keys defined twice: {sorted(duplicated)}")
    for key, translations in messages.items():
        if set(translations) != set(LANGUAGES):
            raise ValueError(f"text {key!r} must exist in {LANGUAGES}")
    _CATALOGUE.update(messages)


def text(key: str, language: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    translations = _CATALOGUE[key]
    template = translations.get(language) or translations[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template


def language_from_telegram(language_code: str | None) -> str:
    return "en" if (language_code or "").lower().startswith("en") else DEFAULT_LANGUAGE


register(common.MESSAGES)
register(companies.MESSAGES)
register(compute.MESSAGES)
register(declare.MESSAGES)
register(status.MESSAGES)
register(email_replies.MESSAGES)
register(reminders.MESSAGES)
register(referents.MESSAGES)
