"""Every command and public name is documented; the README opens with the two set-up commands."""

from __future__ import annotations

from pathlib import Path

import newsledger
from newsledger.cli import COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_docs_readme_opens_with_the_two_setup_commands():
    first_block = README.split("```", 2)[1]
    assert "scripts/run-demo.sh" in first_block
    assert "scripts/run-tests.sh" in first_block


def test_docs_every_command_is_in_the_readme():
    for name in COMMANDS:
        assert f"newsledger {name}" in README, f"command {name!r} is not documented in README.md"


def test_docs_public_api_is_exported():
    for name in newsledger.__all__:
        assert hasattr(newsledger, name), name
    assert callable(newsledger.extract)


def test_docs_extract_stays_the_function_after_submodule_imports():
    import newsledger.extract.pipeline  # noqa: F401
    from newsledger.extract import quotes  # noqa: F401

    assert callable(newsledger.extract)
    assert newsledger.extract.__module__ == "newsledger"
