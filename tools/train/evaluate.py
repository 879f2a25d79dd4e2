"""Measure the plate OCR ONNX model on the real benchmark images (measuring only; never trained on).

    /usr/bin/python3 tools/train/evaluate.py --model resources/models/plate-ocr.onnx

Runs the ONNX file through OpenCV's DNN module (cv2.dnn.readNetFromONNX), reads the contract
(plate-ocr.json beside the model) for input size and normalisation, decodes greedily (CTC), and
prints exact accuracy on ../shared/data/openalpr-us-crops (per-state worst, frequent character
confusions) and on the EU scenes cropped at the manifest box plus a margin (read stage only).
Scoring: upper-case, remove spaces and dashes, letter O and digit 0 are the same.
"""
import argparse
import difflib
import json
import os
import sys
from collections import Counter, defaultdict

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data"))


def norm(s):
    return s.upper().replace(" ", "").replace("-", "").replace("O", "0")


class Reader:
    def __init__(self, model, contract=None):
        contract = contract or os.path.join(os.path.dirname(model), "plate-ocr.json")
        self.c = json.load(open(contract))
        self.net = cv2.dnn.readNetFromONNX(model)
        self.charset = self.c["charset"]

    def prep(self, bgr):
        i = self.c["input"]
        W, H = i["width"], i["height"]
        g = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY) if i["channels"] == 1 else bgr
        g = cv2.resize(g, (W, H), interpolation=cv2.INTER_AREA if g.shape[1] > W else cv2.INTER_LINEAR)
        x = (g.astype(np.float32) / 255.0 - i["mean"]) / i["std"]
        return x[None] if i["channels"] == 1 else x.transpose(2, 0, 1)

    def read(self, imgs, batch=64):
        out = []
        for k in range(0, len(imgs), batch):
            x = np.stack([self.prep(im) for im in imgs[k:k + batch]]).astype(np.float32)
            self.net.setInput(x, self.c["input"]["name"])
            y = self.net.forward(self.c["output"]["name"])
            y = y.reshape(x.shape[0], -1, len(self.charset) + 1)  # N,T,C (OpenCV may keep a 4-D shape)
            for seq in y.argmax(-1):
                s, prev = [], 0
                for q in seq:
                    if q != prev and q != self.c["blank"]:
                        s.append(self.charset[q - 1])
                    prev = q
                out.append("".join(s))
        return out


def confusions(pairs):
    c = Counter()
    for pred, truth in pairs:
        sm = difflib.SequenceMatcher(None, truth, pred)
        for op, a0, a1, b0, b1 in sm.get_opcodes():
            if op == "replace" and a1 - a0 == b1 - b0:
                for x, y in zip(truth[a0:a1], pred[b0:b1]):
                    c["%s->%s" % (x, y)] += 1
            elif op == "replace":
                c["%s->%s" % (truth[a0:a1], pred[b0:b1])] += 1
            elif op == "delete":
                c["%s->(missing)" % truth[a0:a1]] += 1
            elif op == "insert":
                c["(extra)->%s" % pred[b0:b1]] += 1
    return c


def eval_us(reader, data, show=0):
    d = os.path.join(data, "openalpr-us-crops")
    man = json.load(open(os.path.join(d, "manifest.json")))
    imgs = [cv2.imread(os.path.join(d, e["file"])) for e in man]
    preds = reader.read(imgs)
    ok = [norm(p) == norm(e["plate"]) for p, e in zip(preds, man)]
    by_state = defaultdict(list)
    for e, k in zip(man, ok):
        by_state[e["state"]].append(k)
    print("US crops: %d/%d exact = %.1f%%" % (sum(ok), len(ok), 100 * np.mean(ok)))
    worst = sorted(by_state.items(), key=lambda kv: np.mean(kv[1]))[:10]
    print("  worst states: " + ", ".join("%s %d/%d" % (s, sum(v), len(v)) for s, v in worst))
    wrong = [(norm(p), norm(e["plate"])) for p, e, k in zip(preds, man, ok) if not k]
    lens = Counter("len%+d" % (len(p) - len(t)) for p, t in wrong)
    print("  wrong reads by length difference: " + ", ".join("%s %d" % kv for kv in lens.most_common()))
    print("  confusions (truth->read): " + ", ".join("%s %d" % kv for kv in confusions(wrong).most_common(15)))
    if show:
        for (p, t), e in list(zip(wrong, [e for e, k in zip(man, ok) if not k]))[:show]:
            print("    %-12s read %-12s %s" % (t, p, e["file"]))
    return float(np.mean(ok))


def eval_eu(reader, data, margin, show=0):
    d = os.path.join(data, "openalpr-eu")
    man = json.load(open(os.path.join(d, "manifest.json")))
    imgs = []
    for e in man:
        im = cv2.imread(os.path.join(d, e["file"]))
        x, y, w, h = e["box"]
        mx, my = int(w * margin), int(h * margin)
        imgs.append(im[max(0, y - my):y + h + my, max(0, x - mx):x + w + mx])
    preds = reader.read(imgs)
    ok = [norm(p) == norm(e["plate"]) for p, e in zip(preds, man)]
    print("EU box crops (+%d%% margin): %d/%d exact = %.1f%%" % (margin * 100, sum(ok), len(ok), 100 * np.mean(ok)))
    wrong = [(norm(p), norm(e["plate"])) for p, e, k in zip(preds, man, ok) if not k]
    print("  confusions (truth->read): " + ", ".join("%s %d" % kv for kv in confusions(wrong).most_common(12)))
    if show:
        for p, t in wrong[:show]:
            print("    %-12s read %s" % (t, p))
    return float(np.mean(ok))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="resources/models/plate-ocr.onnx")
    ap.add_argument("--contract", default=None)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--eu-margin", type=float, default=0.1)
    ap.add_argument("--show", type=int, default=0, help="list this many wrong reads")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        print("no benchmark data at %s (it lives beside the checkout in ../shared/data); skipping" % a.data)
        return 0
    r = Reader(a.model, a.contract)
    eval_us(r, a.data, a.show)
    eval_eu(r, a.data, a.eu_margin, a.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
