/**
 * The scenario format as a JSON Schema (docs/scenario.schema.json), generated from the zod
 * schema so the two cannot disagree: scripts/gen-scenario-schema.ts writes it and a unit test
 * fails when the committed file differs from a fresh generation.
 *
 * It describes the *input* (what a file may contain: defaults optional, `"512"` or `512` for a
 * task size), with one deliberate difference: unknown keys are refused (see closeObjects).
 * Cross-field rules live in zod refinements, which JSON Schema cannot express —
 * unique names, references between sections, commit placeholders, template syntax — so an
 * editor validating against this file catches shape errors, and `runbook demo --scenario` the rest.
 */
import { z } from 'zod';
import { ScenarioSchema } from './scenario';

type JsonObject = Record<string, unknown>;

/**
 * Descriptions for editors' hover text, by path (`[]` = array items). Kept here rather than as
 * `.meta()` calls in scenario.ts so the schema module stays readable; a path that no longer
 * exists fails generation (and the doc test), so they cannot silently go stale.
 */
const DESCRIPTIONS: Record<string, string> = {
  id: 'Lowercase slug. Also seeds the log generators: changing it changes every generated line.',
  title: 'One line shown in pickers and reports.',
  description: 'What happens in this world, for humans. The engine never reads it.',
  clock: 'The investigation clock: the sandbox answers as if it were `now`.',
  'clock.now': 'The moment the investigation starts (ISO 8601 with offset, e.g. 2026-11-20T10:45:00Z).',
  incident: 'What paged the on-call engineer: handed to the engine as the incident to investigate.',
  world: 'Raw state served through the emulators (AWS JSON 1.1, Kubernetes REST, a git repository). The engine reads it only through providers.',
  'world.aws': 'Region and account id used in ARNs, errors and `@log` values.',
  'world.ecs': 'Amazon ECS: task definitions (regional) and clusters with services and tasks.',
  'world.ecs.taskDefinitions': 'Every revision any service, deployment or task refers to (`family:revision`).',
  'world.ecs.clusters[].services[].deployments': 'Rollouts, newest first by convention; exactly one PRIMARY.',
  'world.ecs.clusters[].services[].events': 'Service event messages (any order; served newest first).',
  'world.ecs.clusters[].tasks': 'Running and stopped tasks; `stoppedReason` and container `exitCode`/`reason` are what an investigator reads.',
  'world.logs.groups': 'CloudWatch log groups, served by FilterLogEvents and Logs Insights.',
  'world.logs.groups[].events': 'Explicit events (multi-line messages allowed, one event per stack trace).',
  'world.logs.groups[].generators': 'Volume: one templated line every `everySeconds` in [from, to), reproducible from the scenario id.',
  'world.logs.groups[].generators[].template': 'Literal text with placeholders: {int:A-B}, {ramp:A-B}, {uuid}, {hex:N}, {pick:a|b|c}.',
  'world.logs.groups[].generators[].jitterSeconds': 'Each event is shifted by a deterministic jitter in [0, jitterSeconds).',
  'world.logs.groups[].generators[].stream': 'Log stream name; may be a template too (e.g. {pick:web/1|web/2}).',
  'world.kubernetes': 'Optional. Namespaces (deployments with their ReplicaSets, pods with container statuses and logs, events) and nodes, served by the Kubernetes emulator.',
  'world.github': 'Optional. The repository on GitHub and its pull requests (each listing its commits as {{commit:LABEL}}), served by the GitHub emulator.',
  'world.git.commits': 'Applied in order on `main`; the sandbox materializes them into a real repository. Reference them elsewhere as {{commit:LABEL}} or {{short:LABEL}}.',
  'world.git.commits[].files': 'Path → new file content; null deletes the file.',
  'world.faults': 'Make operations fail or answer late (tests of throttling, permissions, timeouts, cancellation).',
  truth: 'Ground truth for evaluation only. The engine never reads this section.',
  'truth.category': 'The failure category a correct investigation concludes, or "inconclusive".',
  'truth.culprit': 'What caused it: a commit ({{commit:LABEL}}), a task definition (family:revision), a dependency, a config or something else.',
  'truth.remediation': 'The fix a responder should apply, in words (e.g. "roll back to image-resizer:41").',
};

/** The node at a dotted path (`a.b[].c`), following `properties` and array `items`. */
function nodeAt(root: JsonObject, path: string): JsonObject {
  let node: JsonObject = root;
  for (const segment of path.split('.')) {
    const isArray = segment.endsWith('[]');
    const name = isArray ? segment.slice(0, -2) : segment;
    const next = (node.properties as Record<string, JsonObject> | undefined)?.[name];
    if (!next) throw new Error(`scenario JSON Schema: no property "${name}" on the way to "${path}"; update DESCRIPTIONS in scenarioJsonSchema.ts`);
    node = next;
    if (isArray) {
      if (!node.items || typeof node.items !== 'object') throw new Error(`scenario JSON Schema: "${name}" in "${path}" is not an array`);
      node = node.items as JsonObject;
    }
  }
  return node;
}

/**
 * Marks every object with declared properties closed. The loader silently drops unknown keys,
 * so a typo (`stopedReason`) would otherwise vanish without a word; editors using the schema
 * flag it instead. Maps (`files`, `labels`) declare no properties and stay open.
 */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const object = node as JsonObject;
  if (object.type === 'object' && object.properties && object.additionalProperties === undefined) object.additionalProperties = false;
  Object.values(object).forEach(closeObjects);
}

/** The JSON Schema of a scenario file (draft 2020-12), with descriptions. */
export function scenarioJsonSchema(): JsonObject {
  // io 'input': optional-with-default fields are not required, and transforms show their input
  // type. unrepresentable 'any': a future z.custom() degrades to "anything" instead of throwing.
  const generated = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  closeObjects(generated);
  // A file may point editors at this schema with a "$schema" key (the loader ignores it).
  generated.properties = { $schema: { type: 'string', description: 'Path or URL of this JSON Schema, for editors.' }, ...(generated.properties as JsonObject) };
  for (const [path, description] of Object.entries(DESCRIPTIONS)) {
    const node = nodeAt(generated, path);
    // Put the description first so it reads before the constraints in the file.
    const rest = { ...node };
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, { description }, rest);
  }
  const { $schema, ...body } = generated;
  return {
    $schema,
    title: 'Runbook AI scenario',
    description: 'A world the sandbox serves through its emulators, the incident to investigate, and the ground truth kept apart. See docs/scenarios.md.',
    ...body,
  };
}

/** The file's exact text: stable key order, two-space indent, final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
