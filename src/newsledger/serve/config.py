"""How the server was started, and who counts as the local user (loopback clients)."""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field

from fastapi import Request

from newsledger.serve.guards import LOOPBACK_HOSTS
from newsledger.settings import Settings, load_settings

__all__ = ["LOOPBACK_HOSTS", "ServeConfig", "is_loopback"]


@dataclass(slots=True)
class ServeConfig:
    """How the server was started; ``token`` is ``NEWSLEDGER_TOKEN`` (None: unset)."""

    allow_ingest: bool = False
    token: str | None = None
    # Host headers to accept; None accepts any (an app embedded behind another server).
    # `newsledger serve` always sets them: the loopback names plus --allowed-host, which
    # defeats DNS-rebinding pages reaching the server (serve/guards.py).
    allowed_hosts: tuple[str, ...] | None = None
    # The largest request body; None: enough for an article of settings.max_input_bytes.
    max_body_bytes: int | None = None
    settings: Settings = field(default_factory=load_settings)
    # A per-process secret put into the add form: a cross-site page cannot read it, so it
    # cannot make a loopback browser post an article (CSRF).
    form_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))


def is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
