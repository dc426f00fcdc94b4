"""The Confluent wire format: magic byte 0, the 4-byte big-endian schema id, then Avro binary.

Encoded with Debian's ``python3-avro`` because confluent-kafka 1.7's own Avro serializer needs
fastavro, which Debian does not package.
"""
from __future__ import annotations

import io
import struct
from typing import Any, Mapping, Tuple

import avro.io
import avro.schema

MAGIC_BYTE = 0
_HEADER = struct.Struct(">bI")


def frame(schema_id: int, avro_payload: bytes) -> bytes:
    """Prefixes an Avro payload with the wire-format header."""
    if not 0 <= schema_id <= 0xFFFFFFFF:
        raise ValueError(f"schema id {schema_id} does not fit in 4 bytes")
    return _HEADER.pack(MAGIC_BYTE, schema_id) + avro_payload


def unframe(value: bytes) -> Tuple[int, bytes]:
    """Splits a wire-format value into (schema id, Avro payload)."""
    if len(value) < _HEADER.size:
        raise ValueError(f"{len(value)} bytes are too short for the 5-byte wire-format header")
    magic, schema_id = _HEADER.unpack_from(value, 0)
    if magic != MAGIC_BYTE:
        raise ValueError(f"magic byte is {magic}, not {MAGIC_BYTE}")
    return schema_id, value[_HEADER.size:]


class AvroCodec:
    """Encodes records of one Avro schema, registered under one schema id."""

    def __init__(self, schema_json: str, schema_id: int) -> None:
        self.schema = avro.schema.parse(schema_json)
        self.schema_id = schema_id
        self._writer = avro.io.DatumWriter(self.schema)
        self._reader = avro.io.DatumReader(self.schema)

    def encode(self, record: Mapping[str, Any]) -> bytes:
        """The wire-format bytes of ``record`` (validated against the schema first)."""
        buffer = io.BytesIO()
        self._writer.write(record, avro.io.BinaryEncoder(buffer))
        return frame(self.schema_id, buffer.getvalue())

    def decode(self, value: bytes) -> Any:
        """Reads back a value this codec wrote (for tests); refuses another schema id."""
        schema_id, payload = unframe(value)
        if schema_id != self.schema_id:
            raise ValueError(f"value has schema id {schema_id}, this codec writes {self.schema_id}")
        return self._reader.read(avro.io.BinaryDecoder(io.BytesIO(payload)))
