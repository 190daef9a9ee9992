"""A throwaway PostgreSQL server on a free loopback port, as scripts/run-tests.sh starts one.

    with throwaway_postgres() as server:
        url = server.create_database("bench")   # postgresql+psycopg://postgres@127.0.0.1:PORT/bench

Uses Debian's PostgreSQL binaries (apt-get install postgresql); run as root, the cluster belongs
to the postgres user. Stopped and deleted on exit.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Server:
    bin: Path
    port: int
    folder: Path

    def run(self, *command: str) -> None:
        line = " ".join(shlex.quote(part) for part in command)
        if os.geteuid() == 0:
            subprocess.run(
                ["su", "postgres", "-s", "/bin/bash", "-c", line],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        else:
            subprocess.run(["bash", "-c", line], check=True, stdout=subprocess.DEVNULL)

    def create_database(self, name: str) -> str:
        self.run(
            str(self.bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            name,
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_postgres() -> Iterator[Server]:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        raise SystemExit("PostgreSQL is not installed: apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="newsledger-bench-pg."))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        subprocess.run(["chown", "postgres", str(folder)], check=True)
    server = Server(versions[-1], _free_port(), folder)
    data = folder / "data"
    server.run(str(server.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-N")
    options = f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on"
    server.run(
        str(server.bin / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(folder / "log"),
        "-w",
        "start",
    )
    try:
        yield server
    finally:
        server.run(str(server.bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        subprocess.run(["rm", "-rf", str(folder)], check=False)
