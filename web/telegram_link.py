"""``/referents/telegram/{token}``: a référent confirms, from the emailed link, that the Telegram
account which asked (``/referent`` in the bot) follows their territory (``/pending``).

``GET`` shows a button and uses nothing; ``POST`` (with the page's form key) uses the token.
The words name where the account that asked talks to the assistant: Telegram or the web chat.
"""

from aiohttp import web

from store import links, outbox, referents, telegram_users, tokens
from store.database import Database
from web import pages
from web.keys import DATABASE, FORM_SECRET, SETTINGS, wake_outbox
from web.security import form_value, genuine_post
from web.texts import text

FORM_FIELD = "form_key"
FORM_PURPOSE = "referent_telegram"
PURPOSE = tokens.REFERENT_TELEGRAM


def _refused(request: web.Request, language: str) -> web.Response:
    minutes = request.app[SETTINGS].referent_link_minutes
    return pages.page(
        language,
        text("sign_in_link.invalid.title", language),
        pages.paragraph(text("sign_in_link.invalid.body", language, minutes=minutes)),
        status=410,
    )


async def show(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    language = pages.language_of(request)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        check = await tokens.peek(session, token, purpose=PURPOSE)
    if not check.valid:
        return _refused(request, language)
    channel = links.channel_of(check.token.telegram_user_id)
    hidden = {FORM_FIELD: form_value(request.app[FORM_SECRET], FORM_PURPOSE, token)}
    body = pages.paragraph(
        text(f"telegram_link.intro.{channel}", language, email=check.token.email)
    ) + pages.post_form(request.path, hidden, text("telegram_link.button", language))
    return pages.page(language, text(f"telegram_link.title.{channel}", language), body)


async def confirm(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    language = pages.language_of(request)
    form = await request.post()
    if not genuine_post(request, form, field=FORM_FIELD, purpose=FORM_PURPOSE, token=token):
        return pages.message_page(language, "forbidden", status=403)
    database: Database = request.app[DATABASE]
    async with database.session() as session:
        check = await tokens.consume(session, token, purpose=PURPOSE)
        if not check.valid or check.token.telegram_user_id is None:
            return _refused(request, language)
        user_id = check.token.telegram_user_id
        referent = await referents.link_telegram(session, check.token.email, user_id)
        if referent is None:
            return _refused(request, language)
        user = await telegram_users.get(session, user_id)
        if user is not None:
            await outbox.enqueue(
                session,
                channel="telegram",
                recipient=str(user.chat_id),
                dedup_key=f"referent_linked:{tokens.hash_token(token)}",
                kind="referent_linked",
                payload={"language": user.language, "params": {"email": referent.email}},
            )
    wake_outbox(request)
    channel = links.channel_of(user_id)
    settings = request.app[SETTINGS]
    back = ""
    if channel == "web_chat":
        back = pages.link(settings.web_chat_url, text("verify.back_to_chat", language))
    return pages.message_page(
        language,
        "telegram_link.done",
        status=200,
        body_key=f"telegram_link.done.body.{channel}",
        extra=back,
    )
