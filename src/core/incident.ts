/**
 * The incident: what paged the user. Validated with zod because it enters from outside
 * (alert payloads, scenario files, incident sources); errors name the offending field.
 */
import { z } from 'zod';

export const EcsTargetSchema = z.object({
  platform: z.literal('ecs'),
  cluster: z.string().min(1),
  service: z.string().min(1),
  /** CloudWatch log group of the service's containers. */
  logGroup: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
});

export const KubernetesTargetSchema = z.object({
  platform: z.literal('kubernetes'),
  namespace: z.string().min(1),
  deployment: z.string().min(1),
  labelSelector: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
});

export const IncidentTargetSchema = z.discriminatedUnion('platform', [EcsTargetSchema, KubernetesTargetSchema]);

export const IncidentSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  source: z.enum(['demo', 'alert-json', 'cloudwatch-alarm', 'pagerduty', 'opsgenie', 'scenario']),
  severity: z.enum(['critical', 'high', 'medium', 'low']).default('high'),
  /** When symptoms began (the alarm's state change), ISO 8601. */
  startedAt: z.iso.datetime({ offset: true }),
  service: z.string().min(1),
  environment: z.string().optional(),
  target: IncidentTargetSchema,
  description: z.string().optional(),
  /** Short symptom phrases from the alert ("5xx rate > 5%", "tasks restarting"). */
  symptoms: z.array(z.string()).default([]),
  /** The incident's page in the source system, if any. */
  url: z.url().optional(),
});

export type Incident = z.infer<typeof IncidentSchema>;
export type IncidentTarget = z.infer<typeof IncidentTargetSchema>;

export class InvalidInputError extends Error {
  constructor(
    readonly what: string,
    readonly issues: string[],
  ) {
    super(`Invalid ${what}: ${issues.join('; ')}`);
    this.name = 'InvalidInputError';
  }
}

/** Formats zod issues as `field.path: message` so the user sees which field is wrong. */
export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
}

/** Parses with a schema, throwing an InvalidInputError that names every bad field. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(what, describeZodIssues(result.error));
  return result.data;
}

export function parseIncident(input: unknown): Incident {
  return parseWith(IncidentSchema, input, 'incident');
}
