/**
 * "Copy Query as CLI": a planned query rendered as the shell commands a person would type to ask
 * the same question by hand (aws, kubectl, git). Pure and headless, so the CLI and the editor
 * can both offer it.
 *
 * Every value comes from the investigation (log groups, filter patterns, label selectors,
 * commit refs), and some of it comes from alert payloads or log data, so nothing is trusted:
 * each argument is quoted for a POSIX shell, and values are always attached to their option
 * (`--cluster=…`) or placed after `--end-of-options`, so a value can never become an option.
 */
import type { QuerySpec } from './model';
import { RESOURCE_NAMESPACES } from './metrics/kinds';

export interface QueryCliOptions {
  /** `--region` for aws commands (the incident's or the settings' region). */
  awsRegion?: string;
  /** `--profile` for aws commands. */
  awsProfile?: string;
  /** `--context` for kubectl commands. */
  kubeContext?: string;
  /** `git -C <dir>`; without it the commands run in the current directory. */
  repoDir?: string;
}

/** Characters that never need quoting in sh, bash or zsh (and do not start an option on their own). */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Quotes one argument so a POSIX shell passes it through unchanged. Plain words stay as they
 * are; anything else is single-quoted (nothing is special inside single quotes except the quote
 * itself). Control characters (a newline inside a log pattern) use bash/zsh `$'…'` quoting so the
 * copied command stays on one line and cannot smuggle a second command in.
 */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  if (CONTROL.test(value)) {
    const escaped = [...value]
      .map((char) => {
        if (char === '\\') return '\\\\';
        if (char === "'") return "\\'";
        const code = char.codePointAt(0)!;
        if (code === 0x0a) return '\\n';
        if (code === 0x09) return '\\t';
        if (code === 0x0d) return '\\r';
        if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
        return char;
      })
      .join('');
    return `$'${escaped}'`;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `--name=value` with the value quoted: the value is glued to its option, never a separate word. */
function option(name: string, value: string | number): string {
  return `--${name}=${shellQuote(String(value))}`;
}

type Arg = string | false | undefined;

/** Joins pre-quoted words, dropping the absent ones. */
function words(...args: Arg[]): string {
  return args.filter((arg): arg is string => typeof arg === 'string' && arg.length > 0).join(' ');
}

function aws(options: QueryCliOptions, ...args: Arg[]): string {
  return words('aws', ...args, options.awsRegion ? option('region', options.awsRegion) : undefined, options.awsProfile ? option('profile', options.awsProfile) : undefined);
}

function kubectl(options: QueryCliOptions, ...args: Arg[]): string {
  return words('kubectl', options.kubeContext ? option('context', options.kubeContext) : undefined, ...args);
}

function git(options: QueryCliOptions, ...args: Arg[]): string {
  return words('git', options.repoDir ? `-C ${shellQuote(options.repoDir)}` : undefined, ...args);
}

/** A comment line; its text is made single-line so it cannot end the comment and start a command. */
function comment(text: string): string {
  // eslint-disable-next-line no-control-regex -- see above
  return `# ${text.replace(/[\u0000-\u001f\u007f]+/g, ' ')}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `parent/name` targets (`cluster/service`, `namespace/deployment`, `namespace/selector`). */
function splitTarget(target: string): { parent: string; name: string } {
  const slash = target.indexOf('/');
  return slash < 0 ? { parent: target, name: '' } : { parent: target.slice(0, slash), name: target.slice(slash + 1) };
}

function metricQueries(value: unknown): { namespace: string; metricName: string; dimensions?: Record<string, string>; stat: string; periodSeconds?: number }[] {
  if (typeof value !== 'string' || !value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as ReturnType<typeof metricQueries>) : [];
  } catch {
    return [];
  }
}

function terms(value: unknown): string[] {
  if (typeof value !== 'string' || !value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String).filter(Boolean) : [];
  } catch {
    return [];
  }
}

/**
 * The commands for one query, one per line (comments start with `#`). Times are the query's own
 * window: `filter-log-events` takes epoch milliseconds, `start-query` epoch seconds.
 */
export function queryToCli(query: QuerySpec, options: QueryCliOptions = {}): string {
  return queryLines(query, options).join('\n');
}

function queryLines(query: QuerySpec, options: QueryCliOptions): string[] {
  const p = query.params;
  const window = query.window;
  switch (query.operation) {
    case 'logs.compareWindows':
      return query.provider === 'kubernetes' ? podLogLines(query, options) : cloudWatchCompareLines(query, options);
    case 'logs.insights': {
      const queryString = text(p.queryString) ?? '';
      const range = window ? [option('start-time', Math.floor(window.start / 1000)), option('end-time', Math.ceil(window.end / 1000))] : [];
      return [
        aws(options, 'logs', 'start-query', option('log-group-name', query.target), ...range, option('query-string', queryString)),
        comment('then read the rows with: aws logs get-query-results --query-id=<queryId from the output above>'),
      ];
    }
    case 'ecs.stoppedTasks': {
      const { parent: cluster, name: service } = splitTarget(query.target);
      return [
        aws(options, 'ecs', 'list-tasks', option('cluster', cluster), option('service-name', service), option('desired-status', 'STOPPED')),
        // A comment, not a command: the task ARNs are only known from the first command's output.
        comment(`then: ${aws(options, 'ecs', 'describe-tasks', option('cluster', cluster), '--tasks')} <the task ARNs listed above>`),
      ];
    }
    case 'ecs.serviceEvents': {
      const { parent: cluster, name: service } = splitTarget(query.target);
      return [aws(options, 'ecs', 'describe-services', option('cluster', cluster), option('services', service))];
    }
    case 'ecs.taskDefinitionDiff': {
      const from = text(p.from);
      const to = text(p.to) ?? splitTarget(query.target).name;
      return [
        ...(from ? [aws(options, 'ecs', 'describe-task-definition', option('task-definition', from))] : []),
        aws(options, 'ecs', 'describe-task-definition', option('task-definition', to)),
      ];
    }
    case 'k8s.pods': {
      const { parent: namespace, name: selector } = splitTarget(query.target);
      return [kubectl(options, 'get', 'pods', option('namespace', namespace), selector ? option('selector', selector) : undefined, '--output=wide')];
    }
    case 'k8s.events': {
      const object = text(p.object);
      return [
        kubectl(
          options,
          'get',
          'events',
          option('namespace', query.target),
          object ? option('field-selector', `involvedObject.name=${object}`) : undefined,
          '--sort-by=.lastTimestamp',
        ),
      ];
    }
    case 'k8s.rollout': {
      const { parent: namespace, name: deployment } = splitTarget(query.target);
      return [
        kubectl(options, 'rollout', 'history', shellQuote(`deployment/${deployment}`), option('namespace', namespace)),
        kubectl(options, 'get', 'replicasets', option('namespace', namespace), '--output=wide'),
      ];
    }
    case 'k8s.nodes':
      return [kubectl(options, 'get', 'nodes', '--output=wide'), kubectl(options, 'describe', 'nodes')];
    case 'k8s.objects': {
      // `ns/Kind[,Kind]/name` reads one object (and companions); `ns` with params.kinds lists kinds.
      const [namespace, kinds, name] = query.target.split('/');
      if (name) return [kubectl(options, 'get', shellQuote(kinds!.split(',').map((k) => `${k.toLowerCase()}/${name}`).join(',')), option('namespace', namespace!), '--output=yaml')];
      const listed = (text(p.kinds) ?? '').split(',').filter(Boolean).map((k) => k.toLowerCase());
      return [kubectl(options, 'get', shellQuote(listed.join(',')), option('namespace', namespace!), option('chunk-size', 200))];
    }
    case 'cw.alarms': {
      const lines = [aws(options, 'cloudwatch', 'describe-alarms', option('alarm-types', 'MetricAlarm'))];
      if (window) lines.push(comment(`then, per alarm: ${aws(options, 'cloudwatch', 'describe-alarm-history', '--alarm-name', '<name>', option('history-item-type', 'StateUpdate'), option('start-date', iso(window.start)), option('end-date', iso(window.end)))}`));
      return lines;
    }
    case 'cw.metrics': {
      const lines: string[] = [];
      const resources = terms(p.resources);
      if (resources.length) {
        lines.push(comment(`the metrics of ${resources.join(', ')}:`), ...RESOURCE_NAMESPACES.map((namespace) => aws(options, 'cloudwatch', 'list-metrics', option('namespace', namespace), option('recently-active', 'PT3H'))));
      }
      const queries = metricQueries(p.queries);
      if (queries.length && window) {
        const body = queries.map((q, i) => ({
          Id: `m${i}`,
          MetricStat: { Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: Object.entries(q.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })) }, Period: q.periodSeconds ?? 60, Stat: q.stat },
        }));
        lines.push(aws(options, 'cloudwatch', 'get-metric-data', option('metric-data-queries', JSON.stringify(body)), option('start-time', iso(window.start)), option('end-time', iso(window.end))));
      }
      return lines.length ? lines : [comment('no metric to read')];
    }
    case 'ecs.clusterActivity':
      return [
        aws(options, 'ecs', 'list-tasks', option('cluster', query.target), option('desired-status', 'RUNNING')),
        aws(options, 'ecs', 'list-tasks', option('cluster', query.target), option('desired-status', 'STOPPED')),
        comment(`then: ${aws(options, 'ecs', 'describe-tasks', option('cluster', query.target), '--tasks')} <the task ARNs listed above> (standalone ones have a group "family:…")`),
        aws(options, 'ecs', 'list-services', option('cluster', query.target)),
        comment(`then: ${aws(options, 'ecs', 'describe-services', option('cluster', query.target), '--services')} <the service ARNs listed above, 10 at a time>`),
      ];
    case 'elb.targetHealth':
      return (text(p.targetGroupArns) ?? '')
        .split(',')
        .filter(Boolean)
        .flatMap((arn) => [aws(options, 'elbv2', 'describe-target-groups', option('target-group-arns', arn)), aws(options, 'elbv2', 'describe-target-health', option('target-group-arn', arn))]);
    case 'git.commitsBetween': {
      const since = text(p.since);
      const until = text(p.until);
      return [git(options, 'log', since ? option('since', since) : undefined, until ? option('until', until) : undefined, '--name-status')];
    }
    case 'git.commitRange': {
      const to = text(p.toCommit) ?? 'HEAD';
      const from = text(p.fromCommit);
      // --end-of-options: a ref that starts with "-" is still a ref, never an option.
      return [git(options, 'log', '--stat', '--end-of-options', shellQuote(from ? `${from}..${to}` : to))];
    }
    default:
      return [comment(`no CLI equivalent for ${query.provider} ${query.operation} ${query.target}`)];
  }
}

function cloudWatchCompareLines(query: QuerySpec, options: QueryCliOptions): string[] {
  const p = query.params;
  const pattern = text(p.filterPattern);
  const lines: string[] = [];
  const filter = (start: number, end: number): string =>
    aws(options, 'logs', 'filter-log-events', option('log-group-name', query.target), pattern ? option('filter-pattern', pattern) : undefined, option('start-time', start), option('end-time', end));
  const baselineStart = Number(p.baselineStart);
  const baselineEnd = Number(p.baselineEnd);
  if (query.window) {
    lines.push(comment(`incident window ${iso(query.window.start)} – ${iso(query.window.end)}`), filter(query.window.start, query.window.end));
  }
  if (Number.isFinite(baselineStart) && Number.isFinite(baselineEnd) && baselineEnd > baselineStart) {
    lines.push(comment(`baseline window ${iso(baselineStart)} – ${iso(baselineEnd)}`), filter(baselineStart, baselineEnd));
  }
  if (!lines.length) lines.push(aws(options, 'logs', 'filter-log-events', option('log-group-name', query.target), pattern ? option('filter-pattern', pattern) : undefined));
  return lines;
}

function podLogLines(query: QuerySpec, options: QueryCliOptions): string[] {
  const { parent: namespace, name: selector } = splitTarget(query.target);
  const since = query.window ? option('since-time', iso(Number(query.params.baselineStart) || query.window.start)) : undefined;
  const grep = terms(query.params.terms);
  // grep -F with one -e per term: the terms are literal strings, never regular expressions.
  const filter = grep.length ? ` | grep -F ${grep.map((term) => `-e ${shellQuote(term)}`).join(' ')}` : '';
  const logs = (previous: boolean): string =>
    kubectl(
      options,
      'logs',
      option('namespace', namespace),
      selector ? option('selector', selector) : undefined,
      '--all-containers',
      '--prefix',
      '--timestamps',
      // A selector alone reads only the last 10 lines per pod.
      '--tail=-1',
      previous ? '--previous' : since,
    ) + filter;
  return [logs(false), comment('the containers that restarted (what they logged before they died):'), logs(true)];
}
