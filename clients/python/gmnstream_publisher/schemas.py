"""Where the publisher's Avro schemas come from.

The ``.avsc`` files in ``schemas/src/main/avro`` are the single source of truth (the Java services
generate their classes from them), so the publisher never types a schema out again. In order:

1. ``schema_dir`` given to :func:`resolve` (``Publisher(schema_dir=...)``), or the environment
   variable ``GMN_SCHEMA_DIR``: a folder holding ``RunManifest.avsc``, ``Checkpoint.avsc`` and
   ``RunOutcome.avsc``;
2. the repository's ``schemas/src/main/avro``, found relative to this package when it runs from a
   checkout (``clients/python/gmnstream_publisher`` -> ``../../../schemas/src/main/avro``);
3. otherwise the latest version registered under the topic's value subject: the pipeline's
   services register their schemas, so a job installed away from the repository publishes with
   whatever the deployed pipeline reads.

Files found in 1 or 2 are registered (idempotent) under ``<topic>-value``, which gives the id.
"""
from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass
from typing import Optional

from .registry import RegistryClient

SCHEMA_DIR_ENV = "GMN_SCHEMA_DIR"
REPO_SCHEMA_DIR = pathlib.Path(__file__).resolve().parents[3] / "schemas" / "src" / "main" / "avro"


@dataclass(frozen=True)
class ResolvedSchema:
    """A schema and its registry id."""

    subject: str
    schema_json: str
    schema_id: int
    source: str


def schema_dir(explicit: Optional[os.PathLike] = None) -> Optional[pathlib.Path]:
    """The folder the .avsc files are read from, or None to use the registry's latest versions."""
    if explicit is not None:
        return _existing(pathlib.Path(explicit), "schema_dir")
    if os.environ.get(SCHEMA_DIR_ENV):
        return _existing(pathlib.Path(os.environ[SCHEMA_DIR_ENV]), SCHEMA_DIR_ENV)
    return REPO_SCHEMA_DIR if REPO_SCHEMA_DIR.is_dir() else None


def _existing(path: pathlib.Path, origin: str) -> pathlib.Path:
    if not path.is_dir():
        raise FileNotFoundError(f"{origin} {path} is not a folder of .avsc files")
    return path


def resolve(registry: RegistryClient, topic: str, record_name: str,
            folder: Optional[pathlib.Path]) -> ResolvedSchema:
    """The schema of ``topic``'s values: registered from ``folder``, or the subject's latest."""
    subject = f"{topic}-value"
    if folder is None:
        schema_id, schema_json = registry.latest(subject)
        return ResolvedSchema(subject, schema_json, schema_id, f"registry {subject} latest")
    path = folder / f"{record_name}.avsc"
    schema_json = path.read_text(encoding="utf-8")
    return ResolvedSchema(subject, schema_json, registry.register(subject, schema_json), str(path))
