/**
 * docs/scenario.schema.json is generated (npm run schema:scenarios); this keeps it from going
 * stale and checks that it accepts what the loader accepts and rejects obvious shape errors.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startSandbox } from '../../../src/sandbox/sandbox';
import { parseScenario } from '../../../src/sandbox/scenario/scenario';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../../src/sandbox/scenario/scenarioJsonSchema';
import demoOom from '../../../src/sandbox/scenarios/demo-oom.json';
import { validateJsonSchema } from './jsonSchemaLite';
import { miniScenario } from './miniScenario';

const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'docs', 'scenario.schema.json');
const BUNDLED_DIR = join(__dirname, '..', '..', '..', 'src', 'sandbox', 'scenarios');

describe('docs/scenario.schema.json', () => {
  it('equals a fresh generation from the zod schema (run npm run schema:scenarios after changing scenario.ts)', () => {
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), scenarioJsonSchemaText(), 'docs/scenario.schema.json is stale: run npm run schema:scenarios');
  });

  it('is draft 2020-12 with descriptions for the main sections', () => {
    const schema = scenarioJsonSchema() as { $schema: string; required: string[]; properties: Record<string, { description?: string }> };
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual([...schema.required].sort(), ['clock', 'description', 'id', 'incident', 'title', 'truth', 'world']);
    assert.match(schema.properties.truth.description ?? '', /never reads/);
  });

  it('accepts every bundled scenario file and the unit-test scenario', () => {
    const schema = scenarioJsonSchema();
    const files = readdirSync(BUNDLED_DIR).filter((name) => name.endsWith('.json'));
    assert.ok(files.includes('demo-oom.json'));
    for (const file of files) {
      const raw: unknown = JSON.parse(readFileSync(join(BUNDLED_DIR, file), 'utf8'));
      assert.deepEqual(validateJsonSchema(schema, raw), [], file);
    }
    assert.deepEqual(validateJsonSchema(schema, miniScenario()), []);
  });

  it('rejects shape errors, naming the field', () => {
    const schema = scenarioJsonSchema();
    const input = structuredClone(demoOom) as Record<string, unknown> & { world: { logs: { groups: { generators: Record<string, unknown>[] }[] } }; truth: Record<string, unknown> };
    delete input.clock;
    input.world.logs.groups[0].generators[0].everySeconds = 'often';
    input.truth.category = 'meltdown';
    const errors = validateJsonSchema(schema, input);
    assert.ok(errors.includes('(root): missing required property "clock"'), errors.join('\n'));
    assert.ok(errors.some((error) => error.startsWith('world.logs.groups.0.generators.0.everySeconds: expected number')), errors.join('\n'));
    assert.ok(errors.some((error) => error.startsWith('truth.category: "meltdown" is not one of')), errors.join('\n'));
  });

  it('flags unknown keys (typos the loader would silently drop) but allows "$schema"', () => {
    const schema = scenarioJsonSchema();
    const input = { $schema: '../../docs/scenario.schema.json', ...miniScenario() };
    assert.deepEqual(validateJsonSchema(schema, input), []);
    const task = input.world.ecs!.clusters![0].tasks![2] as Record<string, unknown>;
    task.stopedReason = task.stoppedReason;
    assert.deepEqual(validateJsonSchema(schema, input), ['world.ecs.clusters.0.tasks.2: unexpected property "stopedReason"']);
  });
});

/** `<!-- example: PATH -->` + a ```json block: the complete example, or a fragment to put at PATH in it. */
function docExamples(): Map<string, unknown> {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'scenarios.md'), 'utf8');
  const examples = new Map<string, unknown>();
  for (const match of text.matchAll(/<!-- example: ([\w.-]+) -->\n```json\n([\s\S]*?)\n```/g)) {
    const [, name, body] = match;
    // Fragments are written as `"key": value`; wrapping them makes an object with one key.
    const parsed: unknown = JSON.parse(body.trimStart().startsWith('{') ? body : `{${body}}`);
    examples.set(name, name === 'complete-scenario' ? parsed : Object.values(parsed as Record<string, unknown>)[0]);
  }
  return examples;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

describe('docs/scenarios.md examples', () => {
  const examples = docExamples();

  it('has a complete example that loads, validates against the JSON Schema and starts a sandbox', async () => {
    const complete = examples.get('complete-scenario');
    assert.ok(complete, 'the complete example is marked <!-- example: complete-scenario -->');
    assert.deepEqual(validateJsonSchema(scenarioJsonSchema(), complete), []);
    const scenario = parseScenario(complete);
    const handle = await startSandbox({ scenario });
    try {
      assert.equal(handle.scenario.world.ecs.taskDefinitions[1].containers[0].image, `registry.example/checkout:${handle.commits.domain.slice(0, 7)}`);
    } finally {
      await handle.close();
    }
  });

  it('has section examples that are valid in place (world.kubernetes, world.logs, faults, truth, …)', () => {
    const fragments = [...examples.keys()].filter((name) => name !== 'complete-scenario');
    assert.ok(fragments.length >= 8, `found ${fragments.join(', ')}`);
    for (const name of fragments) {
      const scenario = structuredClone(examples.get('complete-scenario')) as Record<string, unknown>;
      setAt(scenario, name, examples.get(name));
      assert.deepEqual(validateJsonSchema(scenarioJsonSchema(), scenario), [], name);
      assert.doesNotThrow(() => parseScenario(scenario), name);
    }
  });
});
