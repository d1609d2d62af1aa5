/**
 * `.runbook/services.yaml`: the workspace's service map — where each service logs and what it
 * depends on. Triage reads it to find log groups and to follow a failure from a symptom to a
 * dependency several hops away. Validated with zod; errors name the field.
 *
 *   services:
 *     checkout:
 *       logGroup: /ecs/checkout
 *       dependsOn: [payments-api]
 *     payments-api:
 *       logGroup: /ecs/payments-api
 *       hosts: [payments.internal]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InvalidInputError, parseWith } from './incident';
import type { ServiceMapEntry } from './reasoner/types';

export const SERVICE_MAP_PATH = join('.runbook', 'services.yaml');

const EntrySchema = z.object({
  logGroup: z.string().min(1).optional(),
  kubernetes: z.object({ namespace: z.string().min(1), labelSelector: z.string().min(1) }).optional(),
  ecs: z.object({ cluster: z.string().min(1), service: z.string().min(1) }).optional(),
  dependsOn: z.array(z.string().min(1)).default([]),
  hosts: z.array(z.string().min(1)).default([]),
});

export const ServiceMapSchema = z.object({ services: z.record(z.string().min(1), EntrySchema) });

export type ServiceMapInput = z.input<typeof ServiceMapSchema>;

export function parseServiceMap(text: string, source = 'services.yaml'): Record<string, ServiceMapEntry> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new InvalidInputError(source, [`not valid YAML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = parseWith(ServiceMapSchema, raw ?? { services: {} }, source);
  return Object.fromEntries(Object.entries(parsed.services).map(([name, entry]) => [name, { name, ...entry }]));
}

/** The service map of a workspace folder, or an empty map when it has none. */
export function loadServiceMap(folder: string): Record<string, ServiceMapEntry> {
  const file = join(folder, SERVICE_MAP_PATH);
  return existsSync(file) ? parseServiceMap(readFileSync(file, 'utf8'), file) : {};
}
