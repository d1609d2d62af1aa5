/**
 * The AWS signal emulators beyond logs and ECS, one loopback server per service, each in the
 * protocol its current SDK client uses (checked against the installed clients' dist-cjs):
 *
 * - CloudWatch: AWS JSON 1.0 (`GraniteServiceVersion20100801.*`, query-compatible errors)
 * - Elastic Load Balancing v2: AWS Query (form body, XML answers)
 * - Application Auto Scaling: AWS JSON 1.1 (`AnyScaleFrontendService.*`)
 *
 * They share the sandbox's request journal and read the scenario's faults for services
 * `cloudwatch`, `elb` and `autoscaling`.
 */
import type { Scenario } from '../scenario/scenario';
import type { RequestJournal } from './awsCommon';
import { AutoScalingWorldState } from './autoscalingApi';
import { type AwsServiceServer, startAwsServiceServer } from './awsServer';
import { CloudWatchWorldState } from './cloudwatchApi';
import { ELB_API_VERSION, ELB_XML_NAMESPACE, ElbWorldState } from './elbApi';

export interface AwsSignalEmulatorsOptions {
  /** The scenario with placeholders already resolved. */
  scenario: Scenario;
  /** The emulators' "now" in epoch ms (ListMetrics' recent activity). */
  clock: () => number;
  accessKeyId?: string;
  journal?: RequestJournal;
  host?: string;
}

export interface AwsSignalEmulators {
  cloudwatch: AwsServiceServer;
  elb: AwsServiceServer;
  autoscaling: AwsServiceServer;
  close(): Promise<void>;
}

export async function startAwsSignalEmulators(options: AwsSignalEmulatorsOptions): Promise<AwsSignalEmulators> {
  const { scenario } = options;
  const common = { faults: scenario.world.faults, accountId: scenario.world.aws.accountId, accessKeyId: options.accessKeyId, journal: options.journal, host: options.host };
  const started: AwsServiceServer[] = [];
  try {
    const cloudwatchState = new CloudWatchWorldState(scenario, options.clock);
    const cloudwatch = await startAwsServiceServer({
      ...common,
      service: 'cloudwatch',
      protocol: { kind: 'json', version: '1.0', targetPrefix: 'GraniteServiceVersion20100801', queryCompatible: true },
      handle: (operation, body) => cloudwatchState.handle(operation, body),
      notFound: () => ({ type: 'ResourceNotFound', status: 404, message: 'The specified resource does not exist.' }),
    });
    started.push(cloudwatch);
    const elbState = new ElbWorldState(scenario);
    const elb = await startAwsServiceServer({
      ...common,
      service: 'elb',
      protocol: { kind: 'query', version: ELB_API_VERSION, xmlNamespace: ELB_XML_NAMESPACE },
      handle: (operation, params) => elbState.handle(operation, params as Record<string, string>),
      notFound: (operation) => ElbWorldState.notFound(operation),
    });
    started.push(elb);
    const autoscalingState = new AutoScalingWorldState(scenario);
    const autoscaling = await startAwsServiceServer({
      ...common,
      service: 'autoscaling',
      protocol: { kind: 'json', version: '1.1', targetPrefix: 'AnyScaleFrontendService' },
      handle: (operation, body) => autoscalingState.handle(operation, body),
      notFound: () => ({ type: 'ObjectNotFoundException', message: 'No scalable target found for service namespace' }),
    });
    started.push(autoscaling);
    return { cloudwatch, elb, autoscaling, close: async () => void (await Promise.all(started.map((server) => server.close()))) };
  } catch (error) {
    await Promise.all(started.map((server) => server.close()));
    throw error;
  }
}
