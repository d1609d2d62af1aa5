/**
 * Validates scenario files without investigating them: `npm run scenarios:validate -- FILE…`.
 * Prints one line per file (ok, or the loader's field-level problems) and exits 1 on any problem.
 * Authors of held-out and outside cases use it so they never see the engine's answer.
 */
import { InvalidInputError } from '../src/core/incident';
import { loadScenarioFile } from '../src/sandbox/scenario/scenario';

let failed = 0;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run scenarios:validate -- FILE…');
  process.exit(2);
}
for (const file of files) {
  try {
    const scenario = loadScenarioFile(file);
    console.log(`ok   ${file} (${scenario.id}: ${scenario.truth.category})`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${file}\n     ${error instanceof InvalidInputError ? error.issues.join('\n     ') : String(error)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
