/**
 * CloudWatch (metrics and alarms) for the emulator, in the wire shape the current SDK uses:
 * AWS JSON 1.0, target `GraniteServiceVersion20100801.<Op>`, PascalCase members, epoch-SECONDS
 * timestamps, query-compatible errors (see awsServer.ts). Read-only over `world.cloudwatch`:
 *
 * - GetMetricData: MetricStat queries (namespace, metric, exact dimensions, period, stat incl.
 *   pNN, unit), aggregated server-side per period; Timestamps newest first unless
 *   `ScanBy: TimestampAscending`; StatusCode `PartialData` + NextToken when MaxDatapoints cuts
 *   a result. Math expressions are refused (ValidationError).
 * - ListMetrics (Namespace, MetricName, Dimensions filters; RecentlyActive PT3H on the clock),
 *   DescribeAlarms (names, prefix, state), DescribeAlarmsForMetric, DescribeAlarmHistory
 *   (StateUpdate items with HistoryData as CloudWatch writes it).
 */
import { EmulatorError } from '../emulatorError';
import type { Scenario, ScenarioAlarm, ScenarioMetric } from '../scenario/scenario';
import { SIMPLE_STATISTICS } from './awsSignalsScenario';
import { aggregate, expandMetric, isKnownStatistic, lowerBoundPoint, type RawPoint } from './metricSeries';
import { decodePageToken, encodePageToken } from './pageToken';

type Body = Record<string, unknown>;

/** The most datapoints one GetMetricData call returns (CloudWatch's own limit). */
export const MAX_DATAPOINTS_PER_CALL = 100_800;
const LIST_METRICS_PAGE = 500;
const MAX_QUERIES = 500;

const invalid = (message: string) => new EmulatorError('InvalidParameterValue', message);
const missing = (name: string) => new EmulatorError('MissingParameter', `The parameter ${name} is required.`);

/** CloudWatch's HistoryData timestamps: `2026-03-02T14:09:00.000+0000`. */
const historyTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

function seconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`The parameter ${name} must be a timestamp.`);
  return value * 1000;
}

function optionalSeconds(value: unknown, name: string): number | undefined {
  return value === undefined ? undefined : seconds(value, name);
}

function dimensionsOf(value: unknown, name: string): Record<string, string> {
  if (value === undefined) return {};
  if (!Array.isArray(value)) throw invalid(`${name} must be a list`);
  const out: Record<string, string> = {};
  for (const item of value as { Name?: unknown; Value?: unknown }[]) {
    if (typeof item?.Name !== 'string' || typeof item.Value !== 'string') throw invalid(`Each of ${name} needs a Name and a Value.`);
    out[item.Name] = item.Value;
  }
  return out;
}

const sameDimensions = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

const wireDimensions = (dimensions: Record<string, string>) => Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));

function maxRecords(body: Body, max: number): number {
  const value = body.MaxRecords ?? max;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw invalid(`The parameter MaxRecords must be between 1 and ${max}.`);
  return value;
}

interface StoredMetric {
  metric: ScenarioMetric;
  points: RawPoint[];
}

export class CloudWatchWorldState {
  private readonly metrics: StoredMetric[];
  private readonly alarms: ScenarioAlarm[];
  private readonly region: string;
  private readonly accountId: string;

  constructor(
    scenario: Scenario,
    private readonly clock: () => number,
  ) {
    this.metrics = (scenario.world.cloudwatch?.metrics ?? []).map((metric, position) => ({ metric, points: expandMetric(scenario.id, position, metric) }));
    this.alarms = scenario.world.cloudwatch?.alarms ?? [];
    this.region = scenario.world.aws.region;
    this.accountId = scenario.world.aws.accountId;
  }

  handle(operation: string, body: Body): unknown {
    switch (operation) {
      case 'GetMetricData':
        return this.getMetricData(body);
      case 'ListMetrics':
        return this.listMetrics(body);
      case 'DescribeAlarms':
        return this.describeAlarms(body);
      case 'DescribeAlarmsForMetric':
        return this.describeAlarmsForMetric(body);
      case 'DescribeAlarmHistory':
        return this.describeAlarmHistory(body);
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------- metrics

  private findMetric(namespace: string, metricName: string, dimensions: Record<string, string>): StoredMetric | undefined {
    return this.metrics.find(({ metric }) => metric.namespace === namespace && metric.metricName === metricName && sameDimensions(metric.dimensions, dimensions));
  }

  private getMetricData(body: Body) {
    const queries = body.MetricDataQueries;
    if (!Array.isArray(queries) || queries.length === 0) throw missing('MetricDataQueries');
    if (queries.length > MAX_QUERIES) throw invalid(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
    const startTime = seconds(body.StartTime, 'StartTime');
    const endTime = seconds(body.EndTime, 'EndTime');
    if (!(endTime > startTime)) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
    const scanBy = body.ScanBy ?? 'TimestampDescending';
    if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') throw invalid('ScanBy must be TimestampDescending or TimestampAscending.');
    const limit = body.MaxDatapoints ?? MAX_DATAPOINTS_PER_CALL;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw invalid('MaxDatapoints must be a positive integer.');

    const ids = new Set<string>();
    const results = (queries as Body[]).map((query, index) => {
      const id = query.Id;
      if (typeof id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(id)) {
        throw invalid(`The value ${String(id)} for parameter MetricDataQueries.member.${index + 1}.Id is not valid: it must start with a lowercase letter and contain only letters, digits and _.`);
      }
      if (ids.has(id)) throw invalid(`The value ${id} for parameter MetricDataQueries.member.${index + 1}.Id is not unique.`);
      ids.add(id);
      if (query.Expression !== undefined) {
        throw new EmulatorError('ValidationError', `MetricDataQueries.member.${index + 1}: metric math and Metrics Insights expressions are not emulated by the Runbook AI sandbox; use MetricStat.`);
      }
      const stat = query.MetricStat as Body | undefined;
      if (!stat || typeof stat !== 'object') throw missing(`MetricDataQueries.member.${index + 1}.MetricStat`);
      const metric = (stat.Metric ?? {}) as Body;
      if (typeof metric.Namespace !== 'string' || typeof metric.MetricName !== 'string') throw missing(`MetricDataQueries.member.${index + 1}.MetricStat.Metric`);
      const period = stat.Period;
      if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 30].includes(period))) {
        throw invalid(`The parameter MetricDataQueries.member.${index + 1}.MetricStat.Period must be 1, 5, 10, 30 or a multiple of 60.`);
      }
      if (typeof stat.Stat !== 'string' || !isKnownStatistic(stat.Stat)) {
        throw invalid(`The value ${String(stat.Stat)} for parameter MetricDataQueries.member.${index + 1}.MetricStat.Stat is not supported (${SIMPLE_STATISTICS.join(', ')} or pNN).`);
      }
      const stored = this.findMetric(metric.Namespace, metric.MetricName, dimensionsOf(metric.Dimensions, 'Dimensions'));
      const unitMatches = stat.Unit === undefined || stored?.metric.unit === undefined || stat.Unit === stored.metric.unit;
      const points = stored && unitMatches ? aggregate(stored.points, stat.Stat, period, startTime, endTime) : [];
      if (scanBy === 'TimestampDescending') points.reverse();
      return { id, label: typeof query.Label === 'string' ? query.Label : metric.MetricName, points, returnData: query.ReturnData !== false };
    });
    const returned = results.filter((result) => result.returnData);

    // The token is an offset into the concatenation of every result's datapoints, for this exact request.
    const key = JSON.stringify([body.MetricDataQueries, body.StartTime, body.EndTime, scanBy]);
    const offset = body.NextToken === undefined ? 0 : decodePageToken(body.NextToken, key, 'InvalidNextToken', 'The service returned an invalid token.');
    let position = 0;
    let remaining = limit;
    const out: unknown[] = [];
    for (const result of returned) {
      const start = Math.max(0, offset - position);
      const take = Math.min(Math.max(0, result.points.length - start), remaining);
      const inPage = result.points.slice(start, start + take);
      remaining -= take;
      const partial = start + take < result.points.length;
      if (take > 0 || (offset === 0 && result.points.length === 0)) {
        out.push({
          Id: result.id,
          Label: result.label,
          Timestamps: inPage.map((point) => point.t / 1000),
          Values: inPage.map((point) => point.v),
          StatusCode: partial ? 'PartialData' : 'Complete',
          Messages: [],
        });
      }
      position += result.points.length;
    }
    const consumed = offset + (limit - remaining);
    const total = returned.reduce((sum, result) => sum + result.points.length, 0);
    return { MetricDataResults: out, Messages: [], ...(consumed < total ? { NextToken: encodePageToken(key, consumed) } : {}) };
  }

  private listMetrics(body: Body) {
    const namespace = typeof body.Namespace === 'string' ? body.Namespace : undefined;
    const metricName = typeof body.MetricName === 'string' ? body.MetricName : undefined;
    const filters = Array.isArray(body.Dimensions) ? (body.Dimensions as { Name?: unknown; Value?: unknown }[]) : [];
    if (filters.some((filter) => typeof filter?.Name !== 'string')) throw invalid('Each dimension filter needs a Name.');
    if (body.RecentlyActive !== undefined && body.RecentlyActive !== 'PT3H') throw invalid('RecentlyActive must be PT3H.');
    const now = this.clock();
    // CloudWatch lists metrics that received data in the last two weeks (three hours with RecentlyActive).
    const since = now - (body.RecentlyActive === 'PT3H' ? 3 * 3600_000 : 14 * 86_400_000);
    const matching = this.metrics.filter(({ metric, points }) => {
      if (namespace !== undefined && metric.namespace !== namespace) return false;
      if (metricName !== undefined && metric.metricName !== metricName) return false;
      if (!filters.every((filter) => metric.dimensions[filter.Name as string] !== undefined && (filter.Value === undefined || metric.dimensions[filter.Name as string] === filter.Value))) return false;
      const first = lowerBoundPoint(points, since);
      return first < points.length && points[first].t <= now;
    });
    const key = JSON.stringify([namespace, metricName, filters, body.RecentlyActive]);
    const offset = body.NextToken === undefined ? 0 : decodePageToken(body.NextToken, key, 'InvalidNextToken', 'The service returned an invalid token.');
    const page = matching.slice(offset, offset + LIST_METRICS_PAGE);
    return {
      Metrics: page.map(({ metric }) => ({ Namespace: metric.namespace, MetricName: metric.metricName, Dimensions: wireDimensions(metric.dimensions) })),
      ...(offset + LIST_METRICS_PAGE < matching.length ? { NextToken: encodePageToken(key, offset + LIST_METRICS_PAGE) } : {}),
    };
  }

  // ---------------------------------------------------------------- alarms

  private alarmArn(name: string): string {
    return `arn:aws:cloudwatch:${this.region}:${this.accountId}:alarm:${name}`;
  }

  /** History newest first, as CloudWatch serves it. */
  private historyOf(alarm: ScenarioAlarm) {
    return alarm.history.map((entry, index) => ({ entry, index })).sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at) || b.index - a.index);
  }

  /** What CloudWatch writes as StateReasonData: the datapoints quoted in a "Threshold Crossed" reason. */
  private reasonData(alarm: ScenarioAlarm, at: number, reason: string) {
    const quoted = /\[([-\d.,\s]+)\]/.exec(reason);
    const recentDatapoints = quoted ? quoted[1].split(',').map((value) => Number(value.trim())).filter((value) => Number.isFinite(value)) : undefined;
    const period = alarm.periodSeconds * 1000;
    const simple = (SIMPLE_STATISTICS as readonly string[]).includes(alarm.statistic);
    return {
      version: '1.0',
      queryDate: historyTime(at),
      startDate: historyTime(Math.floor(at / period) * period - alarm.evaluationPeriods * period),
      ...(simple ? { statistic: alarm.statistic } : { extendedStatistic: alarm.statistic }),
      ...(alarm.unit ? { unit: alarm.unit } : {}),
      period: alarm.periodSeconds,
      ...(recentDatapoints && recentDatapoints.length > 0 ? { recentDatapoints } : {}),
      threshold: alarm.threshold,
    };
  }

  private alarmShape(alarm: ScenarioAlarm) {
    const [latest] = this.historyOf(alarm);
    const stateReason = alarm.stateReason ?? latest?.entry.reason ?? (alarm.state === 'INSUFFICIENT_DATA' ? 'Unchecked: Initial alarm creation' : `Alarm is in state ${alarm.state}`);
    const updated = alarm.stateUpdatedAt !== undefined ? Date.parse(alarm.stateUpdatedAt) : latest ? Date.parse(latest.entry.at) : undefined;
    const simple = (SIMPLE_STATISTICS as readonly string[]).includes(alarm.statistic);
    const earliest = alarm.history.reduce<number | undefined>((min, entry) => (min === undefined ? Date.parse(entry.at) : Math.min(min, Date.parse(entry.at))), undefined);
    return {
      AlarmName: alarm.name,
      AlarmArn: this.alarmArn(alarm.name),
      AlarmDescription: alarm.description,
      AlarmConfigurationUpdatedTimestamp: earliest === undefined ? updated && updated / 1000 : earliest / 1000 - 3600,
      ActionsEnabled: alarm.actionsEnabled,
      OKActions: alarm.okActions,
      AlarmActions: alarm.alarmActions,
      InsufficientDataActions: [],
      StateValue: alarm.state,
      StateReason: stateReason,
      StateReasonData: updated === undefined ? undefined : JSON.stringify(this.reasonData(alarm, updated, stateReason)),
      StateUpdatedTimestamp: updated === undefined ? undefined : updated / 1000,
      StateTransitionedTimestamp: updated === undefined ? undefined : updated / 1000,
      MetricName: alarm.metricName,
      Namespace: alarm.namespace,
      ...(simple ? { Statistic: alarm.statistic } : { ExtendedStatistic: alarm.statistic }),
      Dimensions: wireDimensions(alarm.dimensions),
      Period: alarm.periodSeconds,
      Unit: alarm.unit,
      EvaluationPeriods: alarm.evaluationPeriods,
      DatapointsToAlarm: alarm.datapointsToAlarm,
      Threshold: alarm.threshold,
      ComparisonOperator: alarm.comparisonOperator,
      TreatMissingData: alarm.treatMissingData,
    };
  }

  private describeAlarms(body: Body) {
    const names = Array.isArray(body.AlarmNames) ? body.AlarmNames.map(String) : undefined;
    const prefix = typeof body.AlarmNamePrefix === 'string' ? body.AlarmNamePrefix : undefined;
    if (names && names.length > 100) throw invalid('The collection AlarmNames must not have a size greater than 100.');
    if (names && prefix !== undefined) throw new EmulatorError('InvalidParameterCombination', 'AlarmNamePrefix and AlarmNames cannot be used together.');
    const state = body.StateValue;
    if (state !== undefined && !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(String(state))) throw invalid('StateValue must be OK, ALARM or INSUFFICIENT_DATA.');
    const types = Array.isArray(body.AlarmTypes) ? body.AlarmTypes.map(String) : ['MetricAlarm'];
    const actionPrefix = typeof body.ActionPrefix === 'string' ? body.ActionPrefix : undefined;
    const matching = types.includes('MetricAlarm')
      ? this.alarms.filter(
          (alarm) =>
            (!names || names.includes(alarm.name)) &&
            (prefix === undefined || alarm.name.startsWith(prefix)) &&
            (state === undefined || alarm.state === state) &&
            (actionPrefix === undefined || alarm.alarmActions.some((action) => action.startsWith(actionPrefix))),
        )
      : [];
    const sorted = [...matching].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const size = maxRecords(body, 100);
    const key = JSON.stringify([names, prefix, state, types, actionPrefix]);
    const offset = body.NextToken === undefined ? 0 : decodePageToken(body.NextToken, key, 'InvalidNextToken', 'The service returned an invalid token.');
    const page = sorted.slice(offset, offset + size);
    return {
      MetricAlarms: page.map((alarm) => this.alarmShape(alarm)),
      CompositeAlarms: [],
      ...(offset + size < sorted.length ? { NextToken: encodePageToken(key, offset + size) } : {}),
    };
  }

  private describeAlarmsForMetric(body: Body) {
    if (typeof body.MetricName !== 'string') throw missing('MetricName');
    if (typeof body.Namespace !== 'string') throw missing('Namespace');
    const dimensions = body.Dimensions === undefined ? undefined : dimensionsOf(body.Dimensions, 'Dimensions');
    const matching = this.alarms.filter(
      (alarm) =>
        alarm.metricName === body.MetricName &&
        alarm.namespace === body.Namespace &&
        (dimensions === undefined || sameDimensions(alarm.dimensions, dimensions)) &&
        (body.Statistic === undefined || alarm.statistic === body.Statistic) &&
        (body.ExtendedStatistic === undefined || alarm.statistic === body.ExtendedStatistic) &&
        (body.Period === undefined || alarm.periodSeconds === body.Period) &&
        (body.Unit === undefined || alarm.unit === body.Unit),
    );
    return { MetricAlarms: matching.map((alarm) => this.alarmShape(alarm)) };
  }

  private describeAlarmHistory(body: Body) {
    const name = typeof body.AlarmName === 'string' ? body.AlarmName : undefined;
    const itemType = body.HistoryItemType;
    if (itemType !== undefined && !['ConfigurationUpdate', 'StateUpdate', 'Action', 'AlarmContributorStateUpdate', 'AlarmContributorAction'].includes(String(itemType))) {
      throw invalid('HistoryItemType is not valid.');
    }
    const start = optionalSeconds(body.StartDate, 'StartDate') ?? -Infinity;
    const end = optionalSeconds(body.EndDate, 'EndDate') ?? Infinity;
    const scanBy = body.ScanBy ?? 'TimestampDescending';
    if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') throw invalid('ScanBy must be TimestampDescending or TimestampAscending.');
    const size = maxRecords(body, 100);

    const items: { at: number; item: Record<string, unknown> }[] = [];
    if (itemType === undefined || itemType === 'StateUpdate') {
      for (const alarm of this.alarms) {
        if (name !== undefined && alarm.name !== name) continue;
        const history = this.historyOf(alarm);
        history.forEach(({ entry }, position) => {
          const at = Date.parse(entry.at);
          if (at < start || at > end) return;
          const previous = history[position + 1]?.entry;
          const historyData = {
            version: '1.0',
            oldState: { stateValue: entry.from, stateReason: previous?.reason ?? (entry.from === 'INSUFFICIENT_DATA' ? 'Unchecked: Initial alarm creation' : `Alarm was in state ${entry.from}`) },
            newState: { stateValue: entry.to, stateReason: entry.reason, stateReasonData: this.reasonData(alarm, at, entry.reason) },
          };
          items.push({
            at,
            item: {
              AlarmName: alarm.name,
              AlarmType: 'MetricAlarm',
              Timestamp: at / 1000,
              HistoryItemType: 'StateUpdate',
              HistorySummary: `Alarm updated from ${entry.from} to ${entry.to}`,
              HistoryData: JSON.stringify(historyData),
            },
          });
        });
      }
    }
    items.sort((a, b) => (scanBy === 'TimestampAscending' ? a.at - b.at : b.at - a.at));
    const key = JSON.stringify([name, itemType, body.StartDate, body.EndDate, scanBy]);
    const offset = body.NextToken === undefined ? 0 : decodePageToken(body.NextToken, key, 'InvalidNextToken', 'The service returned an invalid token.');
    const page = items.slice(offset, offset + size);
    return {
      AlarmHistoryItems: page.map(({ item }) => item),
      ...(offset + size < items.length ? { NextToken: encodePageToken(key, offset + size) } : {}),
    };
  }
}
