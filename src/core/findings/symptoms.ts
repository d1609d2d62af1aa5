/** What the workload's symptoms say, and the names they mention: shared by every analyzer and rule that weighs a culprit by whether the symptoms name it. */
import { extractEntities } from '../entities/extract';
import { escapeRegExp } from '../regexp';
import type { TriageContext } from '../reasoner/types';

/** The texts the workload's symptoms are made of: new log lines, stop reasons, its events. */
export function symptomTexts(context: TriageContext): string[] {
  return [
    ...context.logOverview.filter((p) => p.change === 'new' || p.change === 'surged').map((p) => p.example),
    ...context.terminations.map((t) => t.reason),
    ...(context.workload?.events ?? []).map((e) => `${e.reason ?? ''} ${e.message}`),
  ];
}

const named = new WeakMap<TriageContext, { sources: readonly unknown[]; names: Set<string> }>();

/**
 * Names (services, hosts, objects) the symptoms mention, lower-case. Asked once per object an
 * analyzer weighs, so it is kept per context while the texts it reads are the same arrays.
 */
export function namedBySymptoms(context: TriageContext): Set<string> {
  const sources = [context.logOverview, context.terminations, context.workload?.events];
  const cached = named.get(context);
  if (cached && cached.sources.every((source, i) => source === sources[i])) return cached.names;
  const names = new Set<string>();
  for (const text of symptomTexts(context)) {
    for (const entity of extractEntities(text)) {
      names.add(entity.value.toLowerCase());
      if (entity.kind === 'host' || entity.kind === 'k8s-dns' || entity.kind === 'url' || entity.kind === 'grpc-target') names.add(entity.value.toLowerCase().split(/[.:/]/)[0]!);
    }
  }
  named.set(context, { sources, names });
  return names;
}

export function mentions(context: TriageContext, name: string): boolean {
  const lower = name.toLowerCase();
  return namedBySymptoms(context).has(lower) || symptomTexts(context).some((t) => new RegExp(`(^|[^a-z0-9-])${escapeRegExp(lower)}([^a-z0-9-]|$)`, 'i').test(t));
}

