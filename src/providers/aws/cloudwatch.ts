/**
 * MetricsProvider over the real CloudWatch API (GetMetricData, ListMetrics, DescribeAlarms,
 * DescribeAlarmsForMetric, DescribeAlarmHistory). Aggregation stays server-side: a query
 * without a period gets one sized to the window (≤ MAX_POINTS_PER_SERIES points), and every
 * call is bounded (datapoint budget, page counts). A metric CloudWatch has no datapoint for
 * (not published — e.g. Container Insights is off — or other dimensions) comes back as a
 * series with status `empty`, which callers report as "unavailable", never as zero.
 */
import {
  type CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  type Dimension,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricAlarm as SdkMetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmState, AlarmStateChange, MetricAlarm, MetricDescriptor, MetricQuery, MetricSeries, MetricsProvider } from '../types';
import { type AwsCallContext, callAws } from './errors';

/** Points per series a sized period aims at (CloudWatch aggregates; the engine reads trends, not samples). */
export const MAX_POINTS_PER_SERIES = 100;
/** Datapoints one getMetricData call reads at most, over all its series. */
export const MAX_DATAPOINTS_PER_REQUEST = 20_000;
/** GetMetricData takes at most 500 queries per call. */
const QUERIES_PER_CALL = 500;
const MAX_PAGES = 20;
/** Most alarms, metrics or history items one call returns. */
export const MAX_ITEMS = 500;

/** Periods CloudWatch keeps and a human reads: 1 min … 1 day, then whole days. */
const NICE_PERIODS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The smallest "nice" period (a multiple of 60 s) giving at most `maxPoints` points over the window. */
export function periodForWindow(startTime: number, endTime: number, maxPoints = MAX_POINTS_PER_SERIES): number {
  const needed = Math.ceil(Math.max(1, endTime - startTime) / 1000 / maxPoints);
  const nice = NICE_PERIODS.find((period) => period >= needed);
  return nice ?? Math.ceil(needed / 86400) * 86400;
}

export interface CloudWatchProviderOptions {
  profile?: string;
  /** Configured keys, redacted from error messages. */
  secrets?: readonly (string | undefined)[];
  /** Datapoint budget of one getMetricData call (default MAX_DATAPOINTS_PER_REQUEST). */
  maxDatapoints?: number;
}

const toDimensions = (dimensions: Record<string, string> | undefined): Dimension[] => Object.entries(dimensions ?? {}).map(([Name, Value]) => ({ Name, Value }));
const fromDimensions = (dimensions: Dimension[] | undefined): Record<string, string> =>
  Object.fromEntries((dimensions ?? []).filter((d) => d.Name !== undefined).map((d) => [d.Name as string, d.Value ?? '']));
const isState = (value: unknown): value is AlarmState => value === 'OK' || value === 'ALARM' || value === 'INSUFFICIENT_DATA';

function mapAlarm(alarm: SdkMetricAlarm): MetricAlarm {
  const mapped: MetricAlarm = {
    name: alarm.AlarmName ?? '',
    arn: alarm.AlarmArn ?? '',
    state: isState(alarm.StateValue) ? alarm.StateValue : 'INSUFFICIENT_DATA',
    stateReason: alarm.StateReason ?? '',
    dimensions: fromDimensions(alarm.Dimensions),
    actionsEnabled: alarm.ActionsEnabled ?? true,
    alarmActions: alarm.AlarmActions ?? [],
  };
  if (alarm.AlarmDescription !== undefined) mapped.description = alarm.AlarmDescription;
  if (alarm.StateUpdatedTimestamp) mapped.stateUpdatedAt = alarm.StateUpdatedTimestamp.getTime();
  if (alarm.Namespace !== undefined) mapped.namespace = alarm.Namespace;
  if (alarm.MetricName !== undefined) mapped.metricName = alarm.MetricName;
  const statistic = alarm.Statistic ?? alarm.ExtendedStatistic;
  if (statistic !== undefined) mapped.statistic = statistic;
  if (alarm.Period !== undefined) mapped.periodSeconds = alarm.Period;
  if (alarm.EvaluationPeriods !== undefined) mapped.evaluationPeriods = alarm.EvaluationPeriods;
  if (alarm.DatapointsToAlarm !== undefined) mapped.datapointsToAlarm = alarm.DatapointsToAlarm;
  if (alarm.Threshold !== undefined) mapped.threshold = alarm.Threshold;
  if (alarm.ComparisonOperator !== undefined) mapped.comparisonOperator = alarm.ComparisonOperator;
  if (alarm.TreatMissingData !== undefined) mapped.treatMissingData = alarm.TreatMissingData;
  return mapped;
}

/** HistoryData of a StateUpdate: `{"oldState": {"stateValue"…}, "newState": {"stateValue", "stateReason", "stateReasonData": {"recentDatapoints"…}}}`. */
function parseHistoryData(data: string | undefined): Partial<AlarmStateChange> {
  if (!data) return {};
  try {
    const parsed = JSON.parse(data) as {
      oldState?: { stateValue?: unknown };
      newState?: { stateValue?: unknown; stateReason?: unknown; stateReasonData?: { recentDatapoints?: unknown } };
    };
    const out: Partial<AlarmStateChange> = {};
    if (isState(parsed.oldState?.stateValue)) out.from = parsed.oldState.stateValue;
    if (isState(parsed.newState?.stateValue)) out.to = parsed.newState.stateValue;
    if (typeof parsed.newState?.stateReason === 'string') out.reason = parsed.newState.stateReason;
    const recent = parsed.newState?.stateReasonData?.recentDatapoints;
    if (Array.isArray(recent) && recent.every((value) => typeof value === 'number')) out.recentDatapoints = recent as number[];
    return out;
  } catch {
    return {};
  }
}

export class CloudWatchMetricsProvider implements MetricsProvider {
  readonly id = 'cloudwatch' as const;

  constructor(
    private readonly client: CloudWatchClient,
    private readonly options: CloudWatchProviderOptions = {},
  ) {}

  private context(operation: string, target: string): AwsCallContext {
    return { provider: 'cloudwatch', operation, target, profile: this.options.profile, secrets: this.options.secrets };
  }

  private call<T>(context: AwsCallContext, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    return callAws(context, signal, run);
  }

  async getMetricData(queries: MetricQuery[], startTime: number, endTime: number, signal?: AbortSignal): Promise<MetricSeries[]> {
    if (queries.length === 0) return [];
    const budget = this.options.maxDatapoints ?? MAX_DATAPOINTS_PER_REQUEST;
    const sized = periodForWindow(startTime, endTime);
    const resolved = queries.map((query, index) => ({ ...query, id: query.id ?? `m${index}`, periodSeconds: query.periodSeconds ?? sized }));
    const series = new Map<string, MetricSeries>(
      resolved.map((query) => [query.id, { id: query.id, label: query.label ?? query.metricName, query, points: [], status: 'empty' as MetricSeries['status'] }]),
    );
    const target = resolved.length === 1 ? `${resolved[0].namespace} ${resolved[0].metricName}` : `${resolved.length} metrics`;
    let read = 0;
    for (let i = 0; i < resolved.length && read < budget; i += QUERIES_PER_CALL) {
      const batch = resolved.slice(i, i + QUERIES_PER_CALL);
      const metricDataQueries: MetricDataQuery[] = batch.map((query) => ({
        Id: query.id,
        ...(query.label !== undefined ? { Label: query.label } : {}),
        MetricStat: {
          Metric: { Namespace: query.namespace, MetricName: query.metricName, Dimensions: toDimensions(query.dimensions) },
          Period: query.periodSeconds,
          Stat: query.stat,
          ...(query.unit !== undefined ? { Unit: query.unit as never } : {}),
        },
        ReturnData: true,
      }));
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await this.call(this.context('GetMetricData', target), signal, () =>
          this.client.send(
            new GetMetricDataCommand({
              MetricDataQueries: metricDataQueries,
              StartTime: new Date(startTime),
              EndTime: new Date(endTime),
              ScanBy: 'TimestampAscending',
              MaxDatapoints: Math.max(1, budget - read),
              NextToken: nextToken,
            }),
            { abortSignal: signal },
          ),
        );
        pages++;
        for (const result of page.MetricDataResults ?? []) {
          const entry = result.Id === undefined ? undefined : series.get(result.Id);
          if (!entry) continue;
          if (result.Label) entry.label = result.Label;
          const timestamps = result.Timestamps ?? [];
          const values = result.Values ?? [];
          for (let k = 0; k < Math.min(timestamps.length, values.length); k++) entry.points.push({ timestamp: timestamps[k].getTime(), value: values[k] });
          read += Math.min(timestamps.length, values.length);
          if (entry.points.length > 0) entry.status = result.StatusCode === 'PartialData' ? 'partial' : 'complete';
          const messages = (result.Messages ?? []).map((message) => `${message.Code ?? ''}: ${message.Value ?? ''}`.trim());
          if (messages.length > 0) entry.messages = [...(entry.messages ?? []), ...messages];
        }
        nextToken = page.NextToken;
      } while (nextToken && read < budget && pages < MAX_PAGES);
      // Stopped by the budget or the page cap while CloudWatch had more: say so.
      if (nextToken) for (const query of batch) if (series.get(query.id)!.points.length > 0) series.get(query.id)!.status = 'partial';
    }
    for (const entry of series.values()) entry.points.sort((a, b) => a.timestamp - b.timestamp);
    return resolved.map((query) => series.get(query.id)!);
  }

  async listMetrics(
    filter: { namespace?: string; metricName?: string; dimensions?: Record<string, string | undefined>; recentlyActive?: boolean },
    signal?: AbortSignal,
  ): Promise<MetricDescriptor[]> {
    const out: MetricDescriptor[] = [];
    let nextToken: string | undefined;
    const target = [filter.namespace, filter.metricName].filter(Boolean).join(' ') || 'all metrics';
    do {
      const page = await this.call(this.context('ListMetrics', target), signal, () =>
        this.client.send(
          new ListMetricsCommand({
            Namespace: filter.namespace,
            MetricName: filter.metricName,
            Dimensions: filter.dimensions ? Object.entries(filter.dimensions).map(([Name, Value]) => ({ Name, ...(Value !== undefined ? { Value } : {}) })) : undefined,
            RecentlyActive: filter.recentlyActive ? 'PT3H' : undefined,
            NextToken: nextToken,
          }),
          { abortSignal: signal },
        ),
      );
      for (const metric of page.Metrics ?? []) {
        out.push({ namespace: metric.Namespace ?? '', metricName: metric.MetricName ?? '', dimensions: fromDimensions(metric.Dimensions) });
      }
      nextToken = page.NextToken;
    } while (nextToken && out.length < MAX_ITEMS);
    return out.slice(0, MAX_ITEMS);
  }

  async describeAlarms(filter: { names?: string[]; prefix?: string; state?: AlarmState }, signal?: AbortSignal): Promise<MetricAlarm[]> {
    const out: MetricAlarm[] = [];
    let nextToken: string | undefined;
    const target = filter.names?.join(', ') ?? (filter.prefix !== undefined ? `${filter.prefix}*` : 'all alarms');
    do {
      const page = await this.call(this.context('DescribeAlarms', target), signal, () =>
        this.client.send(
          new DescribeAlarmsCommand({
            AlarmNames: filter.names,
            AlarmNamePrefix: filter.prefix,
            StateValue: filter.state,
            AlarmTypes: ['MetricAlarm'],
            MaxRecords: 100,
            NextToken: nextToken,
          }),
          { abortSignal: signal },
        ),
      );
      out.push(...(page.MetricAlarms ?? []).map(mapAlarm));
      nextToken = page.NextToken;
    } while (nextToken && out.length < MAX_ITEMS);
    return out.slice(0, MAX_ITEMS);
  }

  async alarmsForMetric(metric: { namespace: string; metricName: string; dimensions?: Record<string, string> }, signal?: AbortSignal): Promise<MetricAlarm[]> {
    const output = await this.call(this.context('DescribeAlarmsForMetric', `${metric.namespace} ${metric.metricName}`), signal, () =>
      this.client.send(
        new DescribeAlarmsForMetricCommand({
          Namespace: metric.namespace,
          MetricName: metric.metricName,
          ...(metric.dimensions ? { Dimensions: toDimensions(metric.dimensions) } : {}),
        }),
        { abortSignal: signal },
      ),
    );
    return (output.MetricAlarms ?? []).map(mapAlarm);
  }

  async alarmHistory(alarmName: string, options: { startTime?: number; endTime?: number; limit?: number } = {}, signal?: AbortSignal): Promise<AlarmStateChange[]> {
    const limit = Math.min(options.limit ?? 100, MAX_ITEMS);
    const out: AlarmStateChange[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call(this.context('DescribeAlarmHistory', alarmName), signal, () =>
        this.client.send(
          new DescribeAlarmHistoryCommand({
            AlarmName: alarmName,
            HistoryItemType: 'StateUpdate',
            StartDate: options.startTime !== undefined ? new Date(options.startTime) : undefined,
            EndDate: options.endTime !== undefined ? new Date(options.endTime) : undefined,
            ScanBy: 'TimestampDescending',
            MaxRecords: Math.min(100, limit - out.length),
            NextToken: nextToken,
          }),
          { abortSignal: signal },
        ),
      );
      for (const item of page.AlarmHistoryItems ?? []) {
        out.push({ alarmName: item.AlarmName ?? alarmName, timestamp: item.Timestamp?.getTime() ?? 0, summary: item.HistorySummary ?? '', ...parseHistoryData(item.HistoryData) });
      }
      nextToken = page.NextToken;
    } while (nextToken && out.length < limit);
    return out.slice(0, limit);
  }
}
