"""A run's architecture for its manifest: the native ``gmn-layers/1`` spec or an ONNX export.

:func:`layer_spec` derives the spec (docs/PARAMETER_GRAPHS.md) from a ``torch.nn.Sequential``:
each module becomes one layer named after its path in the model (``"0"``, ``"features.2"``), so
the default tensor names ``<name>.weight`` / ``<name>.bias`` are exactly the model's state-dict
names and the checkpoints need no renaming. Anything that is not a plain chain of the supported
modules (residual blocks, custom ``forward``) should use :func:`onnx_architecture` instead: the
pipeline lowers PyTorch's ONNX export to the same spec, with the ONNX initializer names (the
state-dict names, for modules exported as Gemm/Conv) as tensor names.
"""
from __future__ import annotations

import io
import json
import warnings
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import torch
from torch import nn

SPEC_FORMAT = "gmn-layers/1"

_ACTIVATIONS: Dict[type, str] = {
    nn.ReLU: "relu", nn.LeakyReLU: "leaky_relu", nn.GELU: "gelu", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid",
    nn.SiLU: "silu", nn.ELU: "elu", nn.Softmax: "softmax",
}


class UnsupportedModuleError(ValueError):
    """A module the native spec cannot describe; export the model as ONNX instead."""


def layer_spec(model: nn.Module, input_shape: Sequence[int], layout: Optional[str] = None) -> Dict[str, Any]:
    """The ``gmn-layers/1`` spec of a sequential model.

    ``input_shape`` is one example's shape without the batch dimension: ``[64]`` for 64 features,
    ``[1, 8, 8]`` for a one-channel 8x8 image. ``layout`` defaults to ``features`` for one
    dimension and ``channels_first`` for more (``tokens`` when the model starts with an Embedding).
    """
    layers = [_layer(name, module) for name, module in _leaves(model, "")]
    if not layers:
        raise UnsupportedModuleError("the model has no layers")
    if layout is None:
        layout = _default_layout(model, input_shape)
    return {"format": SPEC_FORMAT, "input": {"shape": [int(d) for d in input_shape], "layout": layout},
            "layers": layers}


def layer_spec_json(model: nn.Module, input_shape: Sequence[int], layout: Optional[str] = None) -> str:
    """:func:`layer_spec` as the JSON text a RunManifest carries."""
    return json.dumps(layer_spec(model, input_shape, layout), separators=(",", ":"))


def onnx_architecture(model: nn.Module, example_input: torch.Tensor, opset: int = 17) -> bytes:
    """The ONNX bytes of ``model`` for a manifest.

    ``PRESERVE`` keeps BatchNorm as its own node: the default eval export folds it into the
    convolution before it and its parameters would no longer match the checkpoints' tensors.
    """
    buffer = io.BytesIO()
    was_training = model.training
    model.eval()
    try:
        with warnings.catch_warnings():
            # In eval mode constant folding cannot change a trained parameter; torch warns about
            # folding in every PRESERVE export all the same.
            warnings.filterwarnings("ignore", message=".*constant folding.*")
            torch.onnx.export(model, example_input, buffer, opset_version=opset,
                              training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True,
                              input_names=["input"], output_names=["output"])
    finally:
        model.train(was_training)
    return buffer.getvalue()


def _leaves(module: nn.Module, prefix: str) -> Iterator[Tuple[str, nn.Module]]:
    """The modules of a (possibly nested) Sequential in call order, with their state-dict paths."""
    if not isinstance(module, nn.Sequential):
        raise UnsupportedModuleError(
            f"{type(module).__name__} is not an nn.Sequential: its forward() may do anything; "
            "publish onnx_architecture(model, example_input) instead")
    for name, child in module.named_children():
        path = f"{prefix}{name}"
        if isinstance(child, nn.Sequential):
            yield from _leaves(child, path + ".")
        else:
            yield path, child


def _default_layout(model: nn.Module, input_shape: Sequence[int]) -> str:
    first = next(_leaves(model, ""))[1]
    if isinstance(first, nn.Embedding):
        return "tokens"
    return "features" if len(input_shape) == 1 else "channels_first"


def _layer(name: str, module: nn.Module) -> Dict[str, Any]:
    for types, convert in _CONVERTERS:
        if isinstance(module, types):
            return {"name": name, **convert(module)}
    if type(module) in _ACTIVATIONS:
        return {"name": name, "op": "activation", "fn": _ACTIVATIONS[type(module)]}
    raise UnsupportedModuleError(
        f"layer '{name}' is a {type(module).__name__}, which gmn-layers/1 cannot describe; "
        "publish onnx_architecture(model, example_input) instead")


def _linear(m: nn.Linear) -> Dict[str, Any]:
    return {"op": "linear", "inFeatures": m.in_features, "outFeatures": m.out_features, "bias": m.bias is not None}


def _conv(m: nn.modules.conv._ConvNd) -> Dict[str, Any]:
    if isinstance(m.padding, str) or m.padding_mode != "zeros" or m.transposed:
        raise UnsupportedModuleError(f"{m}: only zero-padded forward convolutions with numeric padding are supported")
    return {"op": "conv", "inChannels": m.in_channels, "outChannels": m.out_channels,
            "kernel": list(m.kernel_size), "stride": list(m.stride), "padding": list(m.padding),
            "dilation": list(m.dilation), "groups": m.groups, "bias": m.bias is not None}


def _batch_norm(m: nn.modules.batchnorm._BatchNorm) -> Dict[str, Any]:
    return {"op": "batch_norm", "numFeatures": m.num_features, "affine": m.affine}


def _layer_norm(m: nn.LayerNorm) -> Dict[str, Any]:
    spec = {"op": "layer_norm", "normalizedShape": list(m.normalized_shape), "affine": m.elementwise_affine}
    if m.elementwise_affine:
        spec["bias"] = getattr(m, "bias", None) is not None
    return spec


def _group_norm(m: nn.GroupNorm) -> Dict[str, Any]:
    return {"op": "group_norm", "numGroups": m.num_groups, "numChannels": m.num_channels, "affine": m.affine}


def _instance_norm(m: nn.modules.instancenorm._InstanceNorm) -> Dict[str, Any]:
    return {"op": "instance_norm", "numFeatures": m.num_features, "affine": m.affine}


def _embedding(m: nn.Embedding) -> Dict[str, Any]:
    return {"op": "embedding", "numEmbeddings": m.num_embeddings, "embeddingDim": m.embedding_dim}


def _pool(op: str) -> Callable[[nn.Module], Dict[str, Any]]:
    def convert(m: nn.Module) -> Dict[str, Any]:
        dims = int(type(m).__name__[-2])
        if getattr(m, "ceil_mode", False) or _tuple(getattr(m, "dilation", 1), dims) != [1] * dims:
            raise UnsupportedModuleError(f"{m}: ceil_mode and dilation are not supported")
        stride = m.stride if m.stride is not None else m.kernel_size
        return {"op": op, "kernel": _tuple(m.kernel_size, dims), "stride": _tuple(stride, dims),
                "padding": _tuple(m.padding, dims)}
    return convert


def _global_pool(op: str) -> Callable[[nn.Module], Dict[str, Any]]:
    def convert(m: nn.Module) -> Dict[str, Any]:
        size = m.output_size if isinstance(m.output_size, (tuple, list)) else (m.output_size,)
        if any(s != 1 for s in size):
            raise UnsupportedModuleError(f"{m}: only an output size of 1 (global pooling) is supported")
        return {"op": op}
    return convert


def _tuple(value: Any, dims: int) -> List[int]:
    return [int(v) for v in value] if isinstance(value, (tuple, list)) else [int(value)] * dims


def _no_fields(op: str) -> Callable[[nn.Module], Dict[str, Any]]:
    return lambda m: {"op": op}


_CONVERTERS: List[Tuple[Any, Callable[[Any], Dict[str, Any]]]] = [
    (nn.Linear, _linear),
    ((nn.Conv1d, nn.Conv2d, nn.Conv3d), _conv),
    (nn.modules.batchnorm._BatchNorm, _batch_norm),
    (nn.LayerNorm, _layer_norm),
    (nn.GroupNorm, _group_norm),
    (nn.modules.instancenorm._InstanceNorm, _instance_norm),
    (nn.Embedding, _embedding),
    ((nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d), _pool("max_pool")),
    ((nn.AvgPool1d, nn.AvgPool2d, nn.AvgPool3d), _pool("avg_pool")),
    ((nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d, nn.AdaptiveAvgPool3d), _global_pool("global_avg_pool")),
    ((nn.AdaptiveMaxPool1d, nn.AdaptiveMaxPool2d, nn.AdaptiveMaxPool3d), _global_pool("global_max_pool")),
    (nn.Flatten, _no_fields("flatten")),
    (nn.modules.dropout._DropoutNd, _no_fields("dropout")),
    (nn.Identity, _no_fields("identity")),
]
