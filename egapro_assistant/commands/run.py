"""``egapro-assistant run``: the whole service in one process until SIGINT or SIGTERM."""

import argparse
import asyncio
import logging
import signal

log = logging.getLogger("egapro_assistant")

NAME = "run"
HELP = "Start the assistant (Telegram bot, web app, email sender) until interrupted."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--log-level",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log (default: INFO)",
    )


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=getattr(logging, args.log_level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.log_level != "DEBUG":
        # Alembic announces each of its plugins at INFO on every start.
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return asyncio.run(serve())


async def serve(stop: asyncio.Event | None = None) -> int:
    """Run until ``stop`` is set, or until SIGINT / SIGTERM."""
    from egapro_assistant.config import Settings
    from egapro_assistant.service import Service

    stop = stop or asyncio.Event()
    settings = Settings()
    for line in what_to_open(settings):
        log.info("%s", line)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with Service(settings):
            await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
    return 0


def what_to_open(settings) -> list[str]:
    """The first lines of ``run``: where to try the assistant when Telegram is off, and where
    the emails go when no relay is set."""
    base = f"http://{_shown_host(settings.web_host)}:{settings.web_port}"
    lines = []
    if settings.web_chat:
        if settings.telegram_token:
            lines.append(f"web chat: {base}/chat")
        else:
            lines.append(f"Telegram is off (EGAPRO_TELEGRAM_TOKEN not set): open {base}/chat")
    elif not settings.telegram_token:
        lines.append("Telegram is off (EGAPRO_TELEGRAM_TOKEN not set) and EGAPRO_WEB_CHAT=false")
    if not settings.smtp_host:
        lines.append(f"no SMTP relay (EGAPRO_SMTP_HOST not set): emails go to {base}/mailbox")
    return lines


def _shown_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
