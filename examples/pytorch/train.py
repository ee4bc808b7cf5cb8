#!/usr/bin/env python
"""A small PyTorch classifier for data/train.csv and data/eval.csv (last column = label).

Runs in the stock pytorch/pytorch image: it uses only torch and the standard library. Reads its
params from $MLCI_PARAMS_FILE (the flattened params mlci writes), resumes from
checkpoints/last.pt, and writes model/model.pt and metrics.json.
"""
import csv
import json
import os

import torch
from torch import nn


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [[float(value) for value in row] for row in csv.reader(f) if row]
    data = torch.tensor(rows)
    return data[:, :-1], data[:, -1].long()


def main():
    with open(os.environ["MLCI_PARAMS_FILE"], encoding="utf-8") as f:
        params = json.load(f)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    print(f"training on {device} ({torch.cuda.device_count()} GPU(s))", flush=True)
    x, y = load("data/train.csv")
    x_eval, y_eval = load("data/eval.csv")
    classes = int(max(y.max(), y_eval.max())) + 1
    model = nn.Sequential(nn.Linear(x.shape[1], int(params["train.hidden"])), nn.ReLU(),
                          nn.Linear(int(params["train.hidden"]), classes)).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=float(params["train.lr"]))
    start = 0
    os.makedirs("checkpoints", exist_ok=True)
    if os.path.exists("checkpoints/last.pt"):
        state = torch.load("checkpoints/last.pt", map_location=device)
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        start = state["epoch"] + 1
        print(f"resuming after epoch {start}", flush=True)
    batch = int(params["train.batch_size"])
    for epoch in range(start, int(params["train.epochs"])):
        order = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            index = order[i:i + batch]
            optimiser.zero_grad()
            loss = nn.functional.cross_entropy(model(x[index].to(device)), y[index].to(device))
            loss.backward()
            optimiser.step()
        torch.save({"model": model.state_dict(), "optimiser": optimiser.state_dict(), "epoch": epoch},
                   "checkpoints/last.pt.tmp")
        os.replace("checkpoints/last.pt.tmp", "checkpoints/last.pt")
        print(f"epoch {epoch + 1}: loss {loss.item():.4f}", flush=True)
    with torch.no_grad():
        logits = model(x_eval.to(device))
        accuracy = (logits.argmax(1).cpu() == y_eval).float().mean().item()
        eval_loss = nn.functional.cross_entropy(logits, y_eval.to(device)).item()
    os.makedirs("model", exist_ok=True)
    torch.save(model.state_dict(), "model/model.pt")
    with open("metrics.json", "w", encoding="utf-8") as f:
        json.dump({"accuracy": accuracy, "loss": eval_loss}, f)


if __name__ == "__main__":
    main()
