/**
 * The `runbook.*` settings, read through a getter so this module stays pure (no 'vscode'
 * import) and unit-testable. Values are checked here: settings.json is user-edited text, and a
 * wrong type must fall back to the default instead of reaching an SDK.
 */
import type { Incident } from '../core/incident';
import type { InvestigationLimits } from '../core/engine/limits';
import type { LiveSettings } from './runtimeApi';

/** `(key) => workspace.getConfiguration('runbook').get(key)` */
export type SettingsGetter = (key: string) => unknown;

export interface RunbookSettings {
  awsProfile?: string;
  awsRegion?: string;
  logGroups: Record<string, string>;
  kubeContext?: string;
  kubeconfig?: string;
  /** Namespaces investigations may read; empty = any. */
  kubeNamespaces: string[];
  /** `owner/name` to look pull requests up in, instead of the workspace's `origin` remote. */
  githubRepository?: string;
  timeoutSeconds: number;
  limits: Partial<InvestigationLimits>;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== ''));
}

export function readSettings(get: SettingsGetter): RunbookSettings {
  const namespaces = get('kubernetes.namespaces');
  const limits: Partial<InvestigationLimits> = {};
  const maxLogEvents = positiveInt(get('limits.maxLogEventsPerQuery'));
  if (maxLogEvents) limits.maxLogEventsPerQuery = maxLogEvents;
  const perProviderCalls = positiveInt(get('limits.perProviderCalls'));
  if (perProviderCalls) limits.perProviderCalls = perProviderCalls;
  const maxHypotheses = positiveInt(get('limits.maxHypotheses'));
  if (maxHypotheses) limits.maxHypotheses = maxHypotheses;
  const github = str(get('github.repository'));
  return {
    awsProfile: str(get('aws.profile')),
    awsRegion: str(get('aws.region')),
    logGroups: stringRecord(get('logGroups')),
    kubeContext: str(get('kubernetes.context')),
    kubeconfig: str(get('kubernetes.kubeconfig')),
    kubeNamespaces: Array.isArray(namespaces) ? namespaces.filter((ns): ns is string => typeof ns === 'string' && ns.trim() !== '').map((ns) => ns.trim()) : [],
    githubRepository: github && /^[\w.-]+\/[\w.-]+$/.test(github) ? github : undefined,
    timeoutSeconds: Math.max(10, positiveInt(get('limits.investigationTimeoutSeconds')) ?? 300),
    limits,
  };
}

export type LivePlan = { ok: true; settings: LiveSettings } | { ok: false; reason: string };

/**
 * What a live investigation of `incident` connects to. The alert's region wins over the
 * setting; Kubernetes is used for Kubernetes incidents or when a context is configured.
 */
export function planLiveInvestigation(incident: Incident, settings: RunbookSettings, repoRoot: string | undefined): LivePlan {
  const target = incident.target;
  if (target.platform === 'kubernetes' && settings.kubeNamespaces.length && !settings.kubeNamespaces.includes(target.namespace)) {
    return {
      ok: false,
      reason: `namespace "${target.namespace}" is not in runbook.kubernetes.namespaces (${settings.kubeNamespaces.join(', ')}); add it there to investigate this alert`,
    };
  }
  const awsRegion = (target.platform === 'ecs' ? target.region : undefined) ?? settings.awsRegion;
  if (target.platform === 'ecs' && !awsRegion) {
    return { ok: false, reason: 'the alert names no AWS region and runbook.aws.region is empty; set it to investigate ECS services' };
  }
  const kubeContext = (target.platform === 'kubernetes' ? target.context : undefined) ?? settings.kubeContext;
  const useKubernetes = target.platform === 'kubernetes' || kubeContext !== undefined;
  return {
    ok: true,
    settings: {
      incident,
      awsRegion,
      awsProfile: settings.awsProfile,
      kubernetes: useKubernetes ? { kubeconfigPath: settings.kubeconfig, context: kubeContext } : undefined,
      repoRoot,
      logGroups: settings.logGroups,
    },
  };
}
