/**
 * Log-parsing accuracy metrics as the Loghub benchmark's evaluators define them
 * (loghub-2.0 `evaluation/utils`): ground-truth groups are the lines sharing a corrected
 * `EventTemplate`; predicted groups are the lines sharing a predicted template id.
 *
 * - GA: a line counts when its predicted group is exactly its true group.
 * - FGA: F1 of groups reproduced exactly (precision over predicted, recall over true groups).
 * - PA: lines whose predicted template string equals the true template exactly.
 * - FTA: F1 of templates that are reproduced exactly as a group *and* as a string.
 *   (Stricter than loghub-2.0's code, which groups predictions by template string and does not
 *   require the group to hold every line of the true template; BENCHMARK.md defines the strict one.)
 */
export interface Accuracy {
  ga: number;
  fga: number;
  pa: number;
  fta: number;
  predictedGroups: number;
  trueGroups: number;
}

export function evaluateParsing(truth: readonly string[], predictedGroup: readonly string[], predictedTemplate: readonly string[]): Accuracy {
  if (truth.length !== predictedGroup.length || truth.length !== predictedTemplate.length) throw new Error('metric inputs differ in length');
  const n = truth.length;
  const trueSizes = countBy(truth);
  const predicted = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const list = predicted.get(predictedGroup[i]!);
    if (list) list.push(i);
    else predicted.set(predictedGroup[i]!, [i]);
  }
  let correctLines = 0;
  let correctGroups = 0;
  let correctTemplates = 0;
  for (const lines of predicted.values()) {
    const label = truth[lines[0]!]!;
    const pure = lines.every((i) => truth[i] === label);
    if (!pure || trueSizes.get(label) !== lines.length) continue;
    correctLines += lines.length;
    correctGroups++;
    if (lines.every((i) => predictedTemplate[i] === label)) correctTemplates++;
  }
  let parsed = 0;
  for (let i = 0; i < n; i++) if (predictedTemplate[i] === truth[i]) parsed++;
  return {
    ga: n === 0 ? 0 : correctLines / n,
    fga: f1(correctGroups / Math.max(1, predicted.size), correctGroups / Math.max(1, trueSizes.size)),
    pa: n === 0 ? 0 : parsed / n,
    fta: f1(correctTemplates / Math.max(1, predicted.size), correctTemplates / Math.max(1, trueSizes.size)),
    predictedGroups: predicted.size,
    trueGroups: trueSizes.size,
  };
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
