#!/usr/bin/python3
"""Regenerates the example networks in this folder (run with Debian's python3-torch 1.13):

    /usr/bin/python3 examples/make_examples.py

Each network is trained for a few epochs on the digits task (../shared/data/digits, the canonical
split of its README: test rows are i % 5 == 4, pixels / 16) so the examples are real checkpoints.
Deterministic: fixed seeds, one thread.
"""
import gzip
import json
import pathlib
import struct

import torch
from torch import nn

HERE = pathlib.Path(__file__).resolve().parent
DIGITS = HERE.parent.parent / "shared" / "data" / "digits" / "digits.csv.gz"

torch.manual_seed(0)
torch.set_num_threads(1)


def load_digits():
    rows = [list(map(int, line.split(","))) for line in gzip.open(DIGITS, "rt").read().split()]
    x = torch.tensor([r[:64] for r in rows], dtype=torch.float32) / 16.0
    y = torch.tensor([r[64] for r in rows])
    test = torch.tensor([i % 5 == 4 for i in range(len(rows))])
    return x[~test], y[~test], x[test], y[test]


def train(model, image, epochs=30):
    xtr, ytr, xte, yte = load_digits()
    if image:
        xtr, xte = xtr.view(-1, 1, 8, 8), xte.view(-1, 1, 8, 8)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(epochs):
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            nn.functional.cross_entropy(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).float().mean().item()
    return acc


def export_onnx(model, example, name, opset=17):
    # PRESERVE keeps BatchNorm as its own op (EVAL mode would fold it into the conv before it).
    torch.onnx.export(model, example, HERE / name, opset_version=opset,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True,
                      input_names=["input"], output_names=["logits"])


def write_safetensors(model, path):
    tensors = {k: v.detach().contiguous().float() for k, v in model.state_dict().items()
               if "running_" not in k and "num_batches" not in k}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"producer": "gmn-stream examples/make_examples.py"}
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


class ResidualMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Linear(64, 32)
        self.norm = nn.LayerNorm(32)
        self.fc1 = nn.Linear(32, 32)
        self.fc2 = nn.Linear(32, 32)
        self.head = nn.Linear(32, 10)

    def forward(self, x):
        h = torch.relu(self.stem(x))
        h = h + self.fc2(nn.functional.gelu(self.fc1(self.norm(h))))
        return self.head(h)


class PatchTransformer(nn.Module):
    """The 8x8 image as 8 tokens (its rows): a linear patch embedding, one pre-norm transformer
    block (self-attention with 2 heads, GELU MLP), mean pooling over tokens and a linear head."""

    def __init__(self, d=16, heads=2, hidden=32):
        super().__init__()
        self.embed = nn.Linear(8, d)
        self.ln1 = nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.ln2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, hidden), nn.GELU(), nn.Linear(hidden, d))
        self.head = nn.Linear(d, 10)

    def forward(self, x):
        h = self.embed(x.view(-1, 8, 8))
        q = self.ln1(h)
        h = h + self.attn(q, q, q, need_weights=False)[0]
        h = h + self.mlp(self.ln2(h))
        return self.head(h.mean(dim=1))


RESIDUAL_MLP_SPEC = {
    "format": "gmn-layers/1",
    "input": {"shape": [64], "layout": "features"},
    "layers": [
        {"name": "stem", "op": "linear", "inFeatures": 64, "outFeatures": 32},
        {"name": "stem_act", "op": "activation", "fn": "relu"},
        {"name": "norm", "op": "layer_norm", "normalizedShape": [32]},
        {"name": "fc1", "op": "linear", "inFeatures": 32, "outFeatures": 32},
        {"name": "fc1_act", "op": "activation", "fn": "gelu"},
        {"name": "fc2", "op": "linear", "inFeatures": 32, "outFeatures": 32},
        {"name": "residual", "op": "add", "inputs": ["stem_act", "fc2"]},
        {"name": "head", "op": "linear", "inFeatures": 32, "outFeatures": 10},
    ],
}


def main():
    accuracies = {}

    mlp = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    accuracies["digits-mlp.onnx"] = train(mlp, image=False)
    export_onnx(mlp, torch.zeros(1, 64), "digits-mlp.onnx")

    cnn = nn.Sequential(nn.Conv2d(1, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 16, 3), nn.ReLU(),
                        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))
    accuracies["digits-cnn-bn.onnx"] = train(cnn, image=True)
    export_onnx(cnn, torch.zeros(1, 1, 8, 8), "digits-cnn-bn.onnx")

    vit = PatchTransformer()
    accuracies["digits-patch-transformer.onnx"] = train(vit, image=False, epochs=40)
    export_onnx(vit, torch.zeros(1, 8, 8), "digits-patch-transformer.onnx")

    res = ResidualMlp()
    accuracies["residual-mlp.safetensors"] = train(res, image=False)
    write_safetensors(res, HERE / "residual-mlp.safetensors")
    (HERE / "residual-mlp.json").write_text(json.dumps(RESIDUAL_MLP_SPEC, indent=2) + "\n")

    (HERE / "accuracies.json").write_text(json.dumps(
        {k: round(v, 4) for k, v in accuracies.items()}, indent=2) + "\n")
    print(json.dumps(accuracies, indent=2))


if __name__ == "__main__":
    main()
