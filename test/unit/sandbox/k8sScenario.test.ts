/** The `world.kubernetes` scenario section: defaults, cross-references, and errors that name the field. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidInputError } from '../../../src/core/incident';
import { parseScenario, resolveScenario, type ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import { CRASHING_POD, k8sScenario } from './k8sMiniScenario';

function issuesOf(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('expected an InvalidInputError');
}

function assertIssue(issues: string[], path: string, fragment?: string): void {
  const hit = issues.find((issue) => issue.startsWith(`${path}: `) && (!fragment || issue.includes(fragment)));
  assert.ok(hit, `no issue at ${path}${fragment ? ` mentioning "${fragment}"` : ''} in:\n${issues.join('\n')}`);
}

type K8sWorldInput = NonNullable<ScenarioInput['world']['kubernetes']>;
/** A fresh scenario and its Kubernetes section, typed loosely enough to break on purpose. */
function fixture(): { input: ScenarioInput; k8s: K8sWorldInput & { namespaces: { deployments: unknown[]; pods: unknown[]; events: unknown[] }[] } } {
  const input = k8sScenario();
  return { input, k8s: input.world.kubernetes as never };
}

const NS = 'world.kubernetes.namespaces.0';

describe('world.kubernetes schema', () => {
  it('accepts the fixture and applies defaults', () => {
    const scenario = parseScenario(k8sScenario());
    const k8s = scenario.world.kubernetes!;
    assert.equal(k8s.context, 'mini-cluster');
    const [checkout, cart] = k8s.namespaces[0].deployments;
    assert.equal(checkout.strategy, 'RollingUpdate');
    assert.deepEqual(checkout.annotations, {});
    assert.equal(checkout.replicaSets[2].containers[0].requests.cpu, '0.25', 'numeric quantities become strings');
    assert.deepEqual(cart.replicaSets[0].containers[1].env, []);
    const healthy = k8s.namespaces[0].pods[1].containers[0];
    assert.equal(healthy.restartCount, 0);
    assert.deepEqual(healthy.previousLogs, []);
    assert.equal(k8s.namespaces[0].events[0].count, 1);
    assert.deepEqual(k8s.nodes[1].conditions, [{ type: 'Ready', status: 'True' }]);
    assert.equal(k8s.nodes[2].unschedulable, true);
    assert.equal(k8s.namespaces[1].pods.length, 0, 'an empty namespace is fine');
  });

  it('is optional, and the context defaults to "sandbox"', () => {
    const { input } = fixture();
    const withoutK8s = { ...input, world: { ...input.world, kubernetes: undefined }, incident: { ...input.incident, target: { platform: 'ecs' as const, cluster: 'c1', service: 'web' } } };
    assert.equal(parseScenario(withoutK8s).world.kubernetes, undefined);
    const { input: noContext, k8s } = fixture();
    delete (k8s as { context?: string }).context;
    assert.equal(parseScenario(noContext).world.kubernetes!.context, 'sandbox');
  });

  it('resolves commit placeholders in images, change causes and log lines', () => {
    const scenario = resolveScenario(parseScenario(k8sScenario()), { one: '1'.repeat(40), two: 'abcdef0'.padEnd(40, '0') });
    const rs = scenario.world.kubernetes!.namespaces[0].deployments[0].replicaSets[2];
    assert.equal(rs.containers[0].image, 'registry.example/checkout:abcdef0');
    assert.equal(rs.changeCause, 'deploy abcdef0');
    assert.equal(scenario.world.kubernetes!.namespaces[0].pods[0].containers[0].logs[0].message, 'INFO starting checkout abcdef0');
  });

  it('names malformed fields deep in the section', () => {
    const { input, k8s } = fixture();
    const ns = k8s.namespaces[0] as unknown as Record<string, never[]>;
    (k8s.namespaces[0] as { name: string }).name = 'Shop';
    const deployment = ns.deployments[0] as unknown as { replicaSets: { containers: { limits: Record<string, string>; env: unknown[] }[] }[] };
    deployment.replicaSets[0].containers[0].limits.memory = '256 MB';
    deployment.replicaSets[0].containers[0].env.push({ name: 'BOTH', value: 'x', fromSecret: 'a/b' });
    const pod = ns.pods[0] as unknown as { containers: Record<string, unknown>[] };
    pod.containers[0].state = 'sleeping';
    const healthy = ns.pods[1] as unknown as { containers: { logGenerators: { template: string }[] }[] };
    healthy.containers[0].logGenerators[0].template = 'GET {itn:1-5}';
    const issues = issuesOf(input);
    assertIssue(issues, `${NS}.name`, 'DNS-1123');
    assertIssue(issues, `${NS}.deployments.0.replicaSets.0.containers.0.limits.memory`, 'quantity');
    assertIssue(issues, `${NS}.deployments.0.replicaSets.0.containers.0.env.2`, 'only one of');
    assertIssue(issues, `${NS}.pods.0.containers.0.state`);
    assertIssue(issues, `${NS}.pods.1.containers.0.logGenerators.0.template`, 'unknown placeholder {itn:1-5}');
  });

  it('checks container states: waiting needs a reason, terminated an exit code, previous logs a lastTermination', () => {
    const { input, k8s } = fixture();
    const pods = k8s.namespaces[0].pods as { containers: Record<string, unknown>[] }[];
    delete pods[0].containers[0].reason;
    pods[1].containers[0].state = 'terminated';
    pods[1].containers[0].reason = 'Error';
    pods[2].containers[0].previousLogs = [{ at: '2026-01-15T11:40:00Z', message: 'x' }];
    delete pods[2].containers[0].lastTermination;
    pods[3].containers[0].exitCode = 1;
    const issues = issuesOf(input);
    assertIssue(issues, `${NS}.pods.0.containers.0.reason`, 'waiting');
    assertIssue(issues, `${NS}.pods.1.containers.0.exitCode`, 'terminated');
    assertIssue(issues, `${NS}.pods.2.containers.0.lastTermination`, 'previous logs');
    assertIssue(issues, `${NS}.pods.3.containers.0.exitCode`, 'only a terminated container');
  });

  it('rejects references that do not resolve', () => {
    const { input, k8s } = fixture();
    const [checkout] = k8s.namespaces[0].deployments as { revision: number; replicaSets: { revision: number; name: string }[] }[];
    checkout.revision = 9;
    const pods = k8s.namespaces[0].pods as { replicaSet?: string; node?: string; containers: { name: string }[] }[];
    pods[0].replicaSet = 'checkout-ghost';
    pods[1].node = 'node-z';
    pods[2].containers[0].name = 'sidecar';
    const issues = issuesOf(input);
    assertIssue(issues, `${NS}.deployments.0.revision`, 'no ReplicaSet of deployment "checkout" has revision 9');
    assertIssue(issues, `${NS}.pods.0.replicaSet`, 'checkout-ghost');
    assertIssue(issues, `${NS}.pods.1.node`, 'node-z');
    assertIssue(issues, `${NS}.pods.2.containers.0.name`, 'no container "sidecar"');
  });

  it('rejects duplicates and a deployment template that contradicts its active ReplicaSet', () => {
    const { input, k8s } = fixture();
    const [checkout, cart] = k8s.namespaces[0].deployments as { name: string; containers?: unknown[]; replicaSets: { revision: number; name: string }[] }[];
    checkout.replicaSets[1].revision = 2;
    cart.replicaSets[0].name = 'checkout-6b7c8d9f5';
    checkout.containers = [{ name: 'checkout', image: 'registry.example/checkout:other' }];
    (k8s.namespaces[0].pods as { name: string }[])[1].name = CRASHING_POD;
    k8s.nodes![1].name = 'node-a';
    const issues = issuesOf(input);
    assertIssue(issues, `${NS}.deployments.0.replicaSets.1.revision`, 'duplicate revision 2');
    assertIssue(issues, `${NS}.deployments.1.replicaSets.0.name`, 'duplicate ReplicaSet');
    assertIssue(issues, `${NS}.deployments.0.containers`, 'differ from the active ReplicaSet');
    assertIssue(issues, `${NS}.pods.1.name`, 'duplicate pod');
    assertIssue(issues, 'world.kubernetes.nodes.1.name', 'duplicate node');
  });

  it('checks that a Kubernetes incident names a namespace and deployment of the world', () => {
    const { input } = fixture();
    input.incident.target = { platform: 'kubernetes', namespace: 'shop', deployment: 'payments' };
    assertIssue(issuesOf(input), 'incident.target.deployment', 'deployment "payments" is not in namespace "shop"');
    input.incident.target = { platform: 'kubernetes', namespace: 'prod', deployment: 'checkout' };
    assertIssue(issuesOf(input), 'incident.target.namespace', 'namespace "prod"');
    delete input.world.kubernetes;
    assertIssue(issuesOf(input), 'incident.target', 'needs world.kubernetes');
  });

  it('validates Kubernetes faults: operations and errors of the right service', () => {
    const input = k8sScenario({
      faults: [
        { service: 'kubernetes', operation: 'listPods', error: 'TooManyRequests' },
        { service: 'kubernetes', operation: 'DescribeServices', error: 'Forbidden' },
        { service: 'kubernetes', error: 'ThrottlingException' },
        { service: 'ecs', error: 'TooManyRequests' },
      ],
    });
    const issues = issuesOf(input);
    assertIssue(issues, 'world.faults.1.operation', 'DescribeServices is not a kubernetes operation');
    assertIssue(issues, 'world.faults.2.error', 'ThrottlingException is not an error of service "kubernetes"');
    assertIssue(issues, 'world.faults.3.error', 'TooManyRequests is not an error of service "ecs"');
    assert.equal(issues.filter((issue) => issue.startsWith('world.faults.0')).length, 0);
  });
});
