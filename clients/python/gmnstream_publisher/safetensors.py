"""Writes (and reads back) the safetensors format, so the publisher needs no extra package.

Layout, as read by the pipeline (paramgraph ``SafetensorsReader``): an 8-byte little-endian
unsigned header length N, N bytes of JSON header, then the tensor data. The header maps each
tensor name to ``{"dtype", "shape", "data_offsets": [begin, end]}`` (offsets relative to the start
of the data) plus an optional ``"__metadata__"`` object of strings. The reader requires the
tensors to tile the data section exactly, in offset order, and allows only trailing spaces after
the JSON object; we pad the header with spaces to a multiple of 8 so the data starts aligned, as
the reference implementation does.
"""
from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

import numpy as np

METADATA_KEY = "__metadata__"
_LENGTH = struct.Struct("<Q")
_ALIGNMENT = 8


@dataclass(frozen=True)
class TensorEntry:
    """One tensor of a safetensors header."""

    dtype: str
    shape: Tuple[int, ...]
    begin: int
    end: int


def to_float32_arrays(tensors: Mapping[str, Any]) -> Dict[str, np.ndarray]:
    """Converts a state dict (torch tensors or numpy arrays) to little-endian float32 arrays.

    Only floating-point tensors are weights; integer buffers such as BatchNorm's
    ``num_batches_tracked`` are skipped because the pipeline reads F32 parameters only.
    """
    arrays: Dict[str, np.ndarray] = {}
    for name, value in tensors.items():
        array = _as_numpy(value)
        if not np.issubdtype(array.dtype, np.floating):
            continue
        arrays[name] = np.ascontiguousarray(array, dtype="<f4")
    return arrays


def _as_numpy(value: Any) -> np.ndarray:
    """A numpy view of a torch tensor (moved to the CPU, detached) or of anything array-like."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.asarray(value)


def encode(tensors: Mapping[str, np.ndarray], metadata: Optional[Mapping[str, str]] = None) -> bytes:
    """The safetensors bytes of ``tensors`` (float32 arrays, kept in the given order)."""
    header: Dict[str, Any] = {}
    chunks: List[bytes] = []
    offset = 0
    for name, array in tensors.items():
        if name == METADATA_KEY:
            raise ValueError(f"'{METADATA_KEY}' is reserved and cannot name a tensor")
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    if metadata:
        header[METADATA_KEY] = {str(k): str(v) for k, v in metadata.items()}
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % _ALIGNMENT)
    return _LENGTH.pack(len(raw)) + raw + b"".join(chunks)


def read_header(data: bytes) -> Tuple[Dict[str, TensorEntry], Dict[str, str], int]:
    """Parses the header: (tensor entries, metadata, offset of the data section).

    Applies the same checks as the pipeline's reader, so a file that passes here is not refused
    there for its layout.
    """
    if len(data) < _LENGTH.size:
        raise ValueError(f"{len(data)} bytes are fewer than the 8-byte header length")
    (length,) = _LENGTH.unpack_from(data, 0)
    start = _LENGTH.size + length
    if start > len(data):
        raise ValueError(f"header length {length} does not fit in {len(data) - _LENGTH.size} bytes")
    parsed = json.loads(data[_LENGTH.size:start].decode("utf-8"))
    metadata = parsed.pop(METADATA_KEY, {})
    entries = {name: TensorEntry(e["dtype"], tuple(e["shape"]), *e["data_offsets"]) for name, e in parsed.items()}
    _check_tiling(entries, len(data) - start)
    return entries, metadata, start


def _check_tiling(entries: Mapping[str, TensorEntry], data_length: int) -> None:
    """Tensors must cover the data section exactly, without gaps or overlaps."""
    expected = 0
    for name, entry in sorted(entries.items(), key=lambda item: (item[1].begin, item[1].end)):
        if entry.begin != expected:
            raise ValueError(f"tensor '{name}' starts at {entry.begin}, expected {expected}")
        expected = entry.end
    if expected != data_length:
        raise ValueError(f"tensors end at {expected} but the data section has {data_length} bytes")


def decode(data: bytes) -> Dict[str, np.ndarray]:
    """The float32 tensors of safetensors bytes written by :func:`encode` (for tests and tools)."""
    entries, _, start = read_header(data)
    out: Dict[str, np.ndarray] = {}
    for name, entry in entries.items():
        if entry.dtype != "F32":
            raise ValueError(f"tensor '{name}' has dtype {entry.dtype}; only F32 is decoded")
        raw = data[start + entry.begin:start + entry.end]
        out[name] = np.frombuffer(raw, dtype="<f4").reshape(entry.shape)
    return out
