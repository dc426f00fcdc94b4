"""Publishes a training run to gmn-stream: its manifest, its checkpoints and its outcome.

Records are Avro in the Confluent wire format, keyed by the run id (UTF-8), on the topics the
pipeline reads: ``gmn.runs``, ``gmn.checkpoints`` and ``gmn.run-outcomes``.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
import pathlib
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from confluent_kafka import KafkaError, Message, Producer

from . import safetensors, schemas
from .registry import RegistryClient
from .wire import AvroCodec

RUNS_TOPIC = "gmn.runs"
CHECKPOINTS_TOPIC = "gmn.checkpoints"
OUTCOMES_TOPIC = "gmn.run-outcomes"

#: Checkpoints whose safetensors bytes are larger go to the blob folder by reference.
DEFAULT_INLINE_LIMIT_BYTES = 1 << 20

#: The pipeline's checkpoint topics take records up to 16 MiB (PipelineTopics); librdkafka's own
#: default (1 MB) would refuse an inline checkpoint just under the 1 MiB inline limit.
_MAX_MESSAGE_BYTES = 16 << 20

Architecture = Union[Mapping[str, Any], str, bytes]


@dataclass(frozen=True)
class PublishedCheckpoint:
    """What :meth:`Publisher.checkpoint` sent: inline weights, or a reference to a blob."""

    step: int
    size_bytes: int
    sha256: str
    uri: Optional[str]

    @property
    def inline(self) -> bool:
        return self.uri is None


class DeliveryError(RuntimeError):
    """The broker did not accept one or more records."""


class Publisher:
    """One training run's connection to gmn-stream.

    Two lines in a training loop::

        publisher = Publisher("localhost:9092", "http://localhost:8081", run_id, "digits-8x8",
                              architecture=layer_spec(model, [64]))
        ...
        publisher.checkpoint(model, step, metrics={"train_loss": loss})   # every N steps

    and ``publisher.outcome(test_accuracy)`` / ``publisher.close()`` at the end. The manifest is
    published before the first checkpoint, once.
    """

    def __init__(self, bootstrap_servers: str, registry_url: str, run_id: str, task: str,
                 architecture: Architecture, hyperparameters: Optional[Mapping[str, Any]] = None,
                 inline_limit_bytes: int = DEFAULT_INLINE_LIMIT_BYTES, blob_dir: Optional[os.PathLike] = None,
                 producer_config: Optional[Mapping[str, Any]] = None, tags: Optional[Mapping[str, str]] = None,
                 framework: Optional[str] = None, schema_dir: Optional[os.PathLike] = None) -> None:
        if not run_id:
            raise ValueError("run_id must not be empty: it keys every record of the run")
        self.run_id = run_id
        self.task = task
        self.inline_limit_bytes = inline_limit_bytes
        self.blob_dir = pathlib.Path(blob_dir).resolve() if blob_dir is not None else None
        self._architecture = _architecture_record(architecture)
        self._hyperparameters = {str(k): str(v) for k, v in (hyperparameters or {}).items()}
        self._tags = {str(k): str(v) for k, v in (tags or {}).items()}
        self._framework = framework or _pytorch_version()
        self._codecs = _codecs(RegistryClient(registry_url), schemas.schema_dir(schema_dir))
        self._producer = Producer(_producer_config(bootstrap_servers, producer_config))
        self._errors: List[str] = []
        self._manifest_published = False
        self._last_step: Optional[int] = None
        self.published: List[PublishedCheckpoint] = []

    def publish_manifest(self) -> bool:
        """Publishes the run manifest; False (and nothing sent) when it already was."""
        if self._manifest_published:
            return False
        self._send(RUNS_TOPIC, {
            "runId": self.run_id, "task": self.task, "createdAtMillis": _now(), "framework": self._framework,
            "architecture": self._architecture, "hyperparameters": self._hyperparameters, "tags": self._tags,
        })
        self._manifest_published = True
        return True

    def checkpoint(self, model_or_state_dict: Any, step: int, epoch: Optional[int] = None,
                   metrics: Optional[Mapping[str, float]] = None) -> PublishedCheckpoint:
        """Publishes the weights at ``step`` as safetensors, inline or by reference.

        Steps must increase: the pipeline scores each (run, step) once and dead-letters a repeat.
        """
        if self._last_step is not None and step <= self._last_step:
            raise ValueError(f"step {step} is not after the previous checkpoint's step {self._last_step}")
        self.publish_manifest()
        data = safetensors.encode(safetensors.to_float32_arrays(_state_dict(model_or_state_dict)),
                                  {"run_id": self.run_id, "step": str(step), "producer": "gmnstream_publisher"})
        published, weights = self._weights(data, step)
        self._send(CHECKPOINTS_TOPIC, {
            "runId": self.run_id, "step": int(step), "epoch": None if epoch is None else int(epoch),
            "createdAtMillis": _now(), "metrics": {str(k): float(v) for k, v in (metrics or {}).items()},
            "weights": weights,
        })
        self._last_step = step
        self.published.append(published)
        return published

    def outcome(self, test_accuracy: Optional[float], train_accuracy: Optional[float] = None,
                status: str = "COMPLETED", final_step: Optional[int] = None) -> None:
        """Reports how the run ended (the label the GMN trainer learns from)."""
        self.publish_manifest()
        self._send(OUTCOMES_TOPIC, {
            "runId": self.run_id, "task": self.task, "status": status,
            "finalTestAccuracy": None if test_accuracy is None else float(test_accuracy),
            "finalTrainAccuracy": None if train_accuracy is None else float(train_accuracy),
            "finalStep": int(final_step if final_step is not None else (self._last_step or 0)),
            "reportedAtMillis": _now(),
        })

    def flush(self, timeout_s: float = 30.0) -> None:
        """Waits until the broker acknowledged every record; raises DeliveryError if one failed."""
        remaining = self._producer.flush(timeout_s)
        if remaining:
            raise DeliveryError(f"{remaining} records were not delivered within {timeout_s} s")
        if self._errors:
            errors, self._errors = self._errors, []
            raise DeliveryError("; ".join(errors))

    def close(self, timeout_s: float = 30.0) -> None:
        """Flushes; the producer needs no other shutdown."""
        self.flush(timeout_s)

    def __enter__(self) -> "Publisher":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _weights(self, data: bytes, step: int) -> Tuple[PublishedCheckpoint, Dict[str, Any]]:
        digest = hashlib.sha256(data).hexdigest()
        if len(data) <= self.inline_limit_bytes:
            return PublishedCheckpoint(step, len(data), digest, None), {"format": "SAFETENSORS", "data": data}
        if self.blob_dir is None:
            raise ValueError(f"checkpoint of {len(data)} bytes is over the inline limit of "
                             f"{self.inline_limit_bytes} bytes: give the Publisher a blob_dir")
        uri = _write_blob(self.blob_dir, f"{_file_safe(self.run_id)}-step{step}-{digest[:12]}.safetensors", data)
        reference = {"format": "SAFETENSORS", "uri": uri, "sha256": digest, "sizeBytes": len(data)}
        return PublishedCheckpoint(step, len(data), digest, uri), reference

    def _send(self, topic: str, record: Mapping[str, Any]) -> None:
        value = self._codecs[topic].encode(record)
        while True:
            try:
                self._producer.produce(topic, key=self.run_id.encode("utf-8"), value=value, on_delivery=self._delivered)
                break
            except BufferError:
                self._producer.poll(0.5)  # local queue full: let deliveries drain
        self._producer.poll(0)

    def _delivered(self, error: Optional[KafkaError], message: Message) -> None:
        if error is not None:
            self._errors.append(f"{message.topic()}: {error.str()}")


def _codecs(registry: RegistryClient, folder: Optional[pathlib.Path]) -> Dict[str, AvroCodec]:
    records = {RUNS_TOPIC: "RunManifest", CHECKPOINTS_TOPIC: "Checkpoint", OUTCOMES_TOPIC: "RunOutcome"}
    codecs = {}
    for topic, record in records.items():
        resolved = schemas.resolve(registry, topic, record, folder)
        codecs[topic] = AvroCodec(resolved.schema_json, resolved.schema_id)
    return codecs


def _producer_config(bootstrap_servers: str, overrides: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """Idempotent, fully acknowledged delivery: a checkpoint is sent once and in step order."""
    config: Dict[str, Any] = {"bootstrap.servers": bootstrap_servers, "enable.idempotence": True, "acks": "all",
                              "message.max.bytes": _MAX_MESSAGE_BYTES, "linger.ms": 5}
    config.update(overrides or {})
    return config


def _architecture_record(architecture: Architecture) -> Dict[str, Any]:
    """The manifest's architecture union: bytes are an ONNX model, text or a dict a layer spec."""
    if isinstance(architecture, (bytes, bytearray)):
        return {"model": bytes(architecture)}
    if isinstance(architecture, str):
        json.loads(architecture)  # fail here, not in the pipeline's dead letters
        return {"specJson": architecture}
    if isinstance(architecture, Mapping):
        return {"specJson": json.dumps(architecture, separators=(",", ":"))}
    raise TypeError("architecture must be ONNX bytes, a gmn-layers/1 spec dict or its JSON text, "
                    f"not {type(architecture).__name__}")


def _state_dict(model_or_state_dict: Any) -> Mapping[str, Any]:
    if hasattr(model_or_state_dict, "state_dict"):
        return model_or_state_dict.state_dict()
    if isinstance(model_or_state_dict, Mapping):
        return model_or_state_dict
    raise TypeError(f"expected a torch module or a state dict, not {type(model_or_state_dict).__name__}")


def _write_blob(folder: pathlib.Path, name: str, data: bytes) -> str:
    """Writes the blob under a temporary name and renames it, so no reader sees half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    partial = folder / f".{name}.partial"
    partial.write_bytes(data)
    os.replace(partial, target)
    return target.as_uri()


def _file_safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", text)


def _now() -> datetime.datetime:
    """Now, timezone-aware: python3-avro writes timestamp-millis fields from datetimes."""
    return datetime.datetime.now(datetime.timezone.utc)


def _pytorch_version() -> str:
    try:
        import torch
    except ImportError:
        return "unknown"
    return "pytorch-" + torch.__version__.split("+")[0]
