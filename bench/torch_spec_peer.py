#!/usr/bin/env python3
"""PyTorch peer of bench/cnn.ts for any network spec of src/nn/spec.ts (the general model's, by default): builds the
same layers from the spec JSON (conv1d with padding kernel//2 unless given, batchnorm1d, relu, gelu, dropout,
max/avg pool, global pools, flatten, concat_aux, linear), then times Adam train steps (MSE) and batched inference on
random data with the protocol of ../shared/bench/torch_peer.py: one warm-up epoch, median of `repeats` epochs.
Usage: /usr/bin/python3 bench/torch_spec_peer.py --spec SPEC.json [--threads 2] [--batch 128] [--samples 1024]
       [--repeats 3] [--lr 1e-3] [--weight-decay 1e-5]
Prints one JSON line: train_ms_per_sample, infer_ms_per_sample, params."""
import argparse, json, statistics, time
import torch, torch.nn as nn


class SpecNet(nn.Module):
    def __init__(self, spec):
        super().__init__()
        ch, length, self.aux = spec["input"]["channels"], spec["input"]["length"], spec["aux"]
        self.mods, self.kinds = nn.ModuleList(), []
        flat, feats = False, 0
        for l in spec["layers"]:
            t = l["type"]
            if t == "conv1d":
                k, s = l["kernel"], l.get("stride", 1)
                p = l.get("padding", k // 2)
                m = nn.Conv1d(ch, l["out"], k, stride=s, padding=p)
                ch, length = l["out"], (length + 2 * p - k) // s + 1
            elif t == "batchnorm1d":
                m = nn.BatchNorm1d(feats if flat else ch)
            elif t == "relu":
                m = nn.ReLU()
            elif t == "gelu":
                m = nn.GELU()
            elif t == "dropout":
                m = nn.Dropout(l["p"])
            elif t in ("maxpool1d", "avgpool1d"):
                k, s = l["kernel"], l.get("stride", l["kernel"])
                m = (nn.MaxPool1d if t == "maxpool1d" else nn.AvgPool1d)(k, s)
                length = (length - k) // s + 1
            elif t in ("global_avg_pool", "global_max_pool"):
                m = nn.AdaptiveAvgPool1d(1) if t == "global_avg_pool" else nn.AdaptiveMaxPool1d(1)
                flat, feats = True, ch
            elif t == "flatten":
                m = nn.Flatten(1)
                if not flat:
                    flat, feats = True, ch * length
            elif t == "concat_aux":
                m = nn.Identity()
                if not flat:
                    flat, feats = True, ch * length
                feats += self.aux
            elif t == "linear":
                m = nn.Linear(feats, l["out"])
                feats = l["out"]
            else:
                raise ValueError("unknown layer " + t)
            self.mods.append(m)
            self.kinds.append(t)

    def forward(self, x, aux):
        for m, t in zip(self.mods, self.kinds):
            if t == "concat_aux":
                x = torch.cat([x.flatten(1), aux], 1)
            elif t in ("global_avg_pool", "global_max_pool"):
                x = m(x).flatten(1)
            else:
                x = m(x)
        return x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", required=True)
    ap.add_argument("--threads", type=int, default=2); ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--samples", type=int, default=1024); ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-3); ap.add_argument("--weight-decay", type=float, default=1e-5)
    a = ap.parse_args()
    spec = json.load(open(a.spec))
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    m = SpecNet(spec); opt = torch.optim.Adam(m.parameters(), a.lr, weight_decay=a.weight_decay)
    c, L, A, O = spec["input"]["channels"], spec["input"]["length"], spec["aux"], spec["outputs"]
    X, H, Y = torch.randn(a.samples, c, L), torch.randn(a.samples, A), torch.randn(a.samples, O)
    def epoch():
        m.train()
        for i in range(0, a.samples, a.batch):
            opt.zero_grad(); loss = ((m(X[i:i+a.batch], H[i:i+a.batch]) - Y[i:i+a.batch]) ** 2).mean(); loss.backward(); opt.step()
    epoch()  # warm-up
    train = []
    for _ in range(a.repeats):
        t = time.perf_counter(); epoch(); train.append((time.perf_counter() - t) * 1e3 / a.samples)
    m.eval(); infer = []
    with torch.no_grad():
        m(X, H)
        for _ in range(a.repeats):
            t = time.perf_counter(); m(X, H); infer.append((time.perf_counter() - t) * 1e3 / a.samples)
    print(json.dumps({"peer": "pytorch " + torch.__version__, "threads": a.threads, "batch": a.batch,
                      "params": sum(p.numel() for p in m.parameters()),
                      "train_ms_per_sample": statistics.median(train), "infer_ms_per_sample": statistics.median(infer)}))

if __name__ == "__main__":
    main()
