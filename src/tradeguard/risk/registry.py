"""Versioned risk models on disk, and which one is active.

models_dir/
  v0001/booster.txt    LightGBM model text
  v0001/history.parquet  the keyed findings it was trained with (history for scoring)
  v0001/model.json     feature spec, fitted feature state, yield ratio, meta (training window,
                       features, metrics, seed)
  active.json          {"version": "v0001"}

A saved version never changes; training makes a new one and (by default) points `active` at it.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.atomic_write import replace_text
from tradeguard.domain.errors import NotFound
from tradeguard.risk.model import RiskModel

ACTIVE = "active.json"
HISTORY = "history.parquet"
_VERSION = re.compile(r"^v(\d{4,})$")


def versions(models_dir: Path) -> list[str]:
    """Saved versions, oldest first."""
    if not models_dir.is_dir():
        return []
    found = [p.name for p in models_dir.iterdir() if p.is_dir() and _VERSION.match(p.name)]
    return sorted(found, key=lambda v: int(v[1:]))


def _write(path: Path, text: str) -> None:
    # Write then rename, through a uniquely named temporary file: a reader never sees half a file.
    replace_text(path, text)


def save(model: RiskModel, models_dir: Path, meta: dict[str, Any], *, activate: bool = True) -> str:
    """Store the model as the next version with its meta; return the version name."""
    models_dir.mkdir(parents=True, exist_ok=True)
    existing = versions(models_dir)
    number = int(existing[-1][1:]) + 1 if existing else 1
    version = f"v{number:04d}"
    folder = models_dir / version
    folder.mkdir()
    model.meta = {
        **model.meta,
        **meta,
        "version": version,
        "features": model.spec.feature_names(),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    booster_text, doc_text = model.to_files()
    _write(folder / "booster.txt", booster_text)
    _write(folder / "model.json", doc_text)
    if model.history is not None:
        model.history.write_parquet(folder / HISTORY)
    if activate:
        set_active(models_dir, version)
    return version


def set_active(models_dir: Path, version: str) -> None:
    if version not in versions(models_dir):
        raise NotFound(f"no model version {version} in {models_dir}")
    _write(models_dir / ACTIVE, json.dumps({"version": version}))


def active_version(models_dir: Path) -> str | None:
    pointer = models_dir / ACTIVE
    if not pointer.is_file():
        return None
    return str(json.loads(pointer.read_text(encoding="utf-8"))["version"])


def challengers(models_dir: Path) -> list[str]:
    """Versions saved after the active one: trained, scoring in shadow, not deciding."""
    active = active_version(models_dir)
    found = versions(models_dir)
    if active is None:
        return []
    return [v for v in found if int(v[1:]) > int(active[1:])]


def load(models_dir: Path, version: str) -> RiskModel:
    folder = models_dir / version
    if not folder.is_dir():
        raise NotFound(f"no model version {version} in {models_dir}")
    model = RiskModel.from_files(
        (folder / "booster.txt").read_text(encoding="utf-8"),
        (folder / "model.json").read_text(encoding="utf-8"),
    )
    if (folder / HISTORY).is_file():
        model.history = pl.read_parquet(folder / HISTORY)
    return model


def load_active(models_dir: Path) -> RiskModel | None:
    """The active model, or None when no model has been trained yet."""
    version = active_version(models_dir)
    return None if version is None else load(models_dir, version)
