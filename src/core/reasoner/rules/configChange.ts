/**
 * Config or environment change: the deploy changed environment variables or secrets, and
 * errors started after it. Strong when the new errors name a changed variable or contain its
 * new value (a mistyped host, a wrong URL) — values are compared, never reported.
 */
import { OVERVIEW_TERMS } from '../../engine/logQueries';
import type { EvidenceDraft } from '../types';
import { changeDiffRule } from './changeDiff';
import { clock, describeChange, excerpt, isFresh, iso, logQuery, patternsOf, summarisePatterns, suspectChange, type FailureRule } from './common';
import { isHttpSymptom } from './deployRegression';
import { escapeRegExp } from '../../regexp';
import { failureMatch } from '../../taxonomy';

export const configChangeRule: FailureRule = {
  id: 'config-change',
  category: 'config-change',
  propose(context) {
    const change = suspectChange(context);
    const env = change?.differences.filter((d) => d.kind.startsWith('env-')) ?? [];
    if (!change || !env.length) return undefined;
    const mentioned = env.filter((d) => d.name && context.logOverview.some((p) => isFresh(p) && p.example.includes(d.name!)));
    return {
      category: 'config-change',
      title: `Configuration change in ${change.toVersion} (${env.map((d) => d.name).join(', ')})`,
      rationale: `${change.summary} at ${clock(change.at)} changed ${env.map((d) => d.text).join('; ')}.`,
      prior: mentioned.length ? 0.75 : 0.55,
      focus: {
        rule: 'config-change',
        changeAt: String(change.at),
        platform: change.platform,
        toVersion: change.toVersion,
        fromVersion: change.fromVersion ?? '',
        kinds: 'env',
        settings: env.map((d) => d.name).filter((n): n is string => !!n).join(','),
        examples: context.logOverview.filter(isFresh).map((p) => p.example).join('\n').slice(0, 4_000),
      },
    };
  },
  plan(hypothesis, context) {
    // The settings by name, whatever the line's level: "DEPLOY_ENV is undefined" is often printed without ERROR.
    const settings = settingsOf(hypothesis.focus).filter((n) => n.length >= 4);
    return [
      ...changeDiffRule.plan(hypothesis, context),
      ...logQuery(context, OVERVIEW_TERMS.slice(0, 7), 'Which errors began after the configuration changed?', Number(hypothesis.focus.changeAt)),
      ...(settings.length ? logQuery(context, settings, `Do the lines since the change name the changed settings (${settings.join(', ')})?`, Number(hypothesis.focus.changeAt)) : []),
    ];
  },
  interpret(hypothesis, query, result, context): EvidenceDraft[] {
    if (result.operation !== 'logs.compareWindows') {
      // The diff itself: which variables changed, and whether the failing messages point at them.
      return changeDiffRule.interpret(hypothesis, query, result, context);
    }
    const fresh = patternsOf(result).filter((p) => isFresh(p) && !isHttpSymptom(p.example));
    const settings = settingsOf(hypothesis.focus);
    const naming = fresh.filter((p) => settings.some((name) => namesSetting(p.example, name)));
    if (naming.length) {
      const name = settings.find((n) => naming.some((p) => namesSetting(p.example, n)))!;
      return [
        {
          kind: 'log-pattern',
          strength: 'strong',
          supports: true,
          summary: `Since the change, new lines name the changed setting ${name}: ${naming.slice(0, 2).map(describeChange).join('; ')}.`,
          observedAt: iso(Math.min(...naming.map((p) => p.firstSeen))),
          excerpt: excerpt(naming.slice(0, 2).map((p) => p.example), 8),
          patterns: summarisePatterns(naming),
          culprit: { kind: 'config', id: name },
        },
      ];
    }
    if (!fresh.length) return [{ kind: 'log-pattern', strength: 'none', supports: false, summary: 'No new errors after the configuration change.' }];
    // Credentials rejected right after a credential setting changed: the line need not name it.
    const credential = settings.find((name) => CREDENTIAL.test(name));
    const rejected = credential ? fresh.filter((p) => failureMatch(p.example, (m) => m.entry.category === 'permissions' && m.entry.names === 'secret')) : [];
    if (credential && rejected.length) {
      return [
        {
          kind: 'log-pattern',
          strength: 'strong',
          supports: true,
          summary: `Since ${credential} changed, the credentials are rejected: ${rejected.slice(0, 2).map(describeChange).join('; ')}.`,
          observedAt: iso(Math.min(...rejected.map((p) => p.firstSeen))),
          excerpt: excerpt(rejected.slice(0, 2).map((p) => p.example), 8),
          patterns: summarisePatterns(rejected),
          culprit: { kind: 'config', id: credential },
        },
      ];
    }
    return [
      {
        kind: 'log-pattern',
        strength: 'weak',
        supports: true,
        summary: `New errors after the change: ${fresh.slice(0, 3).map(describeChange).join('; ')}.`,
        observedAt: iso(Math.min(...fresh.map((p) => p.firstSeen))),
        excerpt: excerpt(fresh.slice(0, 2).map((p) => p.example), 8),
        patterns: summarisePatterns(fresh),
      },
    ];
  },
};

/** A setting that holds a credential, by its name (`ES_PASS`, `DB_PASSWORD`, `API_TOKEN`, `REDIS_AUTH`). */
const CREDENTIAL = /(?:^|_)(?:PASS|PASSWD|PASSWORD|PWD|SECRET|TOKEN|API_?KEY|AUTH|CREDENTIALS?)(?:_|$)/i;

function settingsOf(focus: Record<string, string>): string[] {
  return (focus.settings ?? '').split(',').filter(Boolean);
}

/** The name as a whole word (`DB_HOST` is not named by `DB_HOSTNAME`). */
function namesSetting(line: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(name)}([^A-Za-z0-9_]|$)`).test(line);
}
