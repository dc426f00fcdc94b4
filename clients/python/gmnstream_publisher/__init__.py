"""Publishes PyTorch training runs to gmn-stream (manifest, checkpoints, outcome).

See clients/python/README.md.
"""
from .architecture import UnsupportedModuleError, layer_spec, layer_spec_json, onnx_architecture
from .publisher import DEFAULT_INLINE_LIMIT_BYTES, DeliveryError, PublishedCheckpoint, Publisher

__all__ = [
    "DEFAULT_INLINE_LIMIT_BYTES", "DeliveryError", "PublishedCheckpoint", "Publisher",
    "UnsupportedModuleError", "layer_spec", "layer_spec_json", "onnx_architecture",
]
