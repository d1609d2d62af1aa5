/**
 * Scenarios shipped with the extension. The JSON is imported statically so esbuild bundles
 * it: no runtime file paths, which would differ between the CLI, tests and the VSIX.
 */
import { InvalidInputError } from '../../core/incident';
import { parseScenario, type Scenario } from '../scenario';
import demoOom from './demo-oom.json';

/** Raw scenario JSON by id (validated on load). */
const RAW: Readonly<Record<string, unknown>> = {
  [demoOom.id]: demoOom,
};

/** id → title and description, for pickers and usage text. */
export const BUNDLED_SCENARIOS: Readonly<Record<string, { id: string; title: string; description: string }>> = Object.fromEntries(
  Object.entries(RAW).map(([id, raw]) => {
    const { title, description } = raw as { title: string; description: string };
    return [id, { id, title, description }];
  }),
);

export const DEFAULT_SCENARIO_ID = 'demo-oom';

const cache = new Map<string, Scenario>();

/** A validated bundled scenario (parsed once per process; callers get their own copy). Throws InvalidInputError for an unknown id. */
export function loadBundledScenario(id: string): Scenario {
  const cached = cache.get(id);
  if (cached) return structuredClone(cached);
  if (!Object.prototype.hasOwnProperty.call(RAW, id)) {
    throw new InvalidInputError('scenario', [`no bundled scenario "${id}" (bundled: ${Object.keys(RAW).join(', ')})`]);
  }
  const scenario = parseScenario(RAW[id]);
  cache.set(id, scenario);
  return structuredClone(scenario);
}
