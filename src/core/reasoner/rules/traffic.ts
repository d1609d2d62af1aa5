/**
 * Traffic spike beyond capacity: request volume far above the baseline, with no change to
 * blame. Counted server-side with Logs Insights (`stats count(*) by bin(1m)`) instead of
 * pulling every access line; for pod logs the lines are counted locally.
 */
import { symptomText } from '../../incident';
import { logWindows, perMinuteSeries } from '../../engine/logQueries';
import type { EvidenceDraft, QueryProposal, TriageContext } from '../types';
import { metricRecheck } from '../../findings/analyzers/aws/metrics';
import { dominantRequester } from '../../logs/requesters';
import { targetGroupNames } from '../../engine/triageSignals';
import { chartOf, describeShift, observeShifts } from '../../metrics/observed';
import { clock, describeChange, logQuery, patternsOf, summarisePatterns, suspectChange, type FailureRule } from './common';

/** Access lines in plain or structured logs (`GET /x 200`, `{"method":"POST",…}`, `request completed`). */
const REQUEST_LINE = '/(?i)\\b(GET|POST|PUT|PATCH|DELETE|HEAD)\\b|request|"method"/';
/** What a service logs when demand exceeds what it can serve. */
const OVERLOAD_TERMS = ['shedding', 'overload', 'load shed', 'server busy', 'queue full', 'queue is full', 'too many', 'concurrency limit', 'connections reached'];
const OVERLOAD = /shedding load|load[- ]shed|overload|server busy|queue (?:is )?full|too many (?:requests in flight|concurrent)|max(?:imum)? connections reached|rejected: capacity|concurrency limit/i;

export const trafficRule: FailureRule = {
  id: 'traffic-spike',
  category: 'traffic-spike',
  propose(context) {
    const symptoms = symptomText(context.incident);
    const cue = /traffic|load|latency|p9\d|requests? per|rps|throughput|saturat|slow/i.test(symptoms);
    const shedding = context.logOverview.find((p) => (p.change === 'new' || p.change === 'surged') && OVERLOAD.test(`${p.template} ${p.example}`));
    const change = suspectChange(context);
    return {
      category: 'traffic-spike',
      title: `A traffic spike beyond ${context.incident.service}'s capacity`,
      rationale: shedding ? `The service says it is overloaded: "${shedding.template}" ×${shedding.incidentCount}.` : cue ? 'The alert speaks of load or latency.' : 'Demand outgrowing capacity explains errors without any change.',
      prior: shedding ? 0.6 : cue && !change ? 0.45 : change ? 0.1 : 0.25,
      focus: { rule: 'traffic-spike' },
    };
  },
  plan(_hypothesis, context) {
    const source = context.logSource;
    if (!source) return [];
    const windows = logWindows(context);
    // Tagged so interpret() tells it from the request-volume query, which has the same operation.
    const overload = logQuery(context, OVERLOAD_TERMS, 'Is the service saying it is overloaded (shedding load, queues full)?').map((q) => ({ ...q, params: { ...q.params, purpose: 'overload' } }));
    if (source.kind === 'pods') return [...logQuery(context, ['GET ', 'POST ', 'PUT ', 'PATCH ', 'DELETE ', 'request', '"method"'], 'Did request volume rise above the baseline?'), ...overload, ...trafficMetricQuery(context)];
    const start = Math.max(windows.baseline.start, windows.incident.end - 6 * 3_600_000 + 1);
    const query: QueryProposal = {
      provider: 'cloudwatch-logs',
      operation: 'logs.insights',
      target: source.logGroup,
      params: { queryString: `filter @message like ${REQUEST_LINE} | stats count(*) as requests by bin(1m)`, splitAt: windows.incident.start },
      window: { start, end: windows.incident.end },
      rationale: 'Did request volume rise above the baseline? (counted by Logs Insights, per minute)',
    };
    return [query, ...overload, ...trafficMetricQuery(context)];
  },
  interpret(_hypothesis, query, result, context): EvidenceDraft[] {
    let baselineRate: number;
    let incidentRate: number;
    let points: [number, number][] = [];
    if (result.operation === 'logs.insights') {
      const splitAt = Number(query.params.splitAt);
      points = perMinuteSeries(result.result.rows, 'requests');
      const window = query.window!;
      baselineRate = perMinute(points.filter(([t]) => t < splitAt), splitAt - window.start);
      incidentRate = perMinute(points.filter(([t]) => t >= splitAt), window.end - splitAt);
    } else if (result.operation === 'logs.compareWindows' && query.params.purpose === 'overload') {
      const fresh = patternsOf(result).filter((p) => (p.change === 'new' || p.change === 'surged') && OVERLOAD.test(`${p.template} ${p.example}`));
      if (!fresh.length) return [{ kind: 'log-pattern', strength: 'none', supports: false, summary: 'The service does not report overload.' }];
      const total = fresh.reduce((sum, p) => sum + p.incidentCount, 0);
      return [{ kind: 'log-pattern', strength: total >= 10 ? 'strong' : 'weak', supports: true, summary: `The service reports overload: ${fresh.slice(0, 2).map(describeChange).join('; ')}.`, observedAt: new Date(Math.min(...fresh.map((p) => p.firstSeen))).toISOString(), patterns: summarisePatterns(fresh), culprit: { kind: 'other', id: 'traffic' } }];
    } else if (result.operation === 'cw.metrics') {
      // The load balancer's own request count: an independent measure of the same traffic.
      const shift = observeShifts(result.series).find((o) => o.kind?.role === 'traffic');
      if (!shift) return [{ kind: 'metric', strength: 'weak', supports: false, summary: 'The load balancer\'s request count is not up.' }];
      const requester = requesterOf(context);
      return [
        {
          kind: 'metric',
          strength: shift.shift.ratio >= 2.5 ? 'strong' : 'weak',
          supports: true,
          summary: `${describeShift(shift, clock)}${requester ? `; the new lines name one requester, ${requester.key}=${requester.value} (${Math.round(requester.share * 100)}% of them)` : ''}.`,
          observedAt: new Date(shift.shift.onset).toISOString(),
          series: chartOf(shift),
          culprit: requester ? { kind: 'other', id: `client/${requester.value}` } : { kind: 'other', id: 'traffic' },
        },
      ];
    } else if (result.operation === 'logs.compareWindows') {
      const count = (events: { message: string }[]) => events.length;
      baselineRate = count(result.baseline) / Math.max(1, (result.baselineWindow.end - result.baselineWindow.start) / 60_000);
      incidentRate = count(result.incident) / Math.max(1, (result.incidentWindow.end - result.incidentWindow.start) / 60_000);
    } else {
      return [];
    }
    if (baselineRate === 0) {
      // No baseline traffic in the logs: nothing to compare with (a new service, or logs that start late).
      return [{ kind: 'log-rate', strength: 'none', supports: false, summary: `No request lines before the incident to compare with (${incidentRate.toFixed(1)} requests/min now).` }];
    }
    const ratio = incidentRate / baselineRate;
    const figures = `${incidentRate.toFixed(1)} requests/min since ${clock(logWindows(context).incident.start)} vs ${baselineRate.toFixed(1)} before`;
    const series = points.length ? { label: 'requests per minute', points } : undefined;
    if (ratio >= 2.5) {
      const requester = requesterOf(context);
      return [
        {
          kind: 'log-rate',
          strength: 'strong',
          supports: true,
          summary: `Traffic ×${ratio.toFixed(1)}: ${figures}${requester ? `; the new lines name one requester, ${requester.key}=${requester.value}` : ''}.`,
          culprit: requester ? { kind: 'other', id: `client/${requester.value}` } : { kind: 'other', id: 'traffic' },
          series,
          data: { ratio: Number(ratio.toFixed(2)) },
        },
      ];
    }
    if (ratio >= 1.5) return [{ kind: 'log-rate', strength: 'weak', supports: true, summary: `Traffic somewhat up (×${ratio.toFixed(1)}): ${figures}.`, series, data: { ratio: Number(ratio.toFixed(2)) } }];
    return [{ kind: 'log-rate', strength: 'weak', supports: false, summary: `Traffic is not up (×${ratio.toFixed(1)}): ${figures}.`, series, data: { ratio: Number(ratio.toFixed(2)) } }];
  },
};

/** The re-read of the workload's own request-count metric, when triage saw it shift. */
function trafficMetricQuery(context: TriageContext): QueryProposal[] {
  const own = new Set([context.incident.service.toLowerCase(), ...targetGroupNames(context)]);
  const shift = (context.metricShifts ?? []).find((o) => o.kind?.role === 'traffic' && own.has(o.resource.toLowerCase()));
  return shift ? [{ ...metricRecheck(shift, context), rationale: 'Does the load balancer count more requests than before?' }] : [];
}

/** One caller behind most of the new lines (a partner's batch job, one tenant), if the lines say so. */
function requesterOf(context: TriageContext) {
  const fresh = context.logOverview.filter((p) => p.change === 'new' || p.change === 'surged');
  const steady = context.logOverview.filter((p) => p.change === 'steady').map((p) => p.example);
  return dominantRequester(fresh.map((p) => ({ text: p.example, weight: p.incidentCount })), steady);
}

function perMinute(points: [number, number][], spanMs: number): number {
  return points.reduce((sum, [, v]) => sum + v, 0) / Math.max(1, spanMs / 60_000);
}

export type { TriageContext };
