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

/** Kinds of Kubernetes workload an incident can be about (bare pods included). */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/**
 * A Kubernetes target names a `deployment`, or any workload by `kind` + `name`. The output
 * always has `kind` and `name`; `deployment` is set only for Deployments (the kind rollouts,
 * restarts and scaling are planned for).
 */
export const KubernetesTargetSchema = z
  .object({
    platform: z.literal('kubernetes'),
    namespace: z.string().min(1),
    deployment: z.string().min(1).optional(),
    kind: z.enum(WORKLOAD_KINDS).optional(),
    name: z.string().min(1).optional(),
    labelSelector: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
  })
  .superRefine((target, ctx) => {
    if (!target.deployment && !target.name) ctx.addIssue({ code: 'custom', path: ['deployment'], message: 'name the workload: "deployment", or "kind" and "name"' });
    if (target.deployment && target.name && target.deployment !== target.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'give "deployment" or "name", not two different ones' });
    if (target.deployment && target.kind && target.kind !== 'Deployment') ctx.addIssue({ code: 'custom', path: ['kind'], message: `"deployment" names a Deployment, not a ${target.kind}` });
  })
  .transform((target) => {
    const kind: WorkloadKind = target.kind ?? 'Deployment';
    const name = (target.name ?? target.deployment)!;
    return { ...target, kind, name, deployment: kind === 'Deployment' ? name : undefined };
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
  /** Every service an alert group names (the target is where the investigation starts). */
  affectedServices: z.array(z.string().min(1)).optional(),
  /** Short symptom phrases from the alert ("5xx rate > 5%", "tasks restarting"). */
  symptoms: z.array(z.string()).default([]),
  /** The incident's page in the source system, if any. */
  url: z.url().optional(),
});

export type Incident = z.infer<typeof IncidentSchema>;
export type IncidentTarget = z.infer<typeof IncidentTargetSchema>;

/** Everything the alert says about its symptoms, as one text to test cues against. */
export function symptomText(incident: Pick<Incident, 'title' | 'symptoms' | 'description'>): string {
  return `${incident.title} ${incident.symptoms.join(' ')} ${incident.description ?? ''}`;
}

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
