"""Train the plate OCR model (small conv CTC recognizer) on synthetic plates and export ONNX.

    /usr/bin/python3 tools/train/train.py --out resources/models --minutes 50 --seed 1

Writes <out>/plate-ocr.onnx and <out>/plate-ocr.json (the model contract the runtime reads).
Deterministic given --seed and --steps (same data, same updates). With --minutes the run stops
on wall-clock time and the learning-rate schedule follows elapsed time, so the number of
steps (and the exact weights) depends on the machine's speed.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402

CHARSET = synth.CHARSET
IN_H, IN_W = 48, 160
MEAN, STD = 0.5, 0.5


def encode(label):
    return [CHARSET.index(c) + 1 for c in label]


class SynthBatches(torch.utils.data.IterableDataset):
    """Infinite stream of (images uint8 [B,H,W], labels list). Chunk i is drawn from
    numpy Generator((seed, i)); with k workers the DataLoader returns chunks in order."""

    def __init__(self, seed, chunk):
        self.seed, self.chunk = seed, chunk

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        wid, nw = (info.id, info.num_workers) if info else (0, 1)
        torch.set_num_threads(1)
        i = wid
        while True:
            rng = np.random.default_rng([self.seed, i])
            imgs, labels = [], []
            for _ in range(self.chunk):
                img, lab = synth.sample(rng)
                imgs.append(synth.to_input(img, IN_W, IN_H))
                labels.append(lab)
            yield np.stack(imgs), "|".join(labels)
            i += nw


def conv_bn(cin, cout, k=3, s=1, p=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, p, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class PlateOCR(nn.Module):
    """Conv-only CRNN: 48x160 grey -> 40 time steps x (1 + 36) classes. Small enough to train
    on two CPU cores (about 30M multiply-adds per crop)."""

    def __init__(self, width=1.0, ncls=len(CHARSET) + 1):
        super().__init__()
        c = [int(v * width) for v in (16, 32, 64, 64, 96, 128)]
        self.body = nn.Sequential(
            conv_bn(1, c[0], 3, 2, 1),                      # 24x80
            conv_bn(c[0], c[1], 3, 2, 1),                   # 12x40
            conv_bn(c[1], c[2]), conv_bn(c[2], c[2]),
            nn.MaxPool2d((2, 1), (2, 1)),                   # 6x40
            conv_bn(c[2], c[3]), conv_bn(c[3], c[3]),
            nn.MaxPool2d((2, 1), (2, 1)),                   # 3x40
            conv_bn(c[3], c[4], (3, 3), 1, (0, 1)),         # 1x40
        )
        # sequence context along the width: dilated 1-D convs (as Conv2d 1xk)
        self.ctx = nn.Sequential(
            conv_bn(c[4], c[5], (1, 3), 1, (0, 1)),
            nn.Sequential(nn.Conv2d(c[5], c[5], (1, 3), 1, (0, 2), dilation=(1, 2), bias=False),
                          nn.BatchNorm2d(c[5]), nn.ReLU(inplace=True)),
            nn.Sequential(nn.Conv2d(c[5], c[5], (1, 3), 1, (0, 4), dilation=(1, 4), bias=False),
                          nn.BatchNorm2d(c[5]), nn.ReLU(inplace=True)),
        )
        self.drop = nn.Dropout(0.1)
        self.head = nn.Conv2d(c[5] + c[4], ncls, 1)

    def forward(self, x):
        f = self.body(x)
        g = self.ctx(f)
        y = self.head(self.drop(torch.cat([f, g], 1)))  # N, C, 1, T
        return y.permute(0, 3, 1, 2).squeeze(3)          # N, T, C (logits); this order loads in OpenCV DNN


def greedy(logits):
    """logits [N,T,C] numpy -> strings."""
    out = []
    for seq in logits.argmax(-1):
        s, prev = [], 0
        for k in seq:
            if k != prev and k != 0:
                s.append(CHARSET[k - 1])
            prev = k
        out.append("".join(s))
    return out


def to_tensor(imgs):
    x = torch.from_numpy(imgs).float().unsqueeze(1) / 255.0
    return (x - MEAN) / STD


def export(model, out_dir):
    model.eval()
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "plate-ocr.onnx")
    dummy = torch.zeros(1, 1, IN_H, IN_W)
    torch.onnx.export(model, dummy, path, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}}, opset_version=12,
                      do_constant_folding=True)
    contract = {"input": {"name": "image", "channels": 1, "height": IN_H, "width": IN_W, "mean": MEAN, "std": STD},
                "output": {"name": "logits"}, "charset": CHARSET, "blank": 0}
    with open(os.path.join(out_dir, "plate-ocr.json"), "w") as f:
        json.dump(contract, f, indent=2)
        f.write("\n")
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="resources/models")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--minutes", type=float, default=None, help="wall-clock training budget")
    ap.add_argument("--steps", type=int, default=None, help="number of optimizer steps (deterministic)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--reuse", type=int, default=2, help="each generated sample is used about this many times")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on 2 cores: the other runs the generator)")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--width", type=float, default=1.0)
    ap.add_argument("--ckpt", default="/tmp/plate-ocr-ckpt.pt")
    ap.add_argument("--export-only", action="store_true", help="export --ckpt to ONNX without training")
    a = ap.parse_args()
    if a.export_only:
        model = PlateOCR(a.width)
        model.load_state_dict(torch.load(a.ckpt))
        print("wrote", export(model, a.out))
        return
    if a.minutes is None and a.steps is None:
        a.minutes = 50
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    model = PlateOCR(a.width)
    nparam = sum(p.numel() for p in model.parameters())
    print("params %.2fM" % (nparam / 1e6), flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4, foreach=True)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    fresh = max(1, a.batch // a.reuse)
    loader = torch.utils.data.DataLoader(SynthBatches(a.seed, fresh), batch_size=None, num_workers=a.workers,
                                         prefetch_factor=4 if a.workers else None,
                                         persistent_workers=False)
    # fixed synthetic validation set (different seed stream)
    vrng = np.random.default_rng([a.seed, 10 ** 9])
    val = [synth.sample(vrng) for _ in range(512)]
    vx = to_tensor(np.stack([synth.to_input(im, IN_W, IN_H) for im, _ in val]))
    vy = [lab for _, lab in val]

    pool_x, pool_y = [], []
    pool_max = 4096
    g = torch.Generator().manual_seed(a.seed)
    t0 = time.time()
    step = 0
    it = iter(loader)
    last_ck = t0
    warm = 200
    loss_avg = None
    while True:
        el = time.time() - t0
        if a.steps is not None:
            p = step / a.steps
            if step >= a.steps:
                break
        else:
            p = el / (a.minutes * 60)
            if p >= 1:
                break
        lr = a.lr * min(1.0, (step + 1) / warm) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(p, 1.0))))
        for gparam in opt.param_groups:
            gparam["lr"] = lr
        imgs, labs = next(it)
        labs = labs.split("|")
        pool_x.extend(list(imgs))
        pool_y.extend(labs)
        if len(pool_x) > pool_max:
            del pool_x[: len(pool_x) - pool_max]
            del pool_y[: len(pool_y) - pool_max]
        # batch: the fresh chunk + random earlier samples
        n_old = min(a.batch - len(labs), len(pool_x) - len(labs))
        idx = torch.randint(0, len(pool_x) - len(labs), (n_old,), generator=g).tolist() if n_old > 0 else []
        bx = np.concatenate([np.asarray(imgs)] + ([np.stack([pool_x[i] for i in idx])] if idx else []))
        by = labs + [pool_y[i] for i in idx]
        x = to_tensor(bx)
        # cheap extra augmentation: random inversion (light text on dark plates)
        inv = torch.rand(x.shape[0], generator=g) < 0.1
        x[inv] = -x[inv]
        model.train()
        logits = model(x)  # N,T,C
        lp = F.log_softmax(logits, -1).permute(1, 0, 2)
        targets = torch.tensor([c for s in by for c in encode(s)], dtype=torch.long)
        tl = torch.tensor([len(s) for s in by], dtype=torch.long)
        il = torch.full((x.shape[0],), lp.shape[0], dtype=torch.long)
        loss = ctc(lp, targets, il, tl)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        step += 1
        loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
        if step % 100 == 0:
            print("step %d  %.1f min  lr %.5f  loss %.4f" % (step, el / 60, lr, loss_avg), flush=True)
        if time.time() - last_ck > 300:
            torch.save(model.state_dict(), a.ckpt)
            last_ck = time.time()
    train_s = time.time() - t0
    model.eval()
    with torch.no_grad():
        pred = greedy(torch.cat([model(vx[i:i + 128]) for i in range(0, len(vx), 128)]).numpy())
    acc = np.mean([p == y for p, y in zip(pred, vy)])
    print("done: %d steps in %.1f min; synthetic validation exact %.3f" % (step, train_s / 60, acc), flush=True)
    torch.save(model.state_dict(), a.ckpt)
    path = export(model, a.out)
    print("wrote %s (%.2f MB) and plate-ocr.json" % (path, os.path.getsize(path) / 1e6), flush=True)


if __name__ == "__main__":
    main()
