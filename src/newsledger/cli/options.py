"""Options and parameter checks the commands share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A click callback: a YYYY-MM-DD option as a date, or a usage error naming the value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from e


def db_option(func: F) -> F:
    return click.option(
        "--db",
        metavar="URL",
        help="Database URL (default: settings.db, NEWSLEDGER_DB, else sqlite:///newsledger.db).",
    )(func)
