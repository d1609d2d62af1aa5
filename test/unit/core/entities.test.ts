import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities, type Entity } from '../../../src/core/entities/extract';

const of = (text: string, kind: Entity['kind']): Entity[] => extractEntities(text).filter((e) => e.kind === kind);
const values = (text: string, kind: Entity['kind']): string[] => of(text, kind).map((e) => e.value);

describe('extractEntities: hosts and addresses', () => {
  it('reads IPv4 host:port and IPv6 [addr]:port', () => {
    assert.deepEqual(of('dial tcp 10.0.3.7:50051: connect: connection refused', 'ip'), [{ kind: 'ip', value: '10.0.3.7', port: 50051 }]);
    assert.deepEqual(values('listening on [::1]:8080', 'ip'), ['::1']);
    assert.equal(of('listening on [::1]:8080', 'ip')[0]!.port, 8080);
    assert.deepEqual(values('peer fe80::1 went away', 'ip'), ['fe80::1']);
  });

  it('reads bare service names with a port, and Kubernetes cluster DNS as service + namespace', () => {
    assert.deepEqual(of('redis: dial redis-master.cache:6379 failed', 'service'), [{ kind: 'service', value: 'redis-master', namespace: 'cache', objectKind: 'service', port: 6379 }]);
    const full = extractEntities('GET http://orders.payments.svc.cluster.local:8080/healthz');
    assert.ok(full.some((e) => e.kind === 'k8s-dns' && e.value === 'orders.payments.svc.cluster.local'));
    assert.ok(full.some((e) => e.kind === 'service' && e.value === 'orders' && e.namespace === 'payments'));
    assert.deepEqual(of('lookup inventory.shop.svc failed', 'service').map((e) => [e.value, e.namespace]), [['inventory', 'shop']]);
    assert.deepEqual(of('could not reach postgres:5432', 'service').map((e) => e.value), ['postgres']);
  });

  it('reads FQDNs in prose and in quoted host contexts', () => {
    assert.deepEqual(values('failed to contact api.stripe.com after 3 retries', 'host'), ['api.stripe.com']);
    const pg = extractEntities('connection to server at "db.internal" (10.0.0.5), port 5432 failed');
    assert.ok(pg.some((e) => e.kind === 'host' && e.value === 'db.internal' && e.port === 5432));
    assert.ok(pg.some((e) => e.kind === 'ip' && e.value === '10.0.0.5'));
    assert.deepEqual(values("HTTPConnectionPool(host='billing', port=80): Max retries exceeded", 'host'), ['billing']);
  });

  it('does not take versions, dates, times, durations, UUIDs, hex ids or class names for hosts', () => {
    const noise = 'version 1.2.3.4 v2.10.1 released 2024-05-01T10:21:07Z at 10:21:07 took 120ms id=3fa85f64-5717-4562-b3fc-2c963f66afa6 sha=deadbeefcafe1234 com.acme.orders.OrderService org.springframework.web.servlet logger.info( config.yaml requests.exceptions timeout:30 line:42 retries:3';
    const found = extractEntities(noise).filter((e) => ['host', 'ip', 'service', 'port', 'pod', 'node'].includes(e.kind));
    assert.deepEqual(found, []);
  });

  it('takes a class name as a source location, not a host:port', () => {
    const found = extractEntities('\tat com.acme.Foo.bar(Foo.java:42)');
    assert.deepEqual(found, [{ kind: 'file', value: 'Foo.java', line: 42 }]);
    assert.deepEqual(of('at com.acme.Foo:42', 'host'), []);
  });
});

describe('extractEntities: URLs and connection strings', () => {
  it('keeps scheme, host, port and path, and drops credentials and query', () => {
    const url = of('GET https://admin:s3cret@api.example.com:8443/v1/charge?token=abc failed', 'url')[0]!;
    assert.deepEqual(url, { kind: 'url', value: 'https://api.example.com:8443/v1/charge', port: 8443 });
    assert.ok(!JSON.stringify(extractEntities('postgres://app:hunter2@db:5432/orders?password=x')).includes('hunter2'));
  });

  it('reads JDBC, Postgres, MySQL, Mongo, Redis and AMQP strings', () => {
    const jdbc = extractEntities('jdbc:postgresql://db.prod.internal:5432/orders?user=app&password=hunter2');
    assert.ok(jdbc.some((e) => e.kind === 'host' && e.value === 'db.prod.internal' && e.port === 5432));
    assert.deepEqual(of('jdbc:postgresql://db.prod.internal:5432/orders', 'db'), [{ kind: 'db', value: 'orders', objectKind: 'postgres' }]);
    assert.deepEqual(of('jdbc:sqlserver://sql01:1433;databaseName=billing;password=x', 'db'), [{ kind: 'db', value: 'billing', objectKind: 'sqlserver' }]);
    assert.deepEqual(values('mongodb://u:p@mongo-0.mongo:27017,mongo-1.mongo:27017/catalog?replicaSet=rs0', 'host'), ['mongo-0.mongo', 'mongo-1.mongo']);
    assert.deepEqual(values('mysql://root:pw@mysql.db:3306/shop', 'db'), ['shop']);
    assert.deepEqual(values('redis://:pw@cache.internal:6379/0', 'host'), ['cache.internal']);
    assert.deepEqual(values('amqp://guest:guest@rabbitmq:5672/', 'service'), ['rabbitmq']);
    assert.deepEqual(values('host=pg.internal port=5432 dbname=ledger user=app password=secret', 'db'), ['ledger']);
    assert.deepEqual(values('host=pg.internal port=5432 dbname=ledger user=app password=secret', 'host'), ['pg.internal']);
  });

  it('reads gRPC targets', () => {
    const found = extractEntities('grpc: dialing dns:///inventory:50051');
    assert.deepEqual(values('grpc: dialing dns:///inventory:50051', 'grpc-target'), ['dns:///inventory:50051']);
    assert.ok(found.some((e) => e.kind === 'service' && e.value === 'inventory' && e.port === 50051));
    assert.deepEqual(values('target ipv4:10.0.0.1:50051,10.0.0.2:50051', 'ip'), ['10.0.0.1', '10.0.0.2']);
  });

  it('does not treat an S3 bucket as a host', () => {
    assert.deepEqual(values('uploading to s3://media-bucket/thumbs/1.png', 'host'), []);
    assert.deepEqual(values('uploading to s3://media-bucket/thumbs/1.png', 'url'), ['s3://media-bucket/thumbs/1.png']);
  });
});

describe('extractEntities: configuration', () => {
  it('reads env var names from phrases and APIs', () => {
    assert.deepEqual(values('Error: environment variable DATABASE_URL is not set', 'env-var'), ['DATABASE_URL']);
    assert.deepEqual(values('missing required env STRIPE_KEY', 'env-var'), ['STRIPE_KEY']);
    assert.deepEqual(values('REDIS_URL is not set', 'env-var'), ['REDIS_URL']);
    assert.deepEqual(values('url: ${API_BASE_URL:-http://localhost}', 'env-var'), ['API_BASE_URL']);
    assert.deepEqual(values("KeyError at os.environ['SECRET_KEY']", 'env-var'), ['SECRET_KEY']);
    assert.deepEqual(values('undefined process.env.PORT', 'env-var'), ['PORT']);
  });

  it('does not read prose as env vars', () => {
    assert.deepEqual(values('the environment variable is not set', 'env-var'), []);
    assert.deepEqual(values('ERROR is not set to anything', 'env-var'), []);
  });

  it('reads config keys with where they live', () => {
    assert.deepEqual(of("Error: couldn't find key DB_URL in ConfigMap default/app-config", 'config-key'), [{ kind: 'config-key', value: 'DB_URL', namespace: 'default', objectKind: 'configmap' }]);
    assert.ok(values("Could not resolve placeholder 'spring.datasource.url' in value \"${spring.datasource.url}\"", 'config-key').includes('spring.datasource.url'));
    assert.deepEqual(values('error unmarshaling JSON: json: unknown field "replicaz"', 'config-key'), ['replicaz']);
    assert.deepEqual(values('yaml: unmarshal errors: field timeoutt not found in type config.Server', 'config-key'), ['timeoutt']);
  });
});

describe('extractEntities: files', () => {
  it('reads paths with line numbers, not URL routes', () => {
    assert.deepEqual(of('    at Object.<anonymous> (/app/src/server.js:42:13)', 'file'), [{ kind: 'file', value: '/app/src/server.js', line: 42 }]);
    assert.deepEqual(of('  File "/srv/app/billing/charge.py", line 88, in charge', 'file'), [{ kind: 'file', value: '/srv/app/billing/charge.py', line: 88 }]);
    assert.deepEqual(values("open /etc/app/config.yaml: no such file or directory", 'file'), ['/etc/app/config.yaml']);
    assert.deepEqual(values('panic at internal/db/pool.go:117', 'file'), ['internal/db/pool.go']);
    assert.deepEqual(values('"GET /api/v1/orders HTTP/1.1" 500', 'file'), []);
    assert.deepEqual(values('route=/api/users/42 not found', 'file'), []);
  });
});

describe('extractEntities: Kubernetes', () => {
  it('reads object references with kind and namespace', () => {
    assert.deepEqual(of('MountVolume.SetUp failed for volume "config" : configmap "app-config" not found', 'k8s-object'), [{ kind: 'k8s-object', value: 'app-config', objectKind: 'configmap' }]);
    assert.deepEqual(of('secrets "db-creds" is forbidden in the namespace "payments"', 'k8s-object').filter((e) => e.objectKind === 'secret'), [{ kind: 'k8s-object', value: 'db-creds', objectKind: 'secret', namespace: 'payments' }]);
    assert.deepEqual(values('persistentvolumeclaim "data-web-0" not found', 'k8s-object'), ['data-web-0']);
    assert.deepEqual(values('deployment.apps/checkout rolled out', 'k8s-object'), ['checkout']);
    assert.deepEqual(of('error looking up service account system:serviceaccount:payments:api', 'k8s-object'), [{ kind: 'k8s-object', value: 'api', objectKind: 'serviceaccount', namespace: 'payments' }]);
    assert.deepEqual(of('services "orders" not found', 'service'), [{ kind: 'service', value: 'orders', objectKind: 'service' }]);
  });

  it('reads generated pod names and cloud node names', () => {
    assert.deepEqual(of('Successfully assigned prod/api-7d9f8b6c5-x2x7q to ip-10-0-1-12.ec2.internal', 'pod'), [{ kind: 'pod', value: 'api-7d9f8b6c5-x2x7q', objectKind: 'pod', namespace: 'prod' }]);
    assert.deepEqual(values('Successfully assigned prod/api-7d9f8b6c5-x2x7q to ip-10-0-1-12.ec2.internal', 'node'), ['ip-10-0-1-12.ec2.internal']);
    assert.deepEqual(values('node gke-prod-default-pool-1a2b3c4d-x9z8 is NotReady', 'node'), ['gke-prod-default-pool-1a2b3c4d-x9z8']);
    assert.deepEqual(values('aks-nodepool1-12345678-vmss000000 rebooted', 'node'), ['aks-nodepool1-12345678-vmss000000']);
    assert.deepEqual(values('Host EC2 (instance i-0abc123def4567890) terminated', 'node'), ['i-0abc123def4567890']);
  });

  it('does not take words or UUIDs for pods', () => {
    assert.deepEqual(values('request 3fa85f64-5717-4562-b3fc-2c963f66afa6 done; pod is failing; order-service-handler ok', 'pod'), []);
  });

  it('reads image references', () => {
    assert.deepEqual(values('Failed to pull image "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2.1.0": not found', 'image'), ['123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2.1.0']);
    assert.deepEqual(values('Back-off pulling image "nginx"', 'image'), ['nginx']);
    const digest = `ghcr.io/acme/api@sha256:${'a'.repeat(64)}`;
    assert.deepEqual(values(`running ${digest}`, 'image'), [digest]);
    assert.deepEqual(values('pull access denied for acme/private-api, repository does not exist', 'image'), ['acme/private-api']);
    assert.deepEqual(values('the image pull took long', 'image'), []);
  });
});

describe('extractEntities: AWS and messaging', () => {
  it('reads ARNs with their service and resource type', () => {
    assert.deepEqual(of('failed to fetch secret arn:aws:secretsmanager:us-east-1:123456789012:secret:db-pass-AbCdEf from secrets manager', 'arn'), [{ kind: 'arn', value: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-pass-AbCdEf', objectKind: 'secretsmanager:secret' }]);
    assert.equal(of('arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/url', 'arn')[0]!.objectKind, 'ssm:parameter');
    assert.equal(of('(target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/6d0ecf831eec9f09)', 'arn')[0]!.objectKind, 'elasticloadbalancing:targetgroup');
    assert.equal(of('arn:aws:rds:us-east-1:123456789012:db:orders-prod', 'arn')[0]!.objectKind, 'rds:db');
    assert.deepEqual(values('arn:aws:sqs:us-east-1:123456789012:orders-queue', 'queue'), ['orders-queue']);
    assert.deepEqual(values('arn:aws:sns:us-east-1:123456789012:alerts', 'topic'), ['alerts']);
  });

  it('reads SQS queues and Kafka topics', () => {
    assert.deepEqual(values('https://sqs.us-east-1.amazonaws.com/123456789012/orders-queue', 'queue'), ['orders-queue']);
    assert.deepEqual(values('Topic orders-events not present in metadata after 60000 ms.', 'topic'), ['orders-events']);
    assert.deepEqual(values('Error while fetching metadata with correlation id 7 : {payments=UNKNOWN_TOPIC_OR_PARTITION}', 'topic'), ['payments']);
    assert.deepEqual(values('Expiring 12 record(s) for clicks-3: 30001 ms has passed', 'topic'), ['clicks']);
    assert.deepEqual(values("NOT_FOUND - no queue 'invoices' in vhost '/'", 'queue'), ['invoices']);
    assert.deepEqual(values('the topic is not ready', 'topic'), []);
  });
});
