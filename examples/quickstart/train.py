#!/usr/bin/env python3
"""Train a tiny logistic-regression classifier on data/splits/*.csv (standard library only).

Reads its params from $MLCI_PARAMS_FILE (flattened JSON written by mlci), falling back to
params.yaml's simple "name: value" lines when run by hand. Writes:
  model/model.json      the weights
  metrics.json          accuracy, loss and per-slice accuracy
  predictions.csv       one row per eval example (for significance tests)
  checkpoints/last.json the state after each epoch; training resumes from it
"""
import csv
import json
import math
import os
import random
import sys
import time


def load_params():
    path = os.environ.get("MLCI_PARAMS_FILE")
    if path:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    params = {}
    with open("params.yaml", encoding="utf-8") as f:
        section = ""
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, _, value = line.partition(":")
            if not value.strip():
                section = name.strip() + "."
                continue
            key = (section if line.startswith(" ") else "") + name.strip()
            try:
                params[key] = json.loads(value.strip())
            except ValueError:
                params[key] = value.strip()
    return params


def read_split(name):
    with open(os.path.join("data", "splits", name), newline="", encoding="utf-8") as f:
        return [(float(r["x1"]), float(r["x2"]), int(r["label"])) for r in csv.DictReader(f)]


def predict(w, x1, x2):
    z = w[0] + w[1] * x1 + w[2] * x2
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def main():
    p = load_params()
    epochs = int(p.get("train.epochs", 20))
    lr = float(p.get("train.lr", 0.5))
    seed = int(p.get("train.seed", 7))
    pause = float(p.get("train.epoch_seconds", 0))
    train, evaluation = read_split("train.csv"), read_split("eval.csv")

    os.makedirs("checkpoints", exist_ok=True)
    state = {"epoch": 0, "weights": [0.0, 0.0, 0.0]}
    checkpoint = os.path.join("checkpoints", "last.json")
    if os.path.exists(checkpoint):
        with open(checkpoint, encoding="utf-8") as f:
            state = json.load(f)
        print(f"resuming from checkpoint: epoch {state['epoch']}", flush=True)

    rng = random.Random(seed)
    w = state["weights"]

    def log_loss():
        return -sum(y * math.log(max(1e-12, predict(w, a, b))) + (1 - y) * math.log(max(1e-12, 1 - predict(w, a, b)))
                    for a, b, y in train) / len(train)

    for epoch in range(state["epoch"] + 1, epochs + 1):
        order = list(range(len(train)))
        rng.shuffle(order)
        for i in order:
            x1, x2, y = train[i]
            g = predict(w, x1, x2) - y
            w = [w[0] - lr * g, w[1] - lr * g * x1, w[2] - lr * g * x2]
        loss = log_loss()
        tmp = checkpoint + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"epoch": epoch, "weights": w}, f)
        os.replace(tmp, checkpoint)
        print(f"epoch {epoch}/{epochs} loss {loss:.4f}", flush=True)
        if pause:
            time.sleep(pause)

    loss = log_loss()
    rows, correct = [], 0
    for i, (x1, x2, y) in enumerate(evaluation):
        guess = 1 if predict(w, x1, x2) >= 0.5 else 0
        correct += guess == y
        rows.append((i, y, guess, int(guess == y), "high" if x1 > 0.5 else "low"))
    accuracy = correct / len(evaluation)
    slices = {}
    for name in ("high", "low"):
        members = [r for r in rows if r[4] == name]
        slices["x1=" + name] = {"accuracy": sum(r[3] for r in members) / max(1, len(members))}

    os.makedirs("model", exist_ok=True)
    with open(os.path.join("model", "model.json"), "w", encoding="utf-8") as f:
        json.dump({"weights": w, "features": ["x1", "x2"]}, f, indent=2)
    with open("metrics.json", "w", encoding="utf-8") as f:
        json.dump({"accuracy": round(accuracy, 6), "loss": round(loss, 6), "slices": slices}, f, indent=2)
    with open("predictions.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "label", "prediction", "correct"])
        out.writerows(r[:4] for r in rows)
    print(f"accuracy {accuracy:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
