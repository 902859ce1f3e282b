#!/usr/bin/env python3
"""Independent expected values for engine/src/test/java/io/voronka/engine/stats/StatisticsTest.java.

Plain python3 (no scipy on the build machine, PyPI unreachable): closed formulas with math.erfc for the normal
tail, and the regularized upper incomplete gamma Q(a, x) from the series / continued fraction of Numerical
Recipes (Press et al., 3rd ed., section 6.2, gser/gcf) for the chi-square tail. Run: python3 expected_statistics.py
"""
import math

Z95 = 1.959963984540054

def wilson(x, n):
    p = x / n
    z2 = Z95 * Z95
    c = p + z2 / (2 * n)
    s = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    d = 1 + z2 / n
    return (c - s) / d, (c + s) / d

def normal_two_sided(z):
    return math.erfc(abs(z) / math.sqrt(2))

def ztest(x1, n1, x2, n2):
    p = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return z, normal_two_sided(z)

def gamma_q(a, x):
    """Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x) (Numerical Recipes gser / gcf)."""
    gln = math.lgamma(a)
    if x < a + 1:
        ap, total, delta = a, 1 / a, 1 / a
        for _ in range(10000):
            ap += 1
            delta *= x / ap
            total += delta
            if abs(delta) < abs(total) * 1e-17:
                break
        return 1 - total * math.exp(-x + a * math.log(x) - gln)
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-17:
            break
    return math.exp(-x + a * math.log(x) - gln) * h

def chi_square(successes, trials):
    rate = sum(successes) / sum(trials)
    stat = 0
    for x, n in zip(successes, trials):
        ey, en = n * rate, n * (1 - rate)
        stat += (x - ey) ** 2 / ey + ((n - x) - en) ** 2 / en
    df = len(trials) - 1
    return stat, df, gamma_q(df / 2, stat / 2)

def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    m = len(ps)
    out = [0] * m
    running = 0
    for rank, i in enumerate(order):
        running = max(running, min(1, (m - rank) * ps[i]))
        out[i] = running
    return out

def mann_whitney(x, y):
    both = sorted([(v, 0) for v in x] + [(v, 1) for v in y])
    ranks = {}
    i = 0
    ties = 0
    while i < len(both):
        j = i
        while j < len(both) and both[j][0] == both[i][0]:
            j += 1
        ranks[both[i][0]] = (i + 1 + j) / 2
        t = j - i
        ties += t ** 3 - t
        i = j
    n1, n2 = len(x), len(y)
    n = n1 + n2
    u = sum(ranks[v] for v in x) - n1 * (n1 + 1) / 2
    var = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    mean = n1 * n2 / 2
    z = math.copysign(max(0, abs(u - mean) - 0.5), u - mean) / math.sqrt(var)
    return u, z, normal_two_sided(z)

def quantile7(values, q):
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(len(s) - 1, lo + 1)
    return s[lo] + (pos - lo) * (s[hi] - s[lo])

successes = [45, 30, 60, 8]
trials = [120, 150, 130, 20]
for x, n in zip(successes, trials):
    print("wilson", x, n, repr(wilson(x, n)))
ps = []
for g in range(4):
    rx = sum(successes) - successes[g]
    rn = sum(trials) - trials[g]
    z, p = ztest(successes[g], trials[g], rx, rn)
    ps.append(p)
    print("z vs rest", g, repr(z), repr(p))
print("holm", [repr(v) for v in holm(ps)])
print("chi2", [repr(v) for v in chi_square(successes, trials)])
x = [12, 15, 15, 20, 31, 7, 44, 15, 9, 28]
y = [5, 7, 8, 12, 3, 15, 6, 10, 2]
print("mann-whitney", [repr(v) for v in mann_whitney(x, y)])
data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 40, -20]
print("quartiles", [repr(quantile7(data, q)) for q in (0.25, 0.5, 0.75, 0.9)])
