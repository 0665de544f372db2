"""``egapro-assistant run``: the whole service in one process until SIGINT or SIGTERM.

SIGTERM (or SIGINT) stops taking work, lets what is in flight finish and exits 0; a setting the
service cannot run with stops it at start with a message naming the setting (exit 2).
"""

import argparse
import asyncio
import logging
import signal

NAME = "run"
HELP = "Start the assistant (Telegram bot, web app, inbound and outbound email) until stopped."

log = logging.getLogger("egapro_assistant.run")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--log-level",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log (default: INFO)",
    )
    parser.add_argument(
        "--log-format",
        default="text",
        choices=["text", "json"],
        help="one line of text per event, or one JSON object per line (default: text)",
    )


def run(args: argparse.Namespace) -> int:
    from egapro_assistant.logs import configure

    configure(args.log_level, args.log_format)
    from pydantic import ValidationError

    from egapro_assistant.config import Settings

    try:
        settings = Settings()
    except ValidationError as error:
        # Each message names the setting (EGAPRO_...): say it and stop before anything starts.
        for problem in error.errors():
            message = problem["msg"].removeprefix("Value error, ")
            if not message.startswith("EGAPRO_"):
                names = ".".join(str(part) for part in problem["loc"])
                message = f"EGAPRO_{names.upper()}: {message}"
            print(f"configuration error: {message}")
        return 2
    return asyncio.run(serve(settings=settings))


async def serve(stop: asyncio.Event | None = None, *, settings=None) -> int:
    """Run until ``stop`` is set, or until SIGINT / SIGTERM."""
    from pydantic import ValidationError

    from egapro_assistant.config import Settings
    from egapro_assistant.service import ConfigurationError, Service

    stop = stop or asyncio.Event()
    settings = settings or Settings()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with Service(settings) as service:
            for line in what_to_open(settings, port=service.web_port):
                log.info("%s", line)
            await stop.wait()
    except (ConfigurationError, ValidationError) as error:
        log.error("cannot start: %s", error)
        return 2
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
    return 0


def what_to_open(settings, port: int | None = None) -> list[str]:
    """What ``run`` says once started: where to try the assistant when Telegram is off, and
    where the emails go when no relay is set. ``port``: the one the web app listens on (the
    setting may be 0: any free port)."""
    base = f"http://{_shown_host(settings.web_host)}:{port or settings.web_port}"
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
