/**
 * Calibration of an evaluation: is the engine's confidence worth believing? A confident wrong
 * answer at 3 AM costs more than "inconclusive", so the report counts those apart, scores the
 * stated confidence of committed answers with the Brier score, and tabulates confidence
 * buckets against accuracy (a reliability table).
 */
export interface CalibrationCase {
  correct: boolean;
  confidence: number;
  /** The engine answered "inconclusive" (it committed to no root cause). */
  inconclusive: boolean;
}

export interface ReliabilityBucket {
  /** Inclusive lower bound, exclusive upper bound (the last bucket includes 1). */
  from: number;
  to: number;
  cases: number;
  correct: number;
  accuracy: number | null;
  meanConfidence: number | null;
}

export interface Calibration {
  /** The confirmation bar the engine used. */
  bar: number;
  /** Wrong, not inconclusive, and at or above the bar. */
  confidentlyWrong: number;
  confidentlyWrongRate: number;
  /** Cases answered "inconclusive" (right or wrong). */
  inconclusive: number;
  /**
   * Mean of (confidence − correct)² over committed answers (root causes), where the stated
   * confidence is a claim of being right; 0 is perfect, 0.25 is a coin flip. Null with none.
   */
  brier: number | null;
  /** Every case by its confidence (for inconclusive ones, the best hypothesis's). */
  reliability: ReliabilityBucket[];
}

export const RELIABILITY_EDGES = [0, 0.5, 0.7, 0.8, 0.9, 1] as const;

const round = (value: number) => Math.round(value * 1000) / 1000;

export function calibrationOf(cases: readonly CalibrationCase[], bar: number): Calibration {
  const committed = cases.filter((c) => !c.inconclusive);
  const confidentlyWrong = committed.filter((c) => !c.correct && c.confidence >= bar).length;
  const brier = committed.length ? round(committed.reduce((sum, c) => sum + (c.confidence - (c.correct ? 1 : 0)) ** 2, 0) / committed.length) : null;
  const reliability: ReliabilityBucket[] = [];
  for (let i = 0; i + 1 < RELIABILITY_EDGES.length; i++) {
    const from = RELIABILITY_EDGES[i]!;
    const to = RELIABILITY_EDGES[i + 1]!;
    const last = i + 2 === RELIABILITY_EDGES.length;
    const inside = cases.filter((c) => c.confidence >= from && (c.confidence < to || (last && c.confidence <= to)));
    const correct = inside.filter((c) => c.correct).length;
    reliability.push({
      from,
      to,
      cases: inside.length,
      correct,
      accuracy: inside.length ? round(correct / inside.length) : null,
      meanConfidence: inside.length ? round(inside.reduce((s, c) => s + c.confidence, 0) / inside.length) : null,
    });
  }
  return {
    bar,
    confidentlyWrong,
    confidentlyWrongRate: cases.length ? round(confidentlyWrong / cases.length) : 0,
    inconclusive: cases.length - committed.length,
    brier,
    reliability,
  };
}

/** The reliability table as text, for the CLI and the bench. */
export function formatCalibration(calibration: Calibration): string[] {
  const pct = (value: number | null) => (value === null ? '   –' : `${Math.round(value * 100)}%`.padStart(4));
  return [
    `confidently wrong (≥ ${Math.round(calibration.bar * 100)}%)  ${calibration.confidentlyWrong} (${(calibration.confidentlyWrongRate * 100).toFixed(1)}% of cases; goal ≤ 5%)`,
    `Brier score (committed answers) ${calibration.brier === null ? '–' : calibration.brier.toFixed(3)}   inconclusive answers ${calibration.inconclusive}`,
    'confidence    cases  correct  accuracy  mean confidence',
    ...calibration.reliability.map((b) => `${`${b.from.toFixed(1)}–${b.to.toFixed(1)}`.padEnd(12)} ${String(b.cases).padStart(6)} ${String(b.correct).padStart(8)} ${pct(b.accuracy).padStart(9)} ${pct(b.meanConfidence).padStart(16)}`),
  ];
}
