/** `--scenario ID|FILE`: a bundled scenario by id, or a scenario file. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../core/incident';
import { loadScenarioFile, type Scenario } from '../sandbox/scenario/scenario';
import { BUNDLED_SCENARIOS, DEFAULT_SCENARIO_ID, loadBundledScenario } from '../sandbox/scenarios';

export function scenarioFrom(value: string | undefined): Scenario {
  const id = value ?? DEFAULT_SCENARIO_ID;
  if (Object.prototype.hasOwnProperty.call(BUNDLED_SCENARIOS, id)) return loadBundledScenario(id);
  if (existsSync(id)) return loadScenarioFile(resolve(id));
  throw new InvalidInputError('scenario', [`"${id}" is neither a bundled scenario (${Object.keys(BUNDLED_SCENARIOS).join(', ')}) nor a file`]);
}
