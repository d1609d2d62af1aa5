/**
 * AWS ARNs (Secrets Manager, SSM parameters, RDS, SQS, SNS, target groups, any service), with
 * the queue or topic an SQS/SNS ARN names.
 */
import type { Scan } from './scan';

const ARN = /\barn:(?<partition>aws(?:-cn|-us-gov|-iso(?:-[a-z])?)?):(?<service>[a-z0-9-]+):(?<region>[a-z0-9-]*):(?<account>\d{12}|aws)?:(?<resource>[^\s"'`,;)\]}]+)/g;

export function extractArns(scan: Scan): void {
  for (const m of scan.matches(ARN)) {
    const arn = m[0].replace(/[.:]+$/, '');
    const service = m.groups!.service!;
    const resource = m.groups!.resource!.replace(/[.:]+$/, '');
    const type = /^([\w-]+)[/:]/.exec(resource)?.[1];
    scan.add({ kind: 'arn', value: arn, objectKind: type ? `${service}:${type}` : service });
    if (service === 'sqs') scan.add({ kind: 'queue', value: resource, objectKind: 'sqs' });
    if (service === 'sns') scan.add({ kind: 'topic', value: resource.split(':')[0]!, objectKind: 'sns' });
    scan.claim(m.index, m.index + m[0].length);
  }
}
