"""Consoles and pipes: what the other end of the output wants (styling, width, tables).

- ``NO_COLOR`` (https://no-color.org: set and not empty) removes all styling, bold and
  underline included, not only colours (rich alone keeps those).
- Piped or redirected, tables are tab-separated values with a header, one row per line and
  nothing cut: a terminal's 80 columns are no limit on a file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.console import Console

__all__ = ["make_console", "no_color", "piped", "write_tsv"]


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits 1 here; a closed pipe is the reader's choice, so let the command group
        # end it quietly with 0 (newsledger.cli.LazyGroup.invoke)
        raise BrokenPipeError


def make_console(*, stderr: bool = False, soft_wrap: bool = False) -> Console:
    """A rich console that honours NO_COLOR fully."""
    if no_color():
        return _Console(
            stderr=stderr, highlight=False, soft_wrap=soft_wrap, color_system=None, no_color=True
        )
    return _Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap)


def piped(stream: TextIO | None = None) -> bool:
    """True when output goes to a file or another program rather than a terminal."""
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return not (isatty and isatty())


def _cell(value: object) -> str:
    # A tab or newline inside a value would break the row: they become spaces.
    return " ".join(str(value if value is not None else "").split())


def write_tsv(
    header: Sequence[str], rows: Iterable[Sequence[object]], out: TextIO | None = None
) -> None:
    """Tab-separated rows under a header line; values on one line each, never cut."""
    out = out or sys.stdout
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(_cell(v) for v in row) + "\n")
