"""Alembic environment: migrate the connection Ledger.open hands over, or the URL in alembic.ini."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsledger.ledger.schema import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # Ledger.open: the caller owns the connection and the transaction around it.
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("no database: pass -x db=URL or set sqlalchemy.url in alembic.ini")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(
            connection=conn, target_metadata=metadata, render_as_batch=conn.dialect.name == "sqlite"
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run()
