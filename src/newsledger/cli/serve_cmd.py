"""`newsledger serve`: the web UI and JSON API over a ledger."""

from __future__ import annotations

import ipaddress
import os

import click

from newsledger.errors import NewsLedgerError


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return host == ""


@click.command()
@click.option(
    "--db", help="Ledger database URL (default: NEWSLEDGER_DB or sqlite:///newsledger.db)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind. Anything but loopback exposes the ledger to the network.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind."
)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Enable adding articles (web form and POST /api/articles). Requests from other "
    "machines must then carry the NEWSLEDGER_TOKEN token.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name (or address) clients use to reach the server; repeatable. Requests "
    "naming any other host are refused (DNS rebinding). Loopback names are always allowed.",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
def serve(
    db: str | None,
    host: str,
    port: int,
    allow_ingest: bool,
    allowed_hosts: tuple[str, ...],
    log_level: str,
) -> None:
    """Serve the timeline, article, entity and search pages and the JSON API.

    \b
    Example:
      newsledger serve --db sqlite:///newsledger.db
      NEWSLEDGER_TOKEN=secret newsledger serve --host 0.0.0.0 --allowed-host ledger.lan --allow-ingest
    Then open http://127.0.0.1:8000/ (API reference at /docs).
    """
    # Deferred on purpose: the web stack loads only for this command.
    import uvicorn

    from newsledger.ledger.store import Ledger, redact_url
    from newsledger.serve.app import LOOPBACK_HOSTS, ServeConfig, create_app
    from newsledger.settings import load_settings

    try:
        settings = load_settings(db=db)
        ledger = Ledger.open(settings.db, settings=settings)
    except NewsLedgerError as e:
        raise click.ClickException(str(e)) from e
    token = os.environ.get("NEWSLEDGER_TOKEN") or None
    loopback = _is_loopback(host)
    if not loopback:
        click.echo(
            f"warning: serving on {host}: anyone who can reach this address can read the ledger.",
            err=True,
        )
    if allow_ingest and not loopback and token is None:
        click.echo(
            "warning: --allow-ingest on a non-loopback address without NEWSLEDGER_TOKEN: only "
            "requests from this machine can add articles.",
            err=True,
        )
    names = [*LOOPBACK_HOSTS, *allowed_hosts]
    if not _is_wildcard(host):
        names.append(host)  # an address, or the name given to --host
    elif not allowed_hosts:
        click.echo(
            f"warning: serving on {host} with no --allowed-host: only requests to a loopback "
            "name are answered; add --allowed-host NAME for each name clients use.",
            err=True,
        )
    config = ServeConfig(
        allow_ingest=allow_ingest,
        token=token,
        allowed_hosts=tuple(names),
        settings=settings,
    )
    app = create_app(ledger, config, close_ledger=True)
    click.echo(
        f"NewsLedger: serving {redact_url(settings.db)} on http://{host}:{port}/"
        f" (adding articles {'on' if allow_ingest else 'off'})",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level)
