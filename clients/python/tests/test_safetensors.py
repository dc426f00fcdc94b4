"""The safetensors bytes the publisher writes, checked against the pipeline reader's rules."""
import json
import struct
import unittest

import numpy as np
import torch

from _path import REPO
from gmnstream_publisher import safetensors


class SafetensorsTest(unittest.TestCase):

    def test_round_trip_keeps_names_shapes_order_and_values(self):
        tensors = {"0.weight": np.arange(6, dtype=np.float32).reshape(2, 3), "0.bias": np.array([1.5, -2.0], "f4"),
                   "scalar": np.array(3.25, "f4"), "empty": np.zeros((0, 4), "f4")}
        data = safetensors.encode(tensors, {"step": "7"})
        entries, metadata, _ = safetensors.read_header(data)
        self.assertEqual(list(entries), list(tensors))
        self.assertEqual(metadata, {"step": "7"})
        for name, array in safetensors.decode(data).items():
            np.testing.assert_array_equal(array, tensors[name])
            self.assertEqual(array.shape, tensors[name].shape)

    def test_header_is_space_padded_to_eight_bytes_and_offsets_tile_the_data(self):
        data = safetensors.encode({"a": np.ones(3, "f4"), "b": np.ones((2, 2), "f4")})
        (length,) = struct.unpack_from("<Q", data)
        self.assertEqual(length % 8, 0)
        header = data[8:8 + length]
        self.assertEqual(header.rstrip(b" ").count(b" "), 0, "only trailing spaces are allowed")
        parsed = json.loads(header)
        self.assertEqual(parsed["a"], {"dtype": "F32", "shape": [3], "data_offsets": [0, 12]})
        self.assertEqual(parsed["b"], {"dtype": "F32", "shape": [2, 2], "data_offsets": [12, 28]})
        self.assertEqual(len(data), 8 + length + 28)

    def test_data_is_little_endian_float32(self):
        data = safetensors.encode({"x": np.array([1.0, -0.5], dtype=">f8")})
        _, _, start = safetensors.read_header(data)
        self.assertEqual(data[start:], struct.pack("<ff", 1.0, -0.5))

    def test_state_dict_keeps_float_tensors_as_f32_and_skips_integer_buffers(self):
        model = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2)).double()
        arrays = safetensors.to_float32_arrays(model.state_dict())
        self.assertNotIn("1.num_batches_tracked", arrays)
        self.assertEqual(arrays["0.weight"].dtype, np.dtype("<f4"))
        self.assertEqual(arrays["0.weight"].shape, (2, 1, 3, 3))

    def test_reads_the_repository_example_written_by_the_reference_script(self):
        entries, metadata, _ = safetensors.read_header((REPO / "examples" / "residual-mlp.safetensors").read_bytes())
        self.assertEqual(entries["stem.weight"].shape, (32, 64))
        self.assertIn("producer", metadata)

    def test_refuses_gaps_and_reserved_names(self):
        data = bytearray(safetensors.encode({"a": np.ones(2, "f4")}))
        with self.assertRaises(ValueError):
            safetensors.read_header(bytes(data) + b"\0\0\0\0")
        with self.assertRaises(ValueError):
            safetensors.encode({"__metadata__": np.ones(1, "f4")})


if __name__ == "__main__":
    unittest.main()
