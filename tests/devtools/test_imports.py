"""The import arrows hold for the package, and the checker finds a bad arrow and a cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsledger.devtools import imports


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "newsledger"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_imports_the_package_keeps_its_arrows() -> None:
    assert imports.check() == []


def test_imports_command_exits_zero_on_the_package() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsledger.devtools.imports"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no cycles" in done.stdout


def test_imports_storage_importing_extraction_is_refused(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "records.py": "",
            "extract/__init__.py": "",
            "extract/lexicon.py": "from newsledger.records import *\n",
            "ledger/__init__.py": "",
            "ledger/store.py": "def f():\n    from newsledger.extract import lexicon\n",
        },
    )
    problems = imports.check(root)
    assert len(problems) == 1
    assert "ledger may not import extract (newsledger.extract.lexicon)" in problems[0]
    assert problems[0].startswith(str(root / "ledger" / "store.py") + ":2:")


def test_imports_relative_imports_are_resolved(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "fuse/__init__.py": "",
            "fuse/rules.py": "from ..ledger import schema\n",
            "ledger/__init__.py": "",
            "ledger/schema.py": "",
        },
    )
    (problem,) = imports.check(root)
    assert "fuse may not import ledger (newsledger.ledger.schema)" in problem


def test_imports_a_cycle_inside_one_part_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "extract/__init__.py": "",
            "extract/a.py": "from newsledger.extract import b\n",
            "extract/b.py": "import newsledger.extract.c\n",
            "extract/c.py": "from newsledger.extract.a import thing\n",
        },
    )
    (problem,) = imports.check(root)
    assert problem == (
        "import cycle: newsledger.extract.a -> newsledger.extract.b -> newsledger.extract.c"
        " -> newsledger.extract.a"
    )


def test_imports_a_module_in_no_part_is_named(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"newthing.py": ""})
    (problem,) = imports.check(root)
    assert "newsledger.newthing belongs to no part" in problem
