"""Colour arithmetic in the standard spaces (stdlib only): WCAG contrast, CIELAB, CIEDE2000.

Used to choose inks that read on whatever is under them and to keep series
colours apart; all colours are (r, g, b) tuples of 0-255 integers.
"""

import bisect
import math


def _linear(channel):
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = {c: _linear(c) for c in range(256)}  # the same values, looked up: a chart asks for thousands


def luminance(rgb):
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    try:
        return 0.2126 * _LINEAR[rgb[0]] + 0.7152 * _LINEAR[rgb[1]] + 0.0722 * _LINEAR[rgb[2]]
    except KeyError:  # not a channel value 0-255 (a float between, a value out of range): the formula
        r, g, b = (_linear(c) for c in rgb[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def worst_contrast(ink, grounds):
    """The lowest contrast of ``ink`` against any of the colours in ``grounds``."""
    return _worst(luminance(ink), sorted({luminance(g) for g in grounds}))


def _worst(lum, levels):
    """Contrast of luminance ``lum`` against the nearest of the sorted ground ``levels``."""
    i = bisect.bisect_left(levels, lum)
    near = [levels[j] for j in (i - 1, i) if 0 <= j < len(levels)]
    return min((max(lum, g) + 0.05) / (min(lum, g) + 0.05) for g in near)


def mix(a, b, t):
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3]))


STEPS = 32  # mixes tried towards black and white before the first one that reaches is refined


def reach(ink, grounds, minimum):
    """``ink`` if it has ``minimum`` contrast against every ground colour, else the least change of it that has.

    The ink is mixed towards black or white, whichever reaches the minimum
    with less change (if neither does, the extreme with the better contrast).
    Only luminances matter, so a gradient's 256 colours cost one sort.
    """
    levels = sorted({luminance(g) for g in grounds})
    ink = tuple(ink[:3])
    if _worst(luminance(ink), levels) >= minimum:
        return ink
    best = None
    for extreme in ((0, 0, 0), (255, 255, 255)):
        # the first step that reaches (the search stops there: every chart asks this of its inks)
        reaches = (n for n in range(1, STEPS + 1) if _worst(luminance(mix(ink, extreme, n / STEPS)), levels) >= minimum)
        first = next(reaches, None)
        if first is None:
            continue
        low, high = (first - 1) / STEPS, first / STEPS
        for _ in range(6):  # refine inside the first step that reaches (contrast is monotonic there)
            middle = (low + high) / 2
            if _worst(luminance(mix(ink, extreme, middle)), levels) >= minimum:
                high = middle
            else:
                low = middle
        if best is None or high < best[0]:
            best = (high, mix(ink, extreme, high))
    if best is None:
        return max(((0, 0, 0), (255, 255, 255)), key=lambda e: _worst(luminance(e), levels))
    return best[1]


def lab(rgb):
    """CIELAB (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in rgb[:3])
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a, b):
    """CIEDE2000 colour difference of two sRGB colours (about 1: just noticeable; 10: clearly different)."""
    return delta_e_lab(lab(a), lab(b))


def delta_e_lab(first, second):
    """CIEDE2000 difference of two CIELAB colours (Sharma, Wu & Dalal 2005)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def simulate(rgb, kind):
    """How ``rgb`` looks with full protanopia, deuteranopia or tritanopia (Machado et al. 2009)."""
    lin = [_linear(c) for c in rgb[:3]]
    out = []
    for row in CVD[kind]:
        v = min(1.0, max(0.0, sum(m * c for m, c in zip(row, lin))))
        s = v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
        out.append(round(s * 255))
    return tuple(out)
