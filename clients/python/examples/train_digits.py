#!/usr/bin/python3
"""Trains an MLP (64-32-10, ReLU) on the digits task and publishes it to gmn-stream as it trains.

The task is the canonical one of shared/data/README.md ("digits-8x8"): the 1,797 rows of
digits.csv.gz, pixels / 16 as 64 features, test rows are those with index i % 5 == 4.

    /usr/bin/python3 clients/python/examples/train_digits.py \\
        --bootstrap localhost:9092 --registry http://localhost:8081 --run-id digits-mlp-1

A checkpoint goes out every --every optimizer steps and after the last step, with train_loss,
train_accuracy and test_accuracy; the outcome (final test accuracy) at the end. The last line of
output is a JSON summary, prefixed with "GMN_PUBLISHED ", that tests read.
"""
from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import sys
from typing import List, Tuple

import torch
from torch import nn

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))  # the package next to this folder, without installing it

from gmnstream_publisher import (DEFAULT_INLINE_LIMIT_BYTES, Publisher, layer_spec,  # noqa: E402
                                 onnx_architecture)

TASK = "digits-8x8"
# The project bundles the digits file; ../shared/data/digits holds the same bytes.
DEFAULT_DATA = REPO / "gmn-operator" / "src" / "main" / "resources" / "datasets" / "digits.csv.gz"

Split = Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]


def load_digits(path: pathlib.Path) -> Split:
    """(x_train, y_train, x_test, y_test) with the canonical split and scaling."""
    with gzip.open(path, "rt") as f:
        rows = [[int(v) for v in line.split(",")] for line in f if line.strip()]
    x = torch.tensor([r[:64] for r in rows], dtype=torch.float32) / 16.0
    y = torch.tensor([r[64] for r in rows])
    test = torch.tensor([i % 5 == 4 for i in range(len(rows))])
    return x[~test], y[~test], x[test], y[test]


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of rows whose argmax logit is the label, in eval mode."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        value = (model(x).argmax(1) == y).float().mean().item()
    model.train(was_training)
    return value


def parse_args(argv: List[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers")
    p.add_argument("--registry", required=True, help="schema registry URL")
    p.add_argument("--run-id", required=True)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--every", type=int, default=20, help="publish a checkpoint every N optimizer steps")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--blob-dir", type=pathlib.Path, help="where checkpoints over the inline limit are written")
    p.add_argument("--inline-limit", type=int, default=DEFAULT_INLINE_LIMIT_BYTES,
                   help="largest checkpoint sent inline, in bytes (default 1 MiB)")
    p.add_argument("--architecture", choices=["spec", "onnx"], default="spec",
                   help="publish the native gmn-layers/1 spec (default) or an ONNX export")
    p.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA, help="digits.csv.gz")
    return p.parse_args(argv)


def main(argv: List[str]) -> int:
    args = parse_args(argv)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    x_train, y_train, x_test, y_test = load_digits(args.data)
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    architecture = layer_spec(model, [64]) if args.architecture == "spec" else onnx_architecture(model, x_test[:1])
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    hyperparameters = {"optimizer": "adam", "lr": args.lr, "batch_size": args.batch_size, "epochs": args.epochs}

    with Publisher(args.bootstrap, args.registry, args.run_id, TASK, architecture=architecture,
                   hyperparameters=hyperparameters, inline_limit_bytes=args.inline_limit,
                   blob_dir=args.blob_dir) as publisher:
        step, losses = 0, []
        for epoch in range(args.epochs):
            for batch in torch.randperm(len(x_train)).split(args.batch_size):
                optimizer.zero_grad()
                loss = nn.functional.cross_entropy(model(x_train[batch]), y_train[batch])
                loss.backward()
                optimizer.step()
                step += 1
                losses.append(loss.item())
                if step % args.every == 0:
                    publish(publisher, model, step, epoch, losses, (x_train, y_train, x_test, y_test))
                    losses = []
        if losses:  # the final weights, when the last step was not a multiple of --every
            publish(publisher, model, step, args.epochs - 1, losses, (x_train, y_train, x_test, y_test))
        test_accuracy = accuracy(model, x_test, y_test)
        publisher.outcome(test_accuracy, train_accuracy=accuracy(model, x_train, y_train), final_step=step)

    summary = {"runId": args.run_id, "checkpoints": len(publisher.published),
               "byReference": sum(1 for c in publisher.published if not c.inline),
               "steps": [c.step for c in publisher.published], "finalStep": step, "testAccuracy": test_accuracy}
    print("GMN_PUBLISHED " + json.dumps(summary), flush=True)
    return 0


def publish(publisher: Publisher, model: nn.Module, step: int, epoch: int, losses: List[float], data: Split) -> None:
    """One checkpoint with the mean loss since the previous one and both accuracies now."""
    x_train, y_train, x_test, y_test = data
    metrics = {"train_loss": sum(losses) / len(losses), "train_accuracy": accuracy(model, x_train, y_train),
               "test_accuracy": accuracy(model, x_test, y_test)}
    sent = publisher.checkpoint(model, step, epoch=epoch, metrics=metrics)
    where = "inline" if sent.inline else sent.uri
    print(f"step {step} epoch {epoch} loss {metrics['train_loss']:.4f} test {metrics['test_accuracy']:.4f} "
          f"-> {sent.size_bytes} bytes {where}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
