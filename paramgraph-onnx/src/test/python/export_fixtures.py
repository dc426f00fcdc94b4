#!/usr/bin/env python3
"""Exports the ONNX test fixtures of paramgraph-onnx and their manifest (fixtures.json).

Run with the Debian interpreter that has PyTorch 1.13 and onnx 1.12:
    /usr/bin/python3 paramgraph-onnx/src/test/python/export_fixtures.py
Output: paramgraph-onnx/src/test/resources/onnx/*.onnx and fixtures.json. Deterministic: every
fixture seeds torch before building its model, and every parameter and BatchNorm buffer is drawn
at random, because the exporter merges initializers with identical contents (a fresh BatchNorm's
weight equals its running_var), which would hide bugs in the name handling.

Expected node and edge counts are computed by hand from docs/PARAMETER_GRAPHS.md; each fixture
states the sum it used. Edge count = parameter count + residual edges, always.
"""
import io
import json
import os
import sys

import onnx
import onnx.checker
import onnx.numpy_helper
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")
EVAL = torch.onnx.TrainingMode.EVAL
# EVAL fuses a Conv directly followed by BatchNorm into the conv (the BN parameters disappear);
# PRESERVE on a model in eval() keeps the BatchNormalization node with training_mode=0.
PRESERVE = torch.onnx.TrainingMode.PRESERVE

manifest = []


def randomize(model, seed):
    torch.manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, 0.5)
        for name, b in model.named_buffers():
            if name.endswith("running_mean"):
                b.normal_(0.0, 0.1)
            elif name.endswith("running_var"):
                b.uniform_(0.5, 1.5)
    return model.eval()


def export(name, model, input_shape, opset, *, row=None, residual=0, nodes=None, edges=None,
           training=EVAL, seed=0, notes="", check_params=True, vocabulary=None):
    model = randomize(model, seed)
    # token models read int64 ids in [0, vocabulary); everything else reads float features
    x = torch.randn(*input_shape) if vocabulary is None else torch.randint(vocabulary, input_shape)
    buf = io.BytesIO()
    torch.onnx.export(model, x, buf, opset_version=opset, training=training,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    data = buf.getvalue()
    proto = onnx.load_from_string(data)
    onnx.checker.check_model(proto)
    params = sum(p.numel() for p in model.parameters())
    init_params = sum(int(torch.tensor(list(i.dims)).prod().item()) if i.dims else 1
                      for i in proto.graph.initializer)
    path = os.path.join(OUT, name + ".onnx")
    with open(path, "wb") as f:
        f.write(data)
    if edges is not None:
        assert edges == params + residual, f"{name}: edges {edges} != {params} + {residual}"
    entry = {"file": name + ".onnx", "opset": opset, "parameters": params,
             "residualEdges": residual, "inputShape": list(input_shape[1:]),
             "ops": sorted({n.op_type for n in proto.graph.node}), "bytes": len(data)}
    if nodes is not None:
        entry["nodes"] = nodes
    if edges is not None:
        entry["edges"] = edges
    if row is not None:
        entry["sizesTableRow"] = row
    if notes:
        entry["notes"] = notes
    manifest.append(entry)
    print(f"{name}: opset {opset}, {params} params ({init_params} initializer values), "
          f"{len(data)} bytes", file=sys.stderr)
    return proto


class Residual(nn.Module):
    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return x + self.body(x)


class SelfAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)

    def forward(self, x):
        return self.attn(x, x, x, need_weights=False)[0]


class PatchTransformer(nn.Module):
    """Pre-norm transformer block over [N, 16 tokens, 8] and a mean-pooled classifier."""

    def __init__(self, d=8, heads=2, hidden=16, classes=10):
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.attn = SelfAttention(d, heads)
        self.ln2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, hidden), nn.GELU(), nn.Linear(hidden, d))
        self.ln3 = nn.LayerNorm(d)
        self.head = nn.Linear(d, classes)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        x = x + self.mlp(self.ln2(x))
        return self.head(self.ln3(x).mean(dim=1))


class TokenClassifier(nn.Module):
    """nn.Embedding over [N, T] int64 ids, mean over the tokens, a linear head."""

    def __init__(self, vocabulary=20, d=8, classes=3):
        super().__init__()
        self.emb = nn.Embedding(vocabulary, d)
        self.head = nn.Linear(d, classes)

    def forward(self, ids):
        return self.head(self.emb(ids).mean(dim=1))


class TokenTransformer(nn.Module):
    """Embedding, LayerNorm, residual self-attention, mean over the tokens, a linear head."""

    def __init__(self, vocabulary=16, d=8, heads=2, classes=4):
        super().__init__()
        self.emb = nn.Embedding(vocabulary, d)
        self.ln = nn.LayerNorm(d)
        self.attn = SelfAttention(d, heads)
        self.head = nn.Linear(d, classes)

    def forward(self, ids):
        x = self.ln(self.emb(ids))
        x = x + self.attn(x)
        return self.head(x.mean(dim=1))


class ViewFlatten(nn.Module):
    def forward(self, x):
        return x.view(x.size(0), -1)


def main():
    os.makedirs(OUT, exist_ok=True)

    # ---- the six networks of the sizes table (shared/design/PARAMETER_GRAPHS.md) ----
    row1 = lambda: nn.Sequential(nn.Linear(2, 3, bias=False), nn.ReLU(), nn.LayerNorm(3), nn.Linear(3, 1))
    # nodes 2 in + 3 + (gamma, beta) + 1 out + 1 bias = 9
    export("row1_linear_layernorm_op17", row1(), (1, 2), 17, row=1, nodes=9, edges=16,
           notes="LayerNormalization as one op (opset 17)")
    export("row1_linear_layernorm_op13", row1(), (1, 2), 13, row=1, nodes=9, edges=16, seed=1,
           notes="LayerNorm decomposed into ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add")
    row2 = nn.Sequential(nn.Conv1d(1, 3, 2, bias=False), nn.ReLU(), nn.BatchNorm1d(3),
                         nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(3, 2))
    export("row2_conv1d_batchnorm_op14", row2, (1, 1, 8), 14, row=2, nodes=9, edges=20,
           training=PRESERVE)
    mlp = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    # digits MLP: 64 + (32 + 1) + (10 + 1) = 108 nodes
    export("row3_digits_mlp_op13", mlp, (1, 64), 13, row=3, nodes=108, edges=2410)
    cnn = lambda bn: nn.Sequential(*([nn.Conv2d(1, 8, 3), nn.ReLU()] + ([nn.BatchNorm2d(8)] if bn else [])
                                     + [nn.Conv2d(8, 16, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                        nn.Linear(16, 10)]))
    # digits CNN: 1 + (8 + 1) + (16 + 1) + (10 + 1) = 38 nodes
    export("row4_digits_cnn_op15", cnn(False), (1, 1, 8, 8), 15, row=4, nodes=38, edges=1418)
    export("row5_digits_cnn_batchnorm_op16", cnn(True), (1, 1, 8, 8), 16, row=5, nodes=40, edges=1434,
           training=PRESERVE)
    # BN right after the conv, exported in EVAL mode: the exporter folds BN into the conv, so the
    # ONNX file holds row 4's graph. This is why users must export with TrainingMode.PRESERVE.
    fused = nn.Sequential(nn.Conv2d(1, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 16, 3),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))
    export("digits_cnn_batchnorm_fused_eval_op16", fused, (1, 1, 8, 8), 16, nodes=38,
           notes="EVAL export folds Conv+BatchNorm: the 16 BN parameters are gone from the file")
    manifest[-1]["fusedParameters"] = 1418  # what the file holds; PyTorch had 1434
    manifest[-1]["edges"] = 1418
    zoo = nn.Sequential(nn.Conv2d(1, 16, 3, stride=2), nn.ReLU(), nn.Conv2d(16, 16, 3, stride=2), nn.ReLU(),
                        nn.Conv2d(16, 16, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                        nn.Linear(16, 10))
    # 1 + 3 * (16 + 1) + (10 + 1) = 63 nodes
    export("row6_cnn_zoo_op17", zoo, (1, 1, 28, 28), 17, row=6, nodes=63, edges=4970)

    # ---- flatten / reshape, pooling and activations ----
    flat = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 10))
    # 1 + (4 + 1) + (10 + 1) = 17 nodes; 40 + 370 = 410 edges
    export("digits_cnn_flatten_op14", flat, (1, 1, 8, 8), 14, nodes=17, edges=410)
    view = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.Sigmoid(), nn.AvgPool2d(2), nn.Dropout(0.2),
                         ViewFlatten(), nn.Linear(64, 10))
    export("digits_cnn_view_reshape_op13", view, (1, 1, 8, 8), 13, nodes=17, edges=40 + 650,
           notes="x.view(N, -1): Reshape with a Shape/Gather/Concat target")
    acts = nn.Sequential(nn.Linear(64, 16), nn.LeakyReLU(0.1), nn.Linear(16, 16), nn.Tanh(), nn.Identity(),
                         nn.Dropout(0.1), nn.Linear(16, 10), nn.Sigmoid())
    # 64 + 17 + 17 + 11 = 109 nodes
    export("digits_mlp_activations_op15", acts, (1, 64), 15, nodes=109, edges=1040 + 272 + 170)

    # ---- residual MLP with GELU and LayerNorm ----
    def res_mlp():
        return nn.Sequential(nn.Linear(16, 32), nn.GELU(),
                             Residual(nn.Sequential(nn.LayerNorm(32), nn.Linear(32, 32), nn.GELU())),
                             nn.Dropout(0.1), nn.Linear(32, 4))
    # 16 + 33 + 2 + 33 + 5 = 89 nodes; params 544 + 64 + 1056 + 132 = 1796, 32 residual edges
    export("mlp_gelu_residual_layernorm_op13", res_mlp(), (1, 16), 13, residual=32, nodes=89,
           edges=1796 + 32)
    export("mlp_gelu_residual_layernorm_op17", res_mlp(), (1, 16), 17, residual=32, nodes=89,
           edges=1796 + 32, seed=3)

    # ---- residual CNN ----
    rescnn = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(),
                           Residual(nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(),
                                                  nn.Conv2d(8, 8, 3, padding=1))),
                           nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 10))
    # 1 + 9 + 9 + 9 + 11 = 39 nodes; params 80 + 584 + 584 + 90 = 1338, 8 residual edges
    export("cnn_residual_op15", rescnn, (1, 1, 8, 8), 15, residual=8, nodes=39, edges=1338 + 8)

    # ---- norms, grouped and depthwise conv ----
    norms = nn.Sequential(nn.Conv2d(1, 8, 3), nn.GroupNorm(2, 8), nn.GELU(),
                          nn.Conv2d(8, 8, 3, groups=2), nn.InstanceNorm2d(8, affine=True), nn.ReLU(),
                          nn.Conv2d(8, 8, 3, groups=8), nn.LayerNorm([8, 2, 2]), nn.Flatten(),
                          nn.Linear(32, 10))
    # 1 + 9 + 2 + 9 + 2 + 9 + 2 + 11 = 45 nodes
    # params 80 + 16 + (8*4*9 + 8) + 16 + (8*9 + 8) + 64 + 330 = 80+16+296+16+80+64+330 = 882
    export("cnn_groupnorm_instancenorm_layernorm_op16", norms, (1, 1, 8, 8), 16, nodes=45, edges=882,
           notes="GroupNorm decomposed (Reshape, InstanceNormalization with constant scale/bias, "
                 "Reshape, Mul, Add); grouped and depthwise conv; LayerNorm over [C,H,W] decomposed")
    norms17 = nn.Sequential(nn.Conv2d(1, 8, 3), nn.LayerNorm([8, 6, 6]), nn.ReLU(),
                            nn.Conv2d(8, 4, 3, groups=2, stride=2, bias=False), nn.GroupNorm(4, 4),
                            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3))
    # 1 + 9 + 2 + 4 + 2 + 4 = 22 nodes; params 80 + 576 + 144 + 8 + 15 = 823
    export("cnn_layernorm_chw_op17", norms17, (1, 1, 8, 8), 17, nodes=22, edges=823)
    conv1d = nn.Sequential(nn.Conv1d(2, 4, 3, groups=2), nn.ReLU(),
                           nn.Conv1d(4, 4, 3, groups=4, stride=2, padding=1), nn.AvgPool1d(2),
                           nn.Flatten(), nn.Linear(16, 3))
    # L 16 -> 14 -> 7 -> 3; flatten 4*3 = 12 -> fix Linear below
    conv1d[5] = nn.Linear(12, 3)
    # 2 + 5 + 5 + 4 = 16 nodes; params (4*1*3+4) + (4*3+4) + 39 = 16 + 16 + 39 = 71
    export("conv1d_grouped_depthwise_op15", conv1d, (1, 2, 16), 15, nodes=16, edges=71)

    # ---- Linear on a 3-D input: MatMul + Add with a transposed [in, out] initializer ----
    seq = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 8, bias=False), nn.Flatten(),
                        nn.Linear(40, 3))
    # 8 + 17 + 8 + 4 = 37 nodes; params 144 + 128 + 123 = 395
    export("sequence_linear_matmul_op14", seq, (1, 5, 8), 14, nodes=37, edges=395)

    # ---- self-attention ----
    # nodes: 8 input + attention (8 + 3 bias + 8 out + 1 out bias) + 2 LN norms x2 ... see below
    # ln1 2, attn 20, ln2 2, fc1 17, fc2 9, ln3 2, head 11 = 8 + 63 = 71 nodes
    # params ln 16*3 + attn 4*64 + 32 ... = 48 + 288 + 144 + 136 + 90 = 706; residual 16
    export("patch_transformer_attention_op17", PatchTransformer(), (1, 16, 8), 17, residual=16,
           nodes=71, edges=706 + 16)
    export("patch_transformer_attention_op14", PatchTransformer(), (1, 16, 8), 14, residual=16,
           nodes=71, edges=706 + 16, seed=5)

    # ---- token inputs: nn.Embedding exported as Gather(weight [V, d], int64 ids [N, T]) ----
    # 20 embedding + 8 + (3 + 1) = 32 nodes; params 160 + 24 + 3 = 187
    for opset, seed in ((13, 6), (17, 7)):
        export(f"token_embedding_classifier_op{opset}", TokenClassifier(), (1, 6), opset, vocabulary=20,
               nodes=32, edges=187, seed=seed)
    # 16 embedding + 8 + ln 2 + attention 20 + head (4 + 1) = 51 nodes
    # params 128 + 16 + (192 + 24 + 64 + 8) + 36 = 468; residual 8
    for opset, seed in ((13, 8), (17, 9)):
        export(f"token_transformer_attention_op{opset}", TokenTransformer(), (1, 6), opset, vocabulary=16,
               residual=8, nodes=51, edges=468 + 8, seed=seed)

    # ---- bad inputs ----
    class Rnn(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.GRU(4, 3, batch_first=True)
            self.fc = nn.Linear(3, 2)

        def forward(self, x):
            return self.fc(self.rnn(x)[0])
    export("bad_unsupported_gru_op14", Rnn(), (1, 5, 4), 14,
           notes="GRU is not supported: UnsupportedOperatorException naming /rnn/GRU")

    base = onnx.load(os.path.join(OUT, "row3_digits_mlp_op13.onnx"))
    mismatch = onnx.ModelProto()
    mismatch.CopyFrom(base)
    for init in mismatch.graph.initializer:
        if init.name == "2.weight":  # [10, 32] -> [10, 31]: disagrees with the 32 features it reads
            arr = onnx.numpy_helper.to_array(init)[:, :31].copy()
            init.CopyFrom(onnx.numpy_helper.from_array(arr, "2.weight"))
    save_bad("bad_shape_mismatch_op13", mismatch, "initializer 2.weight is [10, 31]; Gemm /2/Gemm reads 32 features")

    overflow = onnx.ModelProto()
    overflow.CopyFrom(base)
    for init in overflow.graph.initializer:
        if init.name == "0.weight":  # dims product 2^64 overflows int64; no data behind it
            del init.dims[:]
            init.dims.extend([1 << 32, 1 << 32])
            init.ClearField("raw_data")
    save_bad("bad_dims_overflow_op13", overflow, "initializer 0.weight declares [2^32, 2^32]")

    huge = onnx.ModelProto()
    huge.CopyFrom(base)
    for init in huge.graph.initializer:
        if init.name == "0.weight":  # 10^10 floats: over any sane limit, only 0 bytes present
            del init.dims[:]
            init.dims.extend([100000, 100000])
            init.ClearField("raw_data")
    save_bad("bad_dims_huge_op13", huge, "initializer 0.weight declares [100000, 100000]")

    old = onnx.ModelProto()
    old.CopyFrom(base)
    old.opset_import[0].version = 11
    save_bad("bad_opset11", old, "opset 11 is outside 13..17")

    with open(os.path.join(OUT, "fixtures.json"), "w") as f:
        json.dump({"generator": "src/test/python/export_fixtures.py", "torch": torch.__version__,
                   "onnx": onnx.__version__, "fixtures": manifest}, f, indent=2)
        f.write("\n")


def save_bad(name, proto, notes):
    data = proto.SerializeToString()
    with open(os.path.join(OUT, name + ".onnx"), "wb") as f:
        f.write(data)
    manifest.append({"file": name + ".onnx", "opset": proto.opset_import[0].version, "bad": True,
                     "bytes": len(data), "notes": notes})


if __name__ == "__main__":
    main()
