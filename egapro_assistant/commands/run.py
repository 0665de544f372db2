"""``egapro-assistant run``: the whole service in one process until SIGINT or SIGTERM."""

import argparse
import asyncio
import logging
import signal

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
    from egapro_assistant.config import Settings
    from egapro_assistant.service import Service

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with Service(settings or Settings()):
            await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
    return 0
