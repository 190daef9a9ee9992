"""`newsledger serve` as a user starts it: a real subprocess on a loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from newsledger.cli import cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_cmd_help_names_the_defaults() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert (
        "127.0.0.1" in result.output
        and "8000" in result.output
        and "--allow-ingest" in result.output
    )


def test_serve_cmd_bad_db_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db"])
    assert result.exit_code != 0
    assert "does not exist" in result.output


def test_serve_cmd_serves_loopback_and_refuses_foreign_host_headers(tmp_path: Path) -> None:
    port = _free_port()
    db = f"sqlite:///{tmp_path / 'served.db'}"
    env = {k: v for k, v in os.environ.items() if k != "NEWSLEDGER_TOKEN"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsledger.cli import main; main()",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "exited"
            try:
                response = httpx.get(base + "/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["articles"] == 0
        # A DNS-rebinding page reaches 127.0.0.1 under its own host name: refused.
        rebound = httpx.get(
            base + "/api/stats", headers={"Host": f"attacker.example:{port}"}, timeout=5
        )
        assert rebound.status_code == 400
        assert rebound.json()["error"]["code"] == "bad_request"
        # Without --allow-ingest there is no write endpoint at all.
        assert httpx.post(base + "/api/articles", json={"text": "x"}, timeout=5).status_code == 405
    finally:
        proc.terminate()
        proc.wait(timeout=20)
