/**
 * Elastic Load Balancing v2 for the emulator (AWS Query protocol, API version 2015-12-01):
 * DescribeLoadBalancers, DescribeTargetGroups, DescribeTargetHealth, DescribeListeners over
 * `world.elb`, read-only. ARNs end in 16 hex digits: the scenario's `id`, else (target groups)
 * the id of a service's targetGroupArn that names the group, else one derived from the
 * scenario id and the name, so they never change between runs.
 */
import { EmulatorError } from '../emulatorError';
import { createRng, hashSeed } from '../scenario/logTemplate';
import type { Scenario, ScenarioLoadBalancer, ScenarioTargetGroup } from '../scenario/scenario';
import { parseTargetGroupRef } from './awsSignalsScenario';
import { decodePageToken, encodePageToken } from './pageToken';
import { type QueryParams, queryInteger, queryList, queryStructList } from './queryProtocol';

export const ELB_API_VERSION = '2015-12-01';
export const ELB_XML_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

function hexId(seed: string): string {
  const rng = createRng(hashSeed(seed));
  return Array.from({ length: 16 }, () => Math.floor(rng() * 16).toString(16)).join('');
}

export interface ElbArns {
  loadBalancer: Map<string, string>;
  targetGroupArnByName: Map<string, string>;
}

/** The ARN of every load balancer and target group of the scenario, by name. */
export function elbArns(scenario: Pick<Scenario, 'id' | 'world'>): ElbArns {
  const { region, accountId } = scenario.world.aws;
  const prefix = `arn:aws:elasticloadbalancing:${region}:${accountId}`;
  const idsFromServices = new Map<string, string>();
  for (const cluster of scenario.world.ecs.clusters) {
    for (const service of cluster.services) {
      for (const binding of service.loadBalancers) {
        const ref = parseTargetGroupRef(binding.targetGroupArn);
        if (ref.id && /^[0-9a-f]{16}$/.test(ref.id) && !idsFromServices.has(ref.name)) idsFromServices.set(ref.name, ref.id);
      }
    }
  }
  const loadBalancer = new Map<string, string>();
  for (const lb of scenario.world.elb?.loadBalancers ?? []) {
    const kind = lb.type === 'application' ? 'app' : lb.type === 'network' ? 'net' : 'gwy';
    loadBalancer.set(lb.name, `${prefix}:loadbalancer/${kind}/${lb.name}/${lb.id ?? hexId(`${scenario.id}/elb/lb/${lb.name}`)}`);
  }
  const targetGroupArnByName = new Map<string, string>();
  for (const group of scenario.world.elb?.targetGroups ?? []) {
    const id = group.id ?? idsFromServices.get(group.name) ?? hexId(`${scenario.id}/elb/tg/${group.name}`);
    targetGroupArnByName.set(group.name, `${prefix}:targetgroup/${group.name}/${id}`);
  }
  return { loadBalancer, targetGroupArnByName };
}

const notFound = (type: 'LoadBalancerNotFound' | 'TargetGroupNotFound' | 'ListenerNotFound', what: string) => new EmulatorError(type, `One or more ${what} not found`);

export class ElbWorldState {
  private readonly loadBalancers: ScenarioLoadBalancer[];
  private readonly targetGroups: ScenarioTargetGroup[];
  private readonly arns: ElbArns;
  private readonly region: string;

  constructor(private readonly scenario: Scenario) {
    this.loadBalancers = scenario.world.elb?.loadBalancers ?? [];
    this.targetGroups = scenario.world.elb?.targetGroups ?? [];
    this.arns = elbArns(scenario);
    this.region = scenario.world.aws.region;
  }

  handle(operation: string, params: QueryParams): unknown {
    switch (operation) {
      case 'DescribeLoadBalancers':
        return this.describeLoadBalancers(params);
      case 'DescribeTargetGroups':
        return this.describeTargetGroups(params);
      case 'DescribeTargetHealth':
        return this.describeTargetHealth(params);
      case 'DescribeListeners':
        return this.describeListeners(params);
      default:
        return undefined;
    }
  }

  /** The not-found code of an operation, for injected ResourceNotFoundException faults. */
  static notFound(operation: string): { type: string; message: string } {
    if (operation === 'DescribeTargetGroups' || operation === 'DescribeTargetHealth') return { type: 'TargetGroupNotFound', message: 'One or more target groups not found' };
    if (operation === 'DescribeListeners') return { type: 'ListenerNotFound', message: 'One or more listeners not found' };
    return { type: 'LoadBalancerNotFound', message: 'One or more load balancers not found' };
  }

  private lbArn(lb: ScenarioLoadBalancer): string {
    return this.arns.loadBalancer.get(lb.name)!;
  }

  private tgArn(group: ScenarioTargetGroup): string {
    return this.arns.targetGroupArnByName.get(group.name)!;
  }

  private findLoadBalancer(arn: string): ScenarioLoadBalancer {
    const lb = this.loadBalancers.find((candidate) => this.lbArn(candidate) === arn);
    if (!lb) throw notFound('LoadBalancerNotFound', 'load balancers');
    return lb;
  }

  /** Marker-based paging over an already filtered list, as the Describe* calls do. */
  private page<T>(items: T[], params: QueryParams, key: string, max: number): { page: T[]; nextMarker?: string } {
    const size = queryInteger(params, 'PageSize', 1, max) ?? max;
    const offset = params.Marker !== undefined ? decodePageToken(params.Marker, key, 'ValidationError', 'Invalid Marker') : 0;
    const page = items.slice(offset, offset + size);
    return { page, nextMarker: offset + size < items.length ? encodePageToken(key, offset + size) : undefined };
  }

  private describeLoadBalancers(params: QueryParams) {
    const arns = queryList(params, 'LoadBalancerArns');
    const names = queryList(params, 'Names');
    if (arns.length > 0 && names.length > 0) throw new EmulatorError('ValidationError', 'Load balancer names and load balancer ARNs cannot be specified at the same time');
    let selected = this.loadBalancers;
    if (arns.length > 0) selected = arns.map((arn) => this.findLoadBalancer(arn));
    if (names.length > 0) {
      selected = names.map((name) => {
        const lb = this.loadBalancers.find((candidate) => candidate.name === name);
        if (!lb) throw notFound('LoadBalancerNotFound', 'load balancers');
        return lb;
      });
    }
    const { page, nextMarker } = this.page(selected, params, `lb|${arns.join(',')}|${names.join(',')}`, 400);
    return {
      LoadBalancers: page.map((lb) => ({
        LoadBalancerArn: this.lbArn(lb),
        DNSName: lb.dnsName ?? `${lb.name}-${hashSeed(`${this.scenario.id}/${lb.name}`) % 1_000_000_000}.${this.region}.elb.amazonaws.com`,
        CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
        CreatedTime: lb.createdAt ? new Date(lb.createdAt) : undefined,
        LoadBalancerName: lb.name,
        Scheme: lb.scheme,
        VpcId: lb.vpcId ?? 'vpc-0sandbox',
        State: { Code: lb.state },
        Type: lb.type,
        IpAddressType: 'ipv4',
      })),
      NextMarker: nextMarker,
    };
  }

  private describeTargetGroups(params: QueryParams) {
    const arns = queryList(params, 'TargetGroupArns');
    const names = queryList(params, 'Names');
    const lbArn = params.LoadBalancerArn;
    if ([arns.length > 0, names.length > 0, lbArn !== undefined].filter(Boolean).length > 1) {
      throw new EmulatorError('ValidationError', 'Only one of LoadBalancerArn, TargetGroupArns and Names can be specified');
    }
    let selected = this.targetGroups;
    if (lbArn !== undefined) {
      const lb = this.findLoadBalancer(lbArn);
      selected = this.targetGroups.filter((group) => group.loadBalancer === lb.name);
    }
    const pick = (match: (group: ScenarioTargetGroup) => boolean) => {
      const group = this.targetGroups.find(match);
      if (!group) throw notFound('TargetGroupNotFound', 'target groups');
      return group;
    };
    if (arns.length > 0) selected = arns.map((arn) => pick((group) => this.tgArn(group) === arn));
    if (names.length > 0) selected = names.map((name) => pick((group) => group.name === name));
    const { page, nextMarker } = this.page(selected, params, `tg|${lbArn ?? ''}|${arns.join(',')}|${names.join(',')}`, 400);
    return {
      TargetGroups: page.map((group) => {
        const check = group.healthCheck;
        const lb = group.loadBalancer === undefined ? undefined : this.loadBalancers.find((candidate) => candidate.name === group.loadBalancer);
        const tcp = ['TCP', 'UDP', 'TCP_UDP', 'TLS'].includes(group.protocol);
        return {
          TargetGroupArn: this.tgArn(group),
          TargetGroupName: group.name,
          Protocol: group.protocol,
          Port: group.port,
          VpcId: group.vpcId ?? 'vpc-0sandbox',
          HealthCheckProtocol: check?.protocol ?? (tcp ? 'TCP' : group.protocol === 'HTTPS' ? 'HTTPS' : 'HTTP'),
          HealthCheckPort: check?.port ?? 'traffic-port',
          HealthCheckEnabled: check?.enabled ?? true,
          HealthCheckIntervalSeconds: check?.intervalSeconds ?? 30,
          HealthCheckTimeoutSeconds: check?.timeoutSeconds ?? 5,
          HealthyThresholdCount: check?.healthyThresholdCount ?? 5,
          UnhealthyThresholdCount: check?.unhealthyThresholdCount ?? 2,
          HealthCheckPath: tcp ? undefined : (check?.path ?? '/'),
          Matcher: tcp ? undefined : { HttpCode: check?.matcher ?? '200' },
          LoadBalancerArns: lb ? [this.lbArn(lb)] : [],
          TargetType: group.targetType,
          ProtocolVersion: tcp ? undefined : 'HTTP1',
          IpAddressType: 'ipv4',
        };
      }),
      NextMarker: nextMarker,
    };
  }

  private describeTargetHealth(params: QueryParams) {
    const arn = params.TargetGroupArn;
    if (!arn) throw new EmulatorError('ValidationError', "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
    const group = this.targetGroups.find((candidate) => this.tgArn(candidate) === arn);
    if (!group) throw notFound('TargetGroupNotFound', 'target groups');
    const asked = queryStructList(params, 'Targets');
    const healthCheckPort = (target: { port?: number }) => {
      const port = group.healthCheck?.port ?? 'traffic-port';
      return port === 'traffic-port' ? String(target.port ?? group.port ?? '') || undefined : port;
    };
    const describe = (target: ScenarioTargetGroup['targets'][number]) => ({
      Target: { Id: target.id, Port: target.port ?? group.port, AvailabilityZone: target.availabilityZone },
      HealthCheckPort: healthCheckPort(target),
      TargetHealth: { State: target.state, Reason: target.reason, Description: target.description },
    });
    if (asked.length === 0) return { TargetHealthDescriptions: group.targets.map(describe) };
    return {
      TargetHealthDescriptions: asked.map((item) => {
        const port = item.Port !== undefined ? Number(item.Port) : undefined;
        const target = group.targets.find((candidate) => candidate.id === item.Id && (port === undefined || (candidate.port ?? group.port) === port));
        if (target) return describe(target);
        return {
          Target: { Id: item.Id, Port: port },
          HealthCheckPort: healthCheckPort({ port }),
          TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
        };
      }),
    };
  }

  private describeListeners(params: QueryParams) {
    const lbArn = params.LoadBalancerArn;
    const listenerArns = queryList(params, 'ListenerArns');
    if (lbArn === undefined && listenerArns.length === 0) throw new EmulatorError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
    const all = this.loadBalancers.flatMap((lb) => this.listenersOf(lb));
    let selected = all;
    if (lbArn !== undefined) {
      this.findLoadBalancer(lbArn);
      selected = all.filter((listener) => listener.LoadBalancerArn === lbArn);
    }
    if (listenerArns.length > 0) {
      selected = listenerArns.map((arn) => {
        const listener = selected.find((candidate) => candidate.ListenerArn === arn);
        if (!listener) throw notFound('ListenerNotFound', 'listeners');
        return listener;
      });
    }
    const { page, nextMarker } = this.page(selected, params, `ls|${lbArn ?? ''}|${listenerArns.join(',')}`, 400);
    return { Listeners: page, NextMarker: nextMarker };
  }

  private listenersOf(lb: ScenarioLoadBalancer) {
    const lbArn = this.lbArn(lb);
    const groups = this.targetGroups.filter((group) => group.loadBalancer === lb.name);
    const listeners = lb.listeners ?? [{ port: 80, protocol: lb.type === 'application' ? 'HTTP' : 'TCP', defaultTargetGroup: groups[0]?.name }];
    return listeners.map((listener) => {
      const group = listener.defaultTargetGroup === undefined ? undefined : this.targetGroups.find((candidate) => candidate.name === listener.defaultTargetGroup);
      return {
        ListenerArn: `${lbArn.replace(':loadbalancer/', ':listener/')}/${hexId(`${this.scenario.id}/elb/listener/${lb.name}/${listener.port}`)}`,
        LoadBalancerArn: lbArn,
        Port: listener.port,
        Protocol: listener.protocol,
        DefaultActions: group
          ? [{ Type: 'forward', TargetGroupArn: this.tgArn(group), Order: 1 }]
          : [{ Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } }],
      };
    });
  }
}
