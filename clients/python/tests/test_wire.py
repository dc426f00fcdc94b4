"""The Confluent wire format and the Avro records, with the repository's .avsc files."""
import datetime
import unittest

from _path import REPO
from gmnstream_publisher import wire
from gmnstream_publisher.publisher import _architecture_record

SCHEMAS = REPO / "schemas" / "src" / "main" / "avro"
NOW = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)


def codec(name: str, schema_id: int) -> wire.AvroCodec:
    return wire.AvroCodec((SCHEMAS / f"{name}.avsc").read_text(), schema_id)


class WireFormatTest(unittest.TestCase):

    def test_header_is_magic_zero_and_big_endian_id(self):
        self.assertEqual(wire.frame(258, b"xy"), b"\x00\x00\x00\x01\x02xy")
        self.assertEqual(wire.unframe(b"\x00\x00\x00\x01\x02xy"), (258, b"xy"))

    def test_refuses_bad_magic_short_values_and_large_ids(self):
        with self.assertRaises(ValueError):
            wire.unframe(b"\x01\x00\x00\x00\x01")
        with self.assertRaises(ValueError):
            wire.unframe(b"\x00\x00")
        with self.assertRaises(ValueError):
            wire.frame(1 << 32, b"")

    def test_checkpoint_with_inline_weights_round_trips(self):
        c = codec("Checkpoint", 7)
        record = {"runId": "r1", "step": 40, "epoch": 1, "createdAtMillis": NOW, "metrics": {"train_loss": 0.5},
                  "weights": {"format": "SAFETENSORS", "data": b"\x01\x02"}}
        value = c.encode(record)
        self.assertEqual(value[:5], b"\x00\x00\x00\x00\x07")
        back = c.decode(value)
        self.assertEqual(back["weights"], {"format": "SAFETENSORS", "data": b"\x01\x02"})
        self.assertEqual(back["createdAtMillis"], NOW)
        self.assertEqual(back["epoch"], 1)

    def test_checkpoint_reference_picks_the_reference_branch(self):
        c = codec("Checkpoint", 1)
        ref = {"format": "SAFETENSORS", "uri": "file:///b/x.safetensors", "sha256": "0" * 64, "sizeBytes": 9}
        back = c.decode(c.encode({"runId": "r", "step": 1, "epoch": None, "createdAtMillis": NOW, "metrics": {},
                                  "weights": ref}))
        self.assertEqual(back["weights"], ref)

    def test_manifest_architecture_union_by_type(self):
        c = codec("RunManifest", 2)
        base = {"runId": "r", "task": "digits-8x8", "createdAtMillis": NOW, "framework": "pytorch-1.13",
                "hyperparameters": {"lr": "0.003"}, "tags": {}}
        spec = c.decode(c.encode({**base, "architecture": _architecture_record({"format": "gmn-layers/1"})}))
        self.assertEqual(spec["architecture"], {"specJson": '{"format":"gmn-layers/1"}'})
        onnx = c.decode(c.encode({**base, "architecture": _architecture_record(b"\x08\x07")}))
        self.assertEqual(onnx["architecture"], {"model": b"\x08\x07"})

    def test_outcome_encodes(self):
        c = codec("RunOutcome", 3)
        record = {"runId": "r", "task": "digits-8x8", "status": "COMPLETED", "finalTestAccuracy": 0.95,
                  "finalTrainAccuracy": None, "finalStep": 230, "reportedAtMillis": NOW}
        self.assertEqual(c.decode(c.encode(record)), record)


if __name__ == "__main__":
    unittest.main()
