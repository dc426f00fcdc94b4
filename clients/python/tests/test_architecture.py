"""Deriving the native gmn-layers/1 spec from nn.Sequential models."""
import json
import unittest

import torch
from torch import nn

import _path  # noqa: F401  (puts the package on sys.path)
from gmnstream_publisher import UnsupportedModuleError, layer_spec, layer_spec_json, onnx_architecture


class LayerSpecTest(unittest.TestCase):

    def test_mlp_layers_are_named_by_state_dict_path(self):
        model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10, bias=False))
        spec = layer_spec(model, [64])
        self.assertEqual(spec["format"], "gmn-layers/1")
        self.assertEqual(spec["input"], {"shape": [64], "layout": "features"})
        self.assertEqual(spec["layers"], [
            {"name": "0", "op": "linear", "inFeatures": 64, "outFeatures": 32, "bias": True},
            {"name": "1", "op": "activation", "fn": "relu"},
            {"name": "2", "op": "linear", "inFeatures": 32, "outFeatures": 10, "bias": False},
        ])
        params = {n.rsplit(".", 1)[0] for n in model.state_dict()}
        self.assertTrue(params <= {layer["name"] for layer in spec["layers"]})

    def test_cnn_with_norm_pool_and_nested_blocks(self):
        model = nn.Sequential(
            nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.GELU()),
            nn.MaxPool2d(2), nn.Dropout(0.1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.LayerNorm(8), nn.Linear(8, 10))
        spec = layer_spec(model, [1, 8, 8])
        self.assertEqual(spec["input"]["layout"], "channels_first")
        layers = {layer["name"]: layer for layer in spec["layers"]}
        self.assertEqual(layers["0.0"], {"name": "0.0", "op": "conv", "inChannels": 1, "outChannels": 8,
                                         "kernel": [3, 3], "stride": [1, 1], "padding": [1, 1],
                                         "dilation": [1, 1], "groups": 1, "bias": True})
        self.assertEqual(layers["0.1"], {"name": "0.1", "op": "batch_norm", "numFeatures": 8, "affine": True})
        self.assertEqual(layers["1"], {"name": "1", "op": "max_pool", "kernel": [2, 2], "stride": [2, 2],
                                       "padding": [0, 0]})
        self.assertEqual([layers[n]["op"] for n in ("2", "3", "4")], ["dropout", "global_avg_pool", "flatten"])
        self.assertEqual(layers["5"], {"name": "5", "op": "layer_norm", "normalizedShape": [8], "affine": True,
                                       "bias": True})
        json.loads(layer_spec_json(model, [1, 8, 8]))

    def test_refuses_what_the_spec_cannot_describe(self):
        with self.assertRaises(UnsupportedModuleError):
            layer_spec(nn.Sequential(nn.LSTM(4, 4)), [4])
        with self.assertRaises(UnsupportedModuleError):
            layer_spec(nn.Linear(4, 4), [4])
        with self.assertRaises(UnsupportedModuleError):
            layer_spec(nn.Sequential(nn.AdaptiveAvgPool2d(2)), [1, 8, 8])

    def test_onnx_export_is_bytes_and_keeps_training_mode(self):
        model = nn.Sequential(nn.Linear(4, 2))
        model.train()
        data = onnx_architecture(model, torch.zeros(1, 4))
        self.assertGreater(len(data), 0)
        self.assertTrue(model.training)
        self.assertIn(b"0.weight", data)


if __name__ == "__main__":
    unittest.main()
