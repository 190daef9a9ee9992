"""The `newsledger` command: a thin layer over the library.

Commands are imported lazily so that `newsledger extract` never pays for the web stack.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import click

from newsledger.__about__ import __version__
from newsledger.errors import NewsLedgerError

# command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "extract": "newsledger.cli.extract_cmd:extract",
    "eval": "newsledger.cli.eval_cmd:eval_command",
    "ingest": "newsledger.cli.ledger_cmd:ingest",
    "events": "newsledger.cli.ledger_cmd:events",
    "timeline": "newsledger.cli.ledger_cmd:timeline",
    "claims": "newsledger.cli.ledger_cmd:claims",
    "entity": "newsledger.cli.ledger_cmd:entity",
    "show": "newsledger.cli.ledger_cmd:show",
    "search": "newsledger.cli.ledger_cmd:search",
    "failures": "newsledger.cli.ledger_cmd:failures",
    "export": "newsledger.cli.ledger_cmd:export",
    "serve": "newsledger.cli.serve_cmd:serve",
    "sources": "newsledger.cli.watch_cmd:sources",
    "alerts": "newsledger.cli.watch_cmd:alerts",
    "watch": "newsledger.cli.watch_cmd:watch",
    "fused": "newsledger.cli.fused_cmd:fused",
    "reextract": "newsledger.cli.versions_cmd:reextract",
    "diff": "newsledger.cli.versions_cmd:diff",
    "status": "newsledger.cli.versions_cmd:status",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._available(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        command = getattr(module, attr)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> object:
        # Any library error a command did not turn into a message itself (a bad setting, a
        # database that is not one) is still one line and exit code 1, never a traceback.
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # inside the try: a pipe closed early shows here
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
        except BrokenPipeError:
            # The reader went away (`newsledger export ... | head -1`): that is how a pipe
            # ends, not an error (click would exit 1). Point stdout at /dev/null so that the
            # interpreter's last flush stays quiet too, and exit 0.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        return result

    @staticmethod
    def _available(name: str) -> bool:
        module_name = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsledger")
def cli() -> None:
    """Turn news articles into a sourced ledger of events and claims.

    \b
    Example:
      newsledger extract examples/ --format pretty
      newsledger ingest examples/ && newsledger timeline
    """


def main() -> None:
    sys.exit(cli.main(standalone_mode=True))
