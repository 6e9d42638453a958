"""How theme.PALETTE and theme.DARK_PALETTE were derived (a design tool, ~30 s; not run by make docs).

    python docs/palette.py light 8     # 12 colours with 3:1 on white, CIEDE2000 >= 11 pairwise, >= 8 under
    python docs/palette.py dark 8      # simulated protan/deutan/tritan vision; on black for the dark variant

Okabe & Ito's colours are taken first, each moved to the nearest colour (on an 8-level sRGB
grid) that meets the constraints; the rest are added one by one, each the candidate farthest
from those chosen (normal and simulated dichromat vision). tests/test_theme.py checks the result.
"""

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))
from dyngraph.colour import contrast, delta_e_lab, lab, simulate
h = lambda s: tuple(int(s[i:i+2], 16) for i in (0, 2, 4))
hx = lambda c: '%02x%02x%02x' % c
KINDS = ("protan", "deutan", "tritan")
def views(c):
    return [lab(c)] + [lab(simulate(c, k)) for k in KINDS]
def search(seeds, bg, n, tcvd, tnorm=11, minc=3.0, step=8):
    cands = []
    rng = list(range(0, 256, step)) + [255]
    for r in rng:
        for g in rng:
            for b in rng:
                c = (r, g, b)
                if contrast(c, bg) >= minc:
                    cands.append((c, views(c)))
    for s in seeds:
        if contrast(h(s), bg) >= minc:
            cands.append((h(s), views(h(s))))
    bgv = views(bg)
    chosen = []
    def ok(v, cv):
        for (_, w) in chosen:
            if delta_e_lab(v[0], w[0]) < tnorm: return False
            if min(delta_e_lab(v[i], w[i]) for i in (1, 2, 3)) < tcvd: return False
        return delta_e_lab(v[0], bgv[0]) >= 10
    for s in seeds:
        sl = lab(h(s))
        best = min((delta_e_lab(sl, v[0]), c, v) for c, v in cands if ok(v, c))
        chosen.append((best[1], best[2])); print(s, '->', hx(best[1]), round(best[0], 1))
    while len(chosen) < n:
        best = None
        for c, v in cands:
            score = min(min(delta_e_lab(v[0], w[0]) for _, w in chosen),
                        2 * min(min(delta_e_lab(v[i], w[i]) for i in (1, 2, 3)) for _, w in chosen))
            if best is None or score > best[0]:
                best = (score, c, v)
        chosen.append((best[1], best[2])); print('add', hx(best[1]), round(best[0], 1))
    cs = [c for c, _ in chosen]
    mn = min(delta_e_lab(lab(a), lab(b)) for a, b in itertools.combinations(cs, 2))
    mc = min(min(delta_e_lab(lab(simulate(a, k)), lab(simulate(b, k))) for k in KINDS) for a, b in itertools.combinations(cs, 2))
    print([hx(c) for c in cs], 'min dE', round(mn, 1), 'min cvd dE', round(mc, 1))
    return cs
mode = sys.argv[1]
t = float(sys.argv[2])
if mode == 'light':
    search(["0072b2", "e69f00", "009e73", "d55e00", "cc79a7", "56b4e9", "000000", "f0e442"], (255, 255, 255), 12, t)
else:
    search(["0072b2", "e69f00", "009e73", "d55e00", "cc79a7", "56b4e9", "ffffff", "f0e442"], (0, 0, 0), 12, t)
