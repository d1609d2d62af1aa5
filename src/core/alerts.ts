/**
 * Alert payloads → an Incident. Accepts the incident shape itself, a CloudWatch alarm
 * notification (as SNS delivers it) and an Alertmanager webhook. Anything else, or a payload
 * missing what an investigation needs, fails with an error naming the field.
 */
import { z } from 'zod';
import { describeZodIssues, IncidentSchema, InvalidInputError, parseIncident, type Incident } from './incident';

const CloudWatchAlarmSchema = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  NewStateValue: z.string(),
  NewStateReason: z.string().optional(),
  StateChangeTime: z.string().min(1),
  Region: z.string().optional(),
  AlarmArn: z.string().optional(),
  Trigger: z.object({
    MetricName: z.string().optional(),
    Namespace: z.string().optional(),
    Dimensions: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
  }),
});

const AlertmanagerSchema = z.object({
  alerts: z
    .array(
      z.object({
        status: z.string().optional(),
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()).default({}),
        startsAt: z.string().min(1),
        generatorURL: z.string().optional(),
      }),
    )
    .min(1),
});

/** AWS region names as they appear in alarm notifications ("US East (N. Virginia)"). */
const REGION_NAMES: Record<string, string> = {
  'US East (N. Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (Oregon)': 'us-west-2',
  'EU (Ireland)': 'eu-west-1',
  'Europe (Ireland)': 'eu-west-1',
  'EU (Frankfurt)': 'eu-central-1',
  'Europe (Frankfurt)': 'eu-central-1',
};

export function parseAlert(input: unknown): Incident {
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch (error) {
      throw new InvalidInputError('alert', [`(root): not JSON (${error instanceof Error ? error.message : String(error)})`]);
    }
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new InvalidInputError('alert', ['(root): expected a JSON object']);
  const record = input as Record<string, unknown>;
  // SNS wraps the alarm as a JSON string in Message.
  if (typeof record.Message === 'string' && record.Type === 'Notification') return parseAlert(record.Message);
  if ('AlarmName' in record) return fromCloudWatchAlarm(record);
  if ('alerts' in record) return fromAlertmanager(record);
  if ('target' in record) return parseIncident(record);
  throw new InvalidInputError('alert', ['(root): not a recognised alert — expected an incident ({ id, title, startedAt, service, target }), a CloudWatch alarm notification (AlarmName, Trigger) or an Alertmanager webhook (alerts[])']);
}

function fromCloudWatchAlarm(input: unknown): Incident {
  const parsed = CloudWatchAlarmSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError('CloudWatch alarm', describeZodIssues(parsed.error));
  const alarm = parsed.data;
  const dimension = (name: string) => alarm.Trigger.Dimensions.find((d) => d.name === name)?.value;
  const cluster = dimension('ClusterName');
  const service = dimension('ServiceName');
  if (!cluster || !service) {
    throw new InvalidInputError('CloudWatch alarm', ['Trigger.Dimensions: an ECS alarm needs the ClusterName and ServiceName dimensions to know what to investigate']);
  }
  const region = alarm.Region ? (REGION_NAMES[alarm.Region] ?? (/^[a-z]{2}-[a-z]+-\d$/.test(alarm.Region) ? alarm.Region : undefined)) : undefined;
  return checked({
    id: alarm.AlarmName,
    title: alarm.AlarmDescription || alarm.AlarmName,
    source: 'cloudwatch-alarm',
    severity: 'high',
    startedAt: normaliseTime(alarm.StateChangeTime, 'StateChangeTime'),
    service,
    target: { platform: 'ecs', cluster, service, region },
    description: alarm.NewStateReason,
    symptoms: [alarm.Trigger.MetricName ? `${alarm.Trigger.Namespace ?? ''} ${alarm.Trigger.MetricName}`.trim() : alarm.AlarmName, ...(alarm.NewStateReason ? [alarm.NewStateReason] : [])],
  });
}

function fromAlertmanager(input: unknown): Incident {
  const parsed = AlertmanagerSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError('Alertmanager webhook', describeZodIssues(parsed.error));
  const alert = parsed.data.alerts.find((a) => a.status !== 'resolved') ?? parsed.data.alerts[0]!;
  const { labels } = alert;
  const namespace = labels.namespace;
  const deployment = labels.deployment ?? labels.app ?? labels.service ?? labels.job;
  if (!namespace || !deployment) {
    throw new InvalidInputError('Alertmanager webhook', ['alerts.0.labels: needs "namespace" and one of "deployment", "app", "service" or "job" to know what to investigate']);
  }
  return checked({
    id: `${labels.alertname ?? 'alert'}-${namespace}-${deployment}`,
    title: alert.annotations.summary ?? labels.alertname ?? `${deployment} alert`,
    source: 'alert-json',
    severity: labels.severity === 'critical' ? 'critical' : labels.severity === 'warning' ? 'medium' : 'high',
    startedAt: normaliseTime(alert.startsAt, 'alerts.0.startsAt'),
    service: deployment,
    target: { platform: 'kubernetes', namespace, deployment },
    description: alert.annotations.description,
    symptoms: [alert.annotations.summary ?? labels.alertname ?? 'alert firing'],
  });
}

function normaliseTime(value: string, field: string): string {
  // CloudWatch writes "2026-11-20T10:16:00.000+0000": make the offset ISO 8601.
  const fixed = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(fixed);
  if (Number.isNaN(time)) throw new InvalidInputError('alert', [`${field}: "${value}" is not a time`]);
  return new Date(time).toISOString();
}

function checked(incident: z.input<typeof IncidentSchema>): Incident {
  return parseIncident(incident);
}
