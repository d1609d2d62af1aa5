/**
 * Writes docs/scenario.schema.json from the zod scenario schema (src/sandbox/scenario/scenario.ts).
 *
 *   npm run schema:scenarios            regenerate the file
 *   npm run schema:scenarios -- --check exit 1 if the committed file is stale (what the unit test checks too)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { scenarioJsonSchemaText } from '../src/sandbox/scenario/scenarioJsonSchema';

export const SCENARIO_SCHEMA_PATH = resolve(__dirname, '..', 'docs', 'scenario.schema.json');

function main(): number {
  const text = scenarioJsonSchemaText();
  const shown = relative(process.cwd(), SCENARIO_SCHEMA_PATH);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCENARIO_SCHEMA_PATH, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current === text) return 0;
    console.error(`${shown} is out of date: run npm run schema:scenarios`);
    return 1;
  }
  writeFileSync(SCENARIO_SCHEMA_PATH, text);
  console.log(`wrote ${shown} (${text.length} bytes)`);
  return 0;
}

process.exitCode = main();
