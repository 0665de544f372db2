"""``egapro-assistant``: one entry point, one module per subcommand under ``commands/``.

Each command module exposes ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Imports are lazy so that ``compute`` starts without loading the bot.
"""

import argparse
import importlib
import sys

COMMAND_MODULES = {
    "run": "egapro_assistant.commands.run",
    "compute": "egapro_assistant.commands.compute",
    "companies": "egapro_assistant.commands.companies",
    "declarants": "egapro_assistant.commands.declarants",
    "campaign": "egapro_assistant.commands.campaign",
    "export": "egapro_assistant.commands.export",
    "db": "egapro_assistant.commands.db",
    "outbox": "egapro_assistant.commands.outbox",
    "reminders": "egapro_assistant.commands.reminders",
    "questions": "egapro_assistant.commands.questions",
    "referents": "egapro_assistant.commands.referents",
    "mail": "egapro_assistant.commands.mail",
    "forget": "egapro_assistant.commands.forget",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="egapro-assistant")
    subparsers = parser.add_subparsers(dest="command", required=True)
    names = [only] if only in COMMAND_MODULES else list(COMMAND_MODULES)
    for name in names:
        try:
            module = importlib.import_module(COMMAND_MODULES[name])
        except ModuleNotFoundError as error:
            if error.name != COMMAND_MODULES[name]:
                raise
            continue
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    first = argv[0] if argv else None
    args = build_parser(only=first).parse_args(argv)
    raise SystemExit(args.handler(args))


if __name__ == "__main__":
    main()
