"""Synthetic US-style licence-plate crops for training the plate OCR model.

Everything here is generated: no real photograph is read. A sample is drawn from a
numpy Generator, so a (seed, index) pair always gives the same image and label.

    /usr/bin/python3 tools/train/synth.py --preview /tmp/synth.png   # a grid of samples

The label is the plate's registration text (A-Z, 0-9). Decorations that are not part of
the registration in US ground truth (stacked small characters beside the main text, sticker
text, state name, slogan, frame text) are drawn but are NOT in the label.
"""
import math
import os
import sys

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"

# Fonts come from Debian packages (see README.md). Main-character faces: bold, preferably
# narrow; every face is also squeezed horizontally at random.
MAIN_FONTS = [
    "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf",   # fonts-urw-base35
    "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Regular.otf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf",
    "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf",  # fonts-liberation
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",   # fonts-dejavu-extra
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",            # fonts-dejavu-core
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoCondensed-Bold.ttf",  # fonts-roboto-unhinted
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoCondensed-Medium.ttf",
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoCondensed-Regular.ttf",
    "/usr/share/fonts/opentype/bebas-neue/BebasNeue-Bold.otf",         # fonts-bebas-neue
    "/usr/share/fonts/opentype/bebas-neue/BebasNeue-Regular.otf",
    "/usr/share/fonts/truetype/opendin/OSP-DIN.ttf",                    # fonts-opendin
    "/usr/share/fonts/truetype/croscore/Arimo-Bold.ttf",               # fonts-croscore
    "/usr/share/fonts/truetype/croscore/Cousine-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",             # fonts-freefont-ttf
    "/usr/share/fonts/opentype/b612/B612-Bold.otf",                     # fonts-b612
    "/usr/share/fonts/opentype/cantarell/Cantarell-Bold.otf",           # fonts-cantarell
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",                 # fonts-noto-core
    "/usr/share/fonts/truetype/noto/NotoSansDisplay-Bold.ttf",
    "/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf",            # fonts-open-sans
]
# Faces for the state name / slogans (any style, including serif and italic).
DECO_FONTS = MAIN_FONTS + [
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-BoldItalic.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-BoldItalic.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/truetype/croscore/Tinos-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    "/usr/share/fonts/opentype/urw-base35/URWBookman-DemiItalic.otf",
    "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf",
    "/usr/share/fonts/opentype/urw-base35/C059-BdIta.otf",
    "/usr/share/fonts/opentype/urw-base35/NimbusRoman-BoldItalic.otf",
    "/usr/share/fonts/truetype/freefont/FreeSerifBoldItalic.ttf",
]
MAIN_FONTS = [f for f in MAIN_FONTS if os.path.exists(f)]
DECO_FONTS = [f for f in DECO_FONTS if os.path.exists(f)]

STATES = """ALABAMA ALASKA ARIZONA ARKANSAS CALIFORNIA COLORADO CONNECTICUT DELAWARE FLORIDA GEORGIA
HAWAII IDAHO ILLINOIS INDIANA IOWA KANSAS KENTUCKY LOUISIANA MAINE MARYLAND MASSACHUSETTS MICHIGAN
MINNESOTA MISSISSIPPI MISSOURI MONTANA NEBRASKA NEVADA OHIO OKLAHOMA OREGON PENNSYLVANIA
TENNESSEE TEXAS UTAH VERMONT VIRGINIA WASHINGTON WISCONSIN WYOMING""".split() + [
    "NEW HAMPSHIRE", "NEW JERSEY", "NEW MEXICO", "NEW YORK", "NORTH CAROLINA", "NORTH DAKOTA",
    "RHODE ISLAND", "SOUTH CAROLINA", "SOUTH DAKOTA", "WEST VIRGINIA", "DISTRICT OF COLUMBIA",
    "MYFLORIDA.COM", "Pure Michigan", "Texas", "California", "Oregon", "Arkansas", "Louisiana",
    "Virginia", "Colorado", "Nevada", "Utah", "Idaho", "Scenic IDAHO", "Montana", "Indiana"]
SLOGANS = """SUNSHINE STATE|GREAT FACES. GREAT PLACES.|LAND OF ENCHANTMENT|THE LONE STAR STATE|
FAMOUS POTATOES|WILD, WONDERFUL|FIRST IN FLIGHT|SPORTSMANS PARADISE|OCEAN STATE|visitPA.com|
THE SILVER STATE|EMPIRE STATE|GARDEN STATE|LIVE FREE OR DIE|AMERICA'S DAIRYLAND|LAND OF LINCOLN|
GREAT LAKES|WILDLIFE CONSERVATIONIST|dmv.ca.gov|TRUCK|TAXATION WITHOUT REPRESENTATION|
CROSSROADS OF AMERICA|THE NATURAL STATE|BIG SKY COUNTRY|GRAND CANYON STATE|CENTENNIAL|
SHOW ME STATE|PEACH STATE|VOLUNTEER STATE|THE HEART OF DIXIE|KEYSTONE STATE|SAMPLE|
THE BEEHIVE STATE|LIFE ELEVATED|EXPLORE MINNESOTA|10,000 LAKES|SEA TO SHINING SEA|
COUNTY|DEALER|IN GOD WE TRUST|VETERAN|UNIVERSITY|ALUMNI|HANDICAPPED|APPORTIONED""".replace("\n", "").split("|")
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()

# Registration formats: N digit, L letter, A either, '_' gap (space/dash/emblem).
FORMATS = [
    ("NLLLNNN", 8), ("LLLNNNN", 8), ("LLL_NNNN", 8), ("NNN_LLL", 7), ("LLL_NNN", 7),
    ("NNNLLL", 4), ("LLLNNN", 4), ("NLL_NNN", 4), ("NNN_NNN", 3), ("LL_NNNNN", 3),
    ("NNLL_NNN", 3), ("LNNNNN", 2), ("NNNNNN", 2), ("NNNNN", 2), ("NN_LLLL", 2), ("LLNNLLL", 2),
    ("NLNNNNN", 2), ("NNN_LLLN", 2), ("LLL_NNL", 2), ("NLLNNNN", 2), ("LLNNNN", 2), ("NNNNLL", 2),
    ("LLLL_NNN", 2), ("NN_NNN", 1), ("NNNN", 1), ("LL_NNNN", 2), ("NLL_NNNN", 2), ("NNNNLLL", 1),
    ("VANITY", 8),
]
FMT_P = np.array([w for _, w in FORMATS], dtype=np.float64)
FMT_P /= FMT_P.sum()

_font_cache = {}


def font(path, size):
    key = (path, int(size))
    f = _font_cache.get(key)
    if f is None:
        f = ImageFont.truetype(path, int(size))
        _font_cache[key] = f
    return f


def rand_text(rng):
    fmt = FORMATS[rng.choice(len(FORMATS), p=FMT_P)][0]
    if fmt == "VANITY":
        n = int(rng.choice([2, 3, 4, 5, 6, 7, 7, 8]))
        if rng.random() < 0.5:
            pool = LETTERS
        else:
            pool = LETTERS + DIGITS
        s = "".join(pool[rng.integers(len(pool))] for _ in range(n))
        if n >= 4 and rng.random() < 0.25:
            k = int(rng.integers(1, n))
            s = s[:k] + "_" + s[k:]
        return s
    out = []
    for c in fmt:
        if c == "N":
            out.append(DIGITS[rng.integers(10)])
        elif c == "L":
            out.append(LETTERS[rng.integers(26)])
        elif c == "A":
            out.append((LETTERS + DIGITS)[rng.integers(36)])
        else:
            out.append("_")
    return "".join(out)


def rand_color(rng, lo, hi):
    return tuple(int(rng.integers(lo, hi + 1)) for _ in range(3))


def pick_palette(rng):
    """(background colours top/bottom, text colour, deco colour, dark_bg)."""
    r = rng.random()
    text_choices = [(20, 30, 90), (10, 10, 10), (40, 20, 110), (150, 20, 25), (20, 90, 40),
                    (110, 20, 40), (30, 60, 140), (60, 60, 60), (120, 60, 20)]
    if r < 0.72:  # light background, dark text
        base = [(245, 245, 245), (235, 240, 250), (250, 245, 215), (225, 235, 245), (250, 250, 235),
                (240, 230, 200), (215, 230, 215), (255, 235, 150), (200, 225, 245), (235, 235, 235)]
        b1 = np.array(base[rng.integers(len(base))], float) + rng.normal(0, 8, 3)
        b2 = b1 + rng.normal(0, 25, 3) if rng.random() < 0.6 else b1
        tc = np.array(text_choices[rng.integers(len(text_choices))], float) + rng.normal(0, 12, 3)
        dark = False
    elif r < 0.9:  # saturated mid background (NM yellow, AZ, teal, etc.)
        base = [(240, 200, 40), (60, 170, 190), (200, 120, 60), (170, 210, 120), (120, 170, 230),
                (230, 180, 160), (200, 200, 120)]
        b1 = np.array(base[rng.integers(len(base))], float) + rng.normal(0, 12, 3)
        b2 = b1 + rng.normal(0, 25, 3)
        if rng.random() < 0.5:
            tc = np.array(text_choices[rng.integers(len(text_choices))], float) * 0.8
        else:
            tc = np.array([250, 240, 90], float) if b1.mean() < 150 else np.array([150, 20, 25], float)
        dark = False
    else:  # dark background, light text
        base = [(20, 30, 90), (15, 15, 15), (20, 70, 40), (100, 20, 30), (50, 50, 60), (30, 60, 120)]
        b1 = np.array(base[rng.integers(len(base))], float) + rng.normal(0, 10, 3)
        b2 = b1 + rng.normal(0, 15, 3)
        tc = np.array([(245, 245, 245), (250, 220, 60), (230, 230, 200)][rng.integers(3)], float)
        dark = True
    dc = rand_color(rng, 0, 200)
    clip = lambda c: tuple(int(v) for v in np.clip(c, 0, 255))
    return clip(b1), clip(b2), clip(tc), dc, dark


def draw_background(rng, W, H, b1, b2):
    t = np.linspace(0, 1, H)[:, None, None]
    img = (np.array(b1)[None, None, :] * (1 - t) + np.array(b2)[None, None, :] * t)
    img = np.repeat(img, W, axis=1)
    base = np.clip(img, 0, 255).astype(np.uint8)
    im = Image.fromarray(base.copy())
    d = ImageDraw.Draw(im)
    # graphics: mountains, sun, waves, bands, faint shapes
    for _ in range(int(rng.integers(0, 4))):
        kind = rng.integers(5)
        col = rand_color(rng, 40, 255)
        if kind == 0:  # mountains along the bottom
            pts = [(0, H)]
            x = 0
            while x < W:
                x += int(rng.integers(W // 12, W // 4))
                pts.append((x, int(H * rng.uniform(0.45, 0.9))))
            pts.append((W, H))
            d.polygon(pts, fill=col)
        elif kind == 1:  # sun / circle
            r = int(rng.integers(H // 8, H // 2))
            cx, cy = int(rng.integers(0, W)), int(rng.integers(0, H))
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)
        elif kind == 2:  # horizontal band
            y0 = int(rng.integers(0, H))
            h = int(rng.integers(3, H // 4))
            d.rectangle([0, y0, W, y0 + h], fill=col)
        elif kind == 3:  # wave
            y0 = rng.uniform(0.2, 0.9) * H
            amp, per = rng.uniform(2, H / 8), rng.uniform(W / 4, W)
            pts = [(x, y0 + amp * math.sin(2 * math.pi * x / per)) for x in range(0, W + 8, 8)]
            d.line(pts, fill=col, width=int(rng.integers(2, 10)))
        else:  # tree / blob
            cx = int(rng.integers(0, W))
            w = int(rng.integers(W // 20, W // 6))
            d.polygon([(cx, int(H * 0.15)), (cx - w, int(H * 0.95)), (cx + w, int(H * 0.95))], fill=col)
    # graphics are pale so the registration keeps its contrast
    a = rng.uniform(0.2, 0.6)
    im = Image.fromarray((np.asarray(im) * a + base * (1 - a)).astype(np.uint8))
    # faint pattern so backgrounds are not flat
    if rng.random() < 0.3:
        arr = np.asarray(im).astype(np.float32)
        n = np.empty((H, W), np.float32)
        cv2.randn(n, 0, float(rng.uniform(2, 8)))
        arr += n[..., None]
        im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return im


_glyph_cache = {}


def glyph(fpath, ch, size):
    """Cached mask of one character in a cell of the font's full line height."""
    key = (fpath, ch, size)
    g = _glyph_cache.get(key)
    if g is None:
        f = font(fpath, size)
        asc, desc = f.getmetrics()
        bb = f.getbbox(ch)
        w = max(1, bb[2] - bb[0])
        im = Image.new("L", (w + 2, asc + desc + 4), 0)
        ImageDraw.Draw(im).text((1 - bb[0], 2), ch, font=f, fill=255)
        g = np.asarray(im)
        _glyph_cache[key] = g
    return g


_metric_cache = {}


def font_metrics(fpath, size):
    """(cap top row, cap bottom row, cap-H width, stem width) of a face in glyph() cells."""
    key = (fpath, size)
    v = _metric_cache.get(key)
    if v is None:
        h = glyph(fpath, "H", size)
        rows = np.nonzero(h.max(1) > 127)[0]
        stem_row = h[(rows[0] + rows[-1]) // 4]  # a row through the upper half of H: two stems
        runs = np.diff(np.concatenate([[0], (stem_row > 127).astype(np.int8), [0]]))
        starts, ends = np.nonzero(runs == 1)[0], np.nonzero(runs == -1)[0]
        stem = float(np.median(ends - starts)) if len(starts) else size * 0.12
        v = (int(rows[0]), int(rows[-1]), h.shape[1], max(2.0, stem))
        _metric_cache[key] = v
    return v


PLATE_GLYPHS = "01IWM"


def plate_glyph(rng, fpath, ch, size, style):
    """Draw a plate-face glyph the installed fonts lack, in a cell like glyph()'s: narrow
    flat-sided 0, 1 with a flag (and often a base), I with bars, W / M with straight outer
    strokes. Drawn at 4x and reduced for anti-aliasing. style: per-plate dict of random params."""
    top, bot, hw, stem = font_metrics(fpath, size)
    cell_h = glyph(fpath, "H", size).shape[0]
    S = 4
    ch_h = (bot - top + 1)
    t = min(stem, ch_h * 0.16) * style["weight"]
    if ch == "0":
        w = ch_h * style["zero_w"]
    elif ch == "1":
        w = max(t * 2.2, ch_h * style["one_w"])
    elif ch == "I":
        w = max(t * 2.0, ch_h * style["i_w"]) if style["i_bars"] else t
    else:
        w = ch_h * style["wm_w"]
    W = int(math.ceil(w)) + 2
    big = np.zeros((cell_h * S, W * S), np.uint8)
    T = max(1, int(round(t * S)))
    y0, y1 = top * S + T / 2, (bot + 1) * S - T / 2
    x0, x1 = S + T / 2, S + w * S - T / 2
    if ch == "0":
        r = (x1 - x0) / 2 * style["zero_round"]
        rect_outer = (x0 - T / 2, y0 - T / 2, x1 + T / 2, y1 + T / 2)
        _round_rect(big, rect_outer, r + T / 2, 255)
        _round_rect(big, (x0 + T / 2, y0 + T / 2, x1 - T / 2, y1 - T / 2), max(0.0, r - T / 2), 0)
    elif ch == "1":
        sx = x1 - (x1 - x0) * style["one_stem"]
        pts = [(sx, y1), (sx, y0)]
        cv2.polylines(big, [np.array(pts, np.int32)], False, 255, T, cv2.LINE_AA)
        fx = sx - (x1 - x0) * style["one_flag"]
        fy = y0 + (y1 - y0) * style["one_flag_drop"]
        cv2.line(big, (int(sx), int(y0)), (int(fx), int(fy)), 255, T, cv2.LINE_AA)
        if style["one_base"]:
            cv2.line(big, (int(x0), int(y1)), (int(x1), int(y1)), 255, T, cv2.LINE_AA)
    elif ch == "I":
        cx = (x0 + x1) / 2
        cv2.line(big, (int(cx), int(y0)), (int(cx), int(y1)), 255, T, cv2.LINE_AA)
        if style["i_bars"]:
            cv2.line(big, (int(x0), int(y0)), (int(x1), int(y0)), 255, T, cv2.LINE_AA)
            cv2.line(big, (int(x0), int(y1)), (int(x1), int(y1)), 255, T, cv2.LINE_AA)
    else:
        dx = (x1 - x0) * style["wm_slant"]
        mid = (x0 + x1) / 2
        depth = (y1 - y0) * style["wm_depth"]
        if ch == "W":
            pts = [(x0, y0), (x0 + dx, y1), (mid, y0 + depth), (x1 - dx, y1), (x1, y0)]
        else:
            pts = [(x0, y1), (x0 + dx, y0), (mid, y1 - depth), (x1 - dx, y0), (x1, y1)]
        cv2.polylines(big, [np.array(pts, np.int32)], False, 255, T, cv2.LINE_AA)
    return cv2.resize(big, (W, cell_h), interpolation=cv2.INTER_AREA)


def _round_rect(img, rect, r, val):
    x0, y0, x1, y1 = [int(round(v)) for v in rect]
    r = int(max(0, min(r, (x1 - x0) / 2, (y1 - y0) / 2)))
    if x1 <= x0 or y1 <= y0:
        return
    cv2.rectangle(img, (x0 + r, y0), (x1 - r, y1), val, -1)
    cv2.rectangle(img, (x0, y0 + r), (x1, y1 - r), val, -1)
    if r > 0:
        for cx, cy in ((x0 + r, y0 + r), (x1 - r, y0 + r), (x0 + r, y1 - r), (x1 - r, y1 - r)):
            cv2.circle(img, (cx, cy), r, val, -1, cv2.LINE_AA)


def plate_style(rng):
    """Per-plate parameters of the drawn glyphs (None: use the font's own glyphs)."""
    if rng.random() >= 0.45:
        return None
    return {
        "weight": rng.uniform(0.75, 1.15),
        "zero_w": rng.uniform(0.42, 0.62), "zero_round": rng.uniform(0.5, 1.0),
        "one_w": rng.uniform(0.25, 0.42), "one_stem": rng.uniform(0.3, 0.5),
        "one_flag": rng.uniform(0.5, 1.0), "one_flag_drop": rng.uniform(0.12, 0.35),
        "one_base": rng.random() < 0.5,
        "i_w": rng.uniform(0.22, 0.38), "i_bars": rng.random() < 0.6,
        "wm_w": rng.uniform(0.72, 1.0), "wm_slant": rng.uniform(0.04, 0.2),
        "wm_depth": rng.uniform(0.0, 0.6),
        "which": set(c for c in PLATE_GLYPHS if rng.random() < 0.8),
    }


def text_img(rng, text, fpath, size, color, squeeze, spacing, style=None):
    """Render text to a mask (uint8) with horizontal squeeze and letter spacing. With a
    style (plate_style), the characters in style["which"] are drawn, not taken from the font."""
    size = 48 if size > 40 else 24
    cells = [plate_glyph(rng, fpath, ch, size, style) if style is not None and ch in style["which"]
             else glyph(fpath, ch, size) for ch in text]
    gap = int(spacing * size)
    H = max(c.shape[0] for c in cells)
    W = sum(c.shape[1] for c in cells) + max(0, gap) * (len(cells) - 1) + 2
    m = np.zeros((H, W), np.uint8)
    x = 0
    for c in cells:
        h, w = c.shape
        sub = m[:h, x:x + w]
        np.maximum(sub, c[:, :sub.shape[1]], out=sub)
        x += w + gap
    ys = np.nonzero(m.max(1))[0]
    xs = np.nonzero(m.max(0))[0]
    if len(ys) == 0:
        return None
    m = m[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = m.shape
    nw = max(1, int(w * squeeze))
    if nw != w:
        m = cv2.resize(m, (nw, h), interpolation=cv2.INTER_AREA)
    return m


def paste_mask(canvas, mask, x, y, color):
    """Alpha-blend a single-channel mask (0..255) of colour onto canvas (HxWx3 float)."""
    H, W = canvas.shape[:2]
    h, w = mask.shape
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    a = mask[y0 - y:y1 - y, x0 - x:x1 - x].astype(np.float32)[..., None] / 255.0
    canvas[y0:y1, x0:x1] = canvas[y0:y1, x0:x1] * (1 - a) + np.array(color, np.float32) * a


def fit_text(rng, s, fpath, max_w, max_h, color):
    squeeze = rng.uniform(0.55, 1.0) if rng.random() < 0.8 else 1.0
    m = text_img(rng, s, fpath, 64, color, squeeze, rng.uniform(-0.02, 0.08))
    if m is None:
        return None
    h, w = m.shape
    sc = min(max_w / w, max_h / h)
    return cv2.resize(m, (max(1, int(w * sc)), max(1, int(h * sc))), interpolation=cv2.INTER_AREA)


def render_plate(rng):
    """Return (plate RGB uint8 image, label). Plate is roughly 2:1."""
    W = int(rng.integers(150, 210))
    H = int(W / rng.uniform(1.85, 2.15))
    b1, b2, tc, dc, dark = pick_palette(rng)
    canvas = np.asarray(draw_background(rng, W, H, b1, b2)).astype(np.float32)

    raw = rand_text(rng)
    label = raw.replace("_", "")
    # top: state name (sometimes inside a coloured band)
    top_h = rng.uniform(0.14, 0.26) * H
    if rng.random() < 0.9:
        st = STATES[rng.integers(len(STATES))]
        col = dc if rng.random() < 0.6 else tc
        if rng.random() < 0.25:
            band = rand_color(rng, 0, 255)
            canvas[: int(top_h + 4)] = canvas[: int(top_h + 4)] * 0.2 + np.array(band, np.float32) * 0.8
            col = (255, 255, 255) if np.mean(band) < 128 else (20, 20, 20)
        m = fit_text(rng, st, DECO_FONTS[rng.integers(len(DECO_FONTS))], W * rng.uniform(0.35, 0.8), top_h * 0.9, col)
        if m is not None:
            paste_mask(canvas, m, int((W - m.shape[1]) / 2 + rng.normal(0, W * 0.03)), int(rng.uniform(1, 6)), col)
    # bottom: slogan
    bot_h = rng.uniform(0.08, 0.18) * H
    if rng.random() < 0.75:
        sl = SLOGANS[rng.integers(len(SLOGANS))]
        col = dc if rng.random() < 0.5 else tc
        m = fit_text(rng, sl, DECO_FONTS[rng.integers(len(DECO_FONTS))], W * rng.uniform(0.3, 0.8), bot_h, col)
        if m is not None:
            paste_mask(canvas, m, int((W - m.shape[1]) / 2), int(H - bot_h - rng.uniform(2, 8)), col)

    # main registration
    fpath = MAIN_FONTS[rng.integers(len(MAIN_FONTS))]
    squeeze = rng.uniform(0.5, 1.0) if rng.random() < 0.85 else rng.uniform(1.0, 1.15)
    spacing = rng.uniform(-0.01, 0.12)
    ch_h = rng.uniform(0.38, 0.58) * H
    groups = raw.split("_")
    sep_kind = rng.choice(["space", "dash", "dot", "emblem", "none"], p=[0.35, 0.2, 0.1, 0.25, 0.1]) if len(groups) > 1 else "none"
    style = plate_style(rng)
    masks = [text_img(rng, g, fpath, 96, tc, squeeze, spacing, style) for g in groups]
    masks = [m for m in masks if m is not None]
    if not masks:
        return render_plate(rng)
    hh = max(m.shape[0] for m in masks)
    sc = ch_h / hh
    masks = [cv2.resize(m, (max(1, int(m.shape[1] * sc)), max(1, int(m.shape[0] * sc))), interpolation=cv2.INTER_AREA) for m in masks]
    gap_w = {"space": 0.35, "dash": 0.45, "dot": 0.35, "emblem": 0.6, "none": 0.08}[sep_kind] * ch_h
    stacked = rng.random() < 0.22
    stack_w = ch_h * 0.35 if stacked else 0
    total = sum(m.shape[1] for m in masks) + gap_w * (len(masks) - 1) + stack_w
    max_total = W * rng.uniform(0.78, 0.95)
    if total > max_total:  # squeeze to fit
        f = max_total / total
        masks = [cv2.resize(m, (max(1, int(m.shape[1] * f)), m.shape[0]), interpolation=cv2.INTER_AREA) for m in masks]
        gap_w *= f
        stack_w *= f
        total = max_total
    x = int((W - total) / 2 + rng.normal(0, W * 0.02))
    y = int(H * rng.uniform(0.27, 0.36) + (0.5 * H * 0.95 - 0.5 * ch_h - H * 0.3) * rng.uniform(0, 0.4))
    y = int(np.clip(y, top_h * 0.6, H - ch_h - 2))
    emboss = rng.random() < 0.35
    stack_left = rng.random() < 0.7
    x_text0 = x
    if stacked and stack_left:
        _draw_stack(rng, canvas, x, y, stack_w, ch_h, fpath, tc)
        x += int(stack_w)
    for i, m in enumerate(masks):
        if emboss:
            shade = (0, 0, 0) if not dark else (255, 255, 255)
            paste_mask(canvas, (m * 0.45).astype(np.uint8), x + 2, y + 2, shade)
        paste_mask(canvas, m, x, y, tc)
        x += m.shape[1]
        if i < len(masks) - 1:
            cx, cy = int(x + gap_w / 2), int(y + ch_h / 2)
            if sep_kind == "dash":
                paste_rect(canvas, cx - gap_w * 0.25, cy - ch_h * 0.05, cx + gap_w * 0.25, cy + ch_h * 0.05, tc)
            elif sep_kind == "dot":
                r = ch_h * 0.07
                cv2.circle(canvas, (cx, cy), max(1, int(r)), tc, -1)
            elif sep_kind == "emblem":
                _draw_emblem(rng, canvas, cx, cy, gap_w * 0.45, ch_h * 0.5)
            x += int(gap_w)
    if stacked and not stack_left:
        _draw_stack(rng, canvas, x + 2, y, stack_w, ch_h, fpath, tc)
    if not stacked and rng.random() < 0.15:  # small sticker / tab right beside the text (not in label)
        sw, sh = int(ch_h * rng.uniform(0.25, 0.45)), int(ch_h * rng.uniform(0.35, 0.7))
        left = rng.random() < 0.5
        sx = int(x_text0 - sw - rng.uniform(1, 4)) if left else int(x + rng.uniform(1, 4))
        sy = int(y + rng.uniform(0, ch_h - sh))
        scol = rand_color(rng, 20, 255)
        paste_rect(canvas, sx, sy, sx + sw, sy + sh, scol)
        stxt = "%d" % rng.integers(0, 100) if rng.random() < 0.7 else LETTERS[rng.integers(26)]
        tcol = (0, 0, 0) if np.mean(scol) > 120 else (255, 255, 255)
        m = fit_text(rng, stxt, MAIN_FONTS[rng.integers(len(MAIN_FONTS))], sw * 0.85, sh * 0.8, tcol)
        if m is not None:
            paste_mask(canvas, m, sx + (sw - m.shape[1]) // 2, sy + (sh - m.shape[0]) // 2, tcol)
    # stickers in the top corners (month / year / county)
    for corner in range(2):
        if rng.random() < 0.45:
            sw, sh = int(W * rng.uniform(0.08, 0.16)), int(H * rng.uniform(0.12, 0.24))
            sx = int(rng.uniform(0.01, 0.06) * W) if corner == 0 else int(W - sw - rng.uniform(0.01, 0.06) * W)
            sy = int(rng.uniform(0.01, 0.12) * H)
            scol = rand_color(rng, 20, 255)
            canvas[sy:sy + sh, sx:sx + sw] = np.array(scol, np.float32)
            stxt = MONTHS[rng.integers(12)] if rng.random() < 0.5 else "%02d" % rng.integers(0, 30)
            tcol = (0, 0, 0) if np.mean(scol) > 120 else (255, 255, 255)
            m = fit_text(rng, stxt, MAIN_FONTS[rng.integers(len(MAIN_FONTS))], sw * 0.9, sh * 0.8, tcol)
            if m is not None:
                paste_mask(canvas, m, sx + (sw - m.shape[1]) // 2, sy + (sh - m.shape[0]) // 2, tcol)
    # bolts
    if rng.random() < 0.6:
        r = max(2, int(H * rng.uniform(0.025, 0.05)))
        bc = rand_color(rng, 60, 220)
        for bx in (0.22, 0.78):
            for by in ((0.1,) if rng.random() < 0.6 else (0.1, 0.9)):
                p = (int(W * bx + rng.normal(0, 3)), int(H * by + rng.normal(0, 2)))
                cv2.circle(canvas, p, r, bc, -1)
                cv2.circle(canvas, (p[0] - r // 3, p[1] - r // 3), max(1, r // 3), (240, 240, 240), -1)
    # thin plate border
    if rng.random() < 0.6:
        cv2.rectangle(canvas, (1, 1), (W - 2, H - 2), tc, int(rng.integers(1, 4)))
    img = np.clip(canvas, 0, 255).astype(np.uint8)
    # licence-plate frame
    if rng.random() < 0.4:
        img = add_frame(rng, img)
    return img, label


def paste_rect(canvas, x0, y0, x1, y1, color):
    cv2.rectangle(canvas, (int(x0), int(y0)), (int(x1), int(y1)), color, -1)


def _draw_emblem(rng, canvas, cx, cy, rw, rh):
    col = rand_color(rng, 0, 255)
    k = rng.integers(4)
    if k == 0:
        cv2.circle(canvas, (cx, cy), max(2, int(min(rw, rh))), col, -1)
    elif k == 1:  # star
        r = max(3, min(rw, rh))
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rr = r if i % 2 == 0 else r * 0.45
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        cv2.fillPoly(canvas, [np.array(pts, np.int32)], col)
    elif k == 2:  # state-shape blob
        pts = np.array([(cx + rw * rng.uniform(0.5, 1) * math.cos(a), cy + rh * rng.uniform(0.5, 1) * math.sin(a))
                        for a in np.linspace(0, 2 * math.pi, 9)[:-1]], np.int32)
        cv2.fillPoly(canvas, [pts], col)
    else:  # zia-like sun
        r = max(2, int(min(rw, rh) * 0.45))
        cv2.circle(canvas, (cx, cy), r, col, -1)
        for a in (0, math.pi / 2, math.pi, 3 * math.pi / 2):
            cv2.line(canvas, (int(cx + r * math.cos(a)), int(cy + r * math.sin(a))),
                     (int(cx + 2 * r * math.cos(a)), int(cy + 2 * r * math.sin(a))), col, max(1, r // 3))


def _draw_stack(rng, canvas, x, y, w, h, fpath, color):
    a = (LETTERS + DIGITS)[rng.integers(36)] + (LETTERS + DIGITS)[rng.integers(36)]
    for i, ch in enumerate(a):
        m = text_img(rng, ch, fpath, 48, color, 0.9, 0)
        if m is None:
            continue
        sc = min(w * 0.9 / m.shape[1], h * 0.46 / m.shape[0])
        m = cv2.resize(m, (max(1, int(m.shape[1] * sc)), max(1, int(m.shape[0] * sc))), interpolation=cv2.INTER_AREA)
        paste_mask(canvas, m, int(x), int(y + i * h * 0.52), color)


def add_frame(rng, img):
    H, W = img.shape[:2]
    t_side = int(W * rng.uniform(0.02, 0.05))
    t_top = int(H * rng.uniform(0.03, 0.12))
    t_bot = int(H * rng.uniform(0.05, 0.22))
    fc = rand_color(rng, 0, 80) if rng.random() < 0.6 else rand_color(rng, 150, 230)
    out = np.empty((H + t_top + t_bot, W + 2 * t_side, 3), np.float32)
    out[:] = fc
    out[t_top:t_top + H, t_side:t_side + W] = img
    if rng.random() < 0.6:  # dealer text on the frame
        txt = ["YOUR DEALER", "AUTO MALL", "TOYOTA OF ORANGE", "HONDA", "FORD", "www.cars.com", "CHEVROLET"][rng.integers(7)]
        col = (240, 240, 240) if np.mean(fc) < 128 else (20, 20, 20)
        m = fit_text(rng, txt, DECO_FONTS[rng.integers(len(DECO_FONTS))], W * 0.6, t_bot * 0.8, col)
        if m is not None:
            paste_mask(out, m, (out.shape[1] - m.shape[1]) // 2, t_top + H + (t_bot - m.shape[0]) // 2, col)
    # frame partly covers the plate's top/bottom strip
    cover = int(H * rng.uniform(0, 0.1))
    if cover > 0:
        out[t_top + H - cover:t_top + H, t_side:t_side + W] = fc
    return np.clip(out, 0, 255).astype(np.uint8)


def surround(rng, H, W):
    """Background the plate sits on (car body, bumper, road)."""
    col = rand_color(rng, 0, 255)
    bg = np.empty((H, W, 3), np.float32)
    bg[:] = col
    t = np.linspace(0, 1, H)[:, None, None]
    bg = bg * (0.6 + 0.6 * t) if rng.random() < 0.5 else bg
    n = np.empty((H, W), np.float32)
    cv2.randn(n, 0, float(rng.uniform(2, 20)))
    bg += n[..., None]
    if rng.random() < 0.5:  # bumper / grille lines
        for _ in range(int(rng.integers(1, 5))):
            y = int(rng.integers(0, H))
            cv2.line(bg, (0, y), (W, y), rand_color(rng, 0, 255), int(rng.integers(1, 8)))
    return bg


def degrade(rng, plate, label):
    """Place the plate in a scene with perspective, crop like a detector box, and damage it."""
    ph, pw = plate.shape[:2]
    pad = int(pw * 0.3)
    SH, SW = ph + 2 * pad, pw + 2 * pad
    scene = surround(rng, SH, SW)
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    # perspective + rotation
    ang = math.radians(rng.uniform(-8, 8)) if rng.random() < 0.8 else 0.0
    j = pw * rng.uniform(0, 0.08)
    dst = src + rng.uniform(-j, j, (4, 2)).astype(np.float32)
    if rng.random() < 0.3:  # stronger side view (horizontal foreshortening)
        k = rng.uniform(0, 0.15) * ph
        if rng.random() < 0.5:
            dst[1, 1] += k; dst[2, 1] -= k
        else:
            dst[0, 1] += k; dst[3, 1] -= k
    c = dst.mean(0)
    R = np.array([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]], np.float32)
    dst = (dst - c) @ R.T + c + pad
    M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(plate, M, (SW, SH), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), M, (SW, SH))
    a = mask.astype(np.float32)[..., None] / 255.0
    scene = scene * (1 - a) + warped.astype(np.float32) * a
    # crop: axis-aligned box of the quad, each side moved by -5%..+15% (tight / loose)
    x0, y0 = dst.min(0)
    x1, y1 = dst.max(0)
    bw, bh = x1 - x0, y1 - y0
    if rng.random() < 0.25:  # the crop is only the characters area (a tighter box)
        m = [rng.uniform(-0.02, 0.02), rng.uniform(-0.2, -0.05), rng.uniform(-0.02, 0.02), rng.uniform(-0.25, -0.05)]
    else:
        m = [rng.uniform(-0.04, 0.15) for _ in range(4)]
    cx0 = int(max(0, x0 - m[0] * bw)); cy0 = int(max(0, y0 - m[1] * bh))
    cx1 = int(min(SW, x1 + m[2] * bw)); cy1 = int(min(SH, y1 + m[3] * bh))
    img = scene[cy0:cy1, cx0:cx1]

    # lighting (a "clean" third of the crops gets only mild damage, like most real crops)
    clean = rng.random() < 0.35
    h, w = img.shape[:2]
    if not clean and rng.random() < 0.3:  # shadow: a dark half-plane
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        th = rng.uniform(0, 2 * math.pi)
        d = (xx - w * rng.uniform(0.2, 0.8)) * math.cos(th) + (yy - h * rng.uniform(0.2, 0.8)) * math.sin(th)
        soft = rng.uniform(1, 15)
        s = 1 / (1 + np.exp(np.clip(-d / soft, -30, 30)))
        img = img * (1 - rng.uniform(0.3, 0.7) * s[..., None])
    if not clean and rng.random() < 0.2:  # glare: a bright blob
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        sx, sy = rng.uniform(0.05, 0.4) * w, rng.uniform(0.1, 0.6) * h
        g = np.exp(-(((xx - cx) / sx) ** 2 + ((yy - cy) / sy) ** 2))
        img = img + rng.uniform(80, 220) * g[..., None]
    if not clean and rng.random() < 0.25:  # dirt: dark translucent blobs and specks
        dirt = np.zeros((h, w), np.float32)
        for _ in range(int(rng.integers(3, 25))):
            cv2.circle(dirt, (int(rng.uniform(0, w)), int(rng.uniform(0, h))), int(rng.uniform(1, max(2, h * 0.12))),
                       float(rng.uniform(0.2, 0.7)), -1)
        dirt = cv2.GaussianBlur(dirt, (0, 0), rng.uniform(0.5, 3))
        img = img * (1 - dirt[..., None]) + np.array(rand_color(rng, 40, 120), np.float32) * dirt[..., None]
    if rng.random() < 0.5:
        img = img[..., ::-1]  # channel swap: colour variety
    gray = (img[..., 0] * 0.114 + img[..., 1] * 0.587 + img[..., 2] * 0.299) if rng.random() < 0.4 else None
    if gray is not None:  # night IR look: grey, bright reflective plate, dark surround
        if rng.random() < 0.5:
            gray = np.clip(gray * rng.uniform(1.2, 2.0), 0, 255)
        img = np.repeat(gray[..., None], 3, axis=2)
    # contrast / exposure
    r = rng.random() + (0.35 if clean else 0.0)
    if r < 0.2:  # low contrast
        k = rng.uniform(0.25, 0.6)
        img = img * k + rng.uniform(40, 160) * (1 - k)
    elif r < 0.35:  # gamma (under/over exposure)
        img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** rng.uniform(0.4, 2.5)
    img = np.clip(img, 0, 255).astype(np.uint8)
    # blur
    r = rng.random()
    if clean:
        if r < 0.4:
            img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.4, 1.0))
    elif r < 0.3:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 2.5))
    elif r < 0.45:
        k = int(rng.integers(3, 12))
        ker = np.zeros((k, k), np.float32)
        ker[k // 2, :] = 1
        Mr = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(-30, 30), 1.0)
        ker = cv2.warpAffine(ker, Mr, (k, k))
        ker /= max(ker.sum(), 1e-6)
        img = cv2.filter2D(img, -1, ker)
    # low resolution
    if rng.random() < (0.2 if clean else 0.4):
        tw = int(rng.uniform(70, 140) if clean else rng.uniform(40, 120))
        th = max(8, int(tw * h / max(w, 1)))
        img = cv2.resize(img, (tw, th), interpolation=cv2.INTER_AREA)
    # noise
    if rng.random() < (0.15 if clean else 0.35):
        n = cv2.randn(np.empty(img.shape[:2], np.float32), 0, float(rng.uniform(2, 12)))
        img = np.clip(img.astype(np.float32) + n[..., None], 0, 255).astype(np.uint8)
    # JPEG
    if rng.random() < 0.7:
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 96) if clean else rng.integers(20, 91))])
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return img, label


def sample(rng):
    """One (BGR uint8 crop of any size, label) pair."""
    cv2.setRNGSeed(int(rng.integers(2 ** 31)))  # cv2.randn draws from OpenCV's own generator
    plate, label = render_plate(rng)
    return degrade(rng, plate, label)


def to_input(img, W=160, H=48):
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
    g = cv2.resize(g, (W, H), interpolation=cv2.INTER_AREA if g.shape[1] > W else cv2.INTER_LINEAR)
    return g


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--preview", default="/tmp/synth-preview.png")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=24)
    ap.add_argument("--bench", type=int, default=0)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    if a.bench:
        import time
        t = time.time()
        for _ in range(a.bench):
            to_input(sample(rng)[0])
        print("%.2f ms/sample" % ((time.time() - t) * 1000 / a.bench))
        return
    tiles, labels = [], []
    for _ in range(a.n):
        img, lab = sample(rng)
        tiles.append(cv2.resize(img, (240, 120)))
        labels.append(lab)
    rows = [np.hstack(tiles[i:i + 6]) for i in range(0, len(tiles) - len(tiles) % 6, 6)]
    cv2.imwrite(a.preview, np.vstack(rows))
    print(labels)


if __name__ == "__main__":
    sys.exit(main())
