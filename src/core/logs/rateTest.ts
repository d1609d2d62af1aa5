/**
 * Is a template's rate in the incident window really different from the baseline?
 *
 * Conditional test for two Poisson counts: given n = baseline + incident occurrences and the
 * same rate in both windows, the incident count is Binomial(n, p) with p the incident window's
 * share of the total exposure (time, or event volume when there are no timestamps). Tiny counts
 * therefore never look significant: 3 vs 1 is p ≈ 0.3, not "3× surge".
 */

export interface RateComparison {
  /** incident rate / baseline rate; Infinity when the baseline has none, 0 when the incident has none */
  ratio: number;
  /** One-sided p-value for "more in the incident window" (surge) */
  pMore: number;
  /** One-sided p-value for "fewer in the incident window" (drop) */
  pFewer: number;
}

export function compareRates(baselineCount: number, incidentCount: number, baselineExposure: number, incidentExposure: number): RateComparison {
  const share = incidentExposure / (incidentExposure + baselineExposure);
  const n = baselineCount + incidentCount;
  const baselineRate = baselineCount / baselineExposure;
  const incidentRate = incidentCount / incidentExposure;
  const ratio = baselineCount === 0 ? (incidentCount === 0 ? 1 : Infinity) : incidentRate / baselineRate;
  return {
    ratio,
    pMore: binomialUpperTail(incidentCount, n, share),
    pFewer: binomialLowerTail(incidentCount, n, share),
  };
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return regularizedBeta(p, k, n - k + 1);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k >= n) return 1;
  if (k < 0) return 0;
  return 1 - binomialUpperTail(k + 1, n, p);
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9): ~15 significant digits for x > 0. */
export function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** I_x(a, b), the regularised incomplete beta function (Lentz's continued fraction). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return h;
}
