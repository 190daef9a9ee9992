"""Settings: a value that would make no sense is refused with the setting's name and source."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import SettingsError
from newsledger.settings import Settings, load_settings


@pytest.mark.parametrize("value", ["-5", "0"])
def test_settings_max_input_bytes_from_the_environment_must_be_positive(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("NEWSLEDGER_MAX_INPUT_BYTES", value)
    with pytest.raises(SettingsError, match=r"max_input_bytes .*NEWSLEDGER_MAX_INPUT_BYTES"):
        load_settings()


def test_settings_file_values_are_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("fetch_timeout = -1\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(config))
    monkeypatch.delenv("NEWSLEDGER_MAX_INPUT_BYTES", raising=False)
    with pytest.raises(SettingsError, match="fetch_timeout"):
        load_settings()


@pytest.mark.parametrize(
    "overrides",
    [
        {"fetch_max_bytes": -1},
        {"fetch_max_redirects": -1},
        {"near_duplicate_threshold": 1.5},
        {"max_input_bytes": "100"},
        {"max_input_bytes": True},
    ],
)
def test_settings_nonsense_values_are_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(SettingsError, match=next(iter(overrides))):
        Settings(**overrides)  # type: ignore[arg-type]


def test_settings_sensible_values_pass() -> None:
    settings = Settings(max_input_bytes=1, fetch_timeout=0.5, fetch_max_redirects=0)
    assert settings.with_overrides(max_input_bytes=2_000).max_input_bytes == 2_000
