import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_CATEGORIES } from '../../../src/core/model';
import {
  CAPTURE_NAMES, ENTITY_KINDS, TAXONOMY, classifyLine, entriesFor, lookup, unfilteredPatterns, vocabulary,
} from '../../../src/core/taxonomy/index';
import { requiredLiterals } from '../../../src/core/taxonomy/prefilter';

const ids = (line: string): string[] => classifyLine(line).map((m) => m.entry.id);
const match = (line: string, id: string) => classifyLine(line).find((m) => m.entry.id === id);

/** [line, id that must match, entities it must capture]. */
const EXAMPLES: [string, string, Record<string, string>?][] = [
  // gRPC, as each client prints it
  ['rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing"', 'grpc.UNAVAILABLE'],
  ['grpc._channel._InactiveRpcError: status = StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded"', 'grpc.DEADLINE_EXCEEDED'],
  ['Error: 14 UNAVAILABLE: No connection established', 'grpc.UNAVAILABLE', { detail: 'No connection established' }],
  ['io.grpc.StatusRuntimeException: PERMISSION_DENIED: caller lacks scope', 'grpc.PERMISSION_DENIED'],
  ['Status{code=RESOURCE_EXHAUSTED, description=quota exceeded, cause=null}', 'grpc.RESOURCE_EXHAUSTED', { detail: 'quota exceeded' }],
  ['Status(StatusCode="Unauthenticated", Detail="Bad token")', 'grpc.UNAUTHENTICATED', { detail: 'Bad token' }],
  ['rpc error: code = Canceled desc = context canceled', 'grpc.CANCELLED'],
  ['finished call grpc.method=Get grpc.code=Internal grpc.time_ms=3', 'grpc.INTERNAL'],
  // errno
  ['Error: connect ECONNREFUSED 10.0.0.5:5432', 'errno.ECONNREFUSED', { host: '10.0.0.5', port: '5432' }],
  ['Error: connect ECONNREFUSED ::1:6379', 'errno.ECONNREFUSED', { host: '::1', port: '6379' }],
  ['dial tcp 10.0.3.7:50051: connect: connection refused', 'errno.ECONNREFUSED', { host: '10.0.3.7', port: '50051' }],
  ['java.net.ConnectException: Connection refused (Connection refused)', 'errno.ECONNREFUSED'],
  ['getaddrinfo ENOTFOUND redis.cache.svc.cluster.local', 'errno.ENOTFOUND', { host: 'redis.cache.svc.cluster.local' }],
  ['dial tcp: lookup orders.payments on 10.96.0.10:53: no such host', 'errno.ENOTFOUND', { host: 'orders.payments' }],
  ['socket.gaierror: [Errno -3] Temporary failure in name resolution', 'errno.EAI_AGAIN'],
  ['getaddrinfo EAI_AGAIN db', 'errno.EAI_AGAIN', { host: 'db' }],
  ['read tcp 10.0.0.2:4567->10.0.0.5:5432: read: connection reset by peer', 'errno.ECONNRESET', { host: '10.0.0.5', port: '5432' }],
  ['write: broken pipe', 'errno.EPIPE'],
  ['dial tcp 52.1.2.3:443: i/o timeout', 'errno.ETIMEDOUT', { host: '52.1.2.3', port: '443' }],
  ["Error: ENOSPC: no space left on device, write '/var/log/app.log'", 'errno.ENOSPC', { file: '/var/log/app.log' }],
  ['write /data/segment-0001: no space left on device', 'errno.ENOSPC', { file: '/data/segment-0001' }],
  ['accept tcp [::]:8080: accept4: too many open files', 'errno.EMFILE'],
  ["Error: EACCES: permission denied, open '/etc/app/key.pem'", 'errno.EACCES', { file: '/etc/app/key.pem' }],
  ["open /app/config.json: no such file or directory", 'errno.ENOENT', { file: '/app/config.json' }],
  ['mkdir /cache/tmp: read-only file system', 'errno.EROFS', { file: '/cache/tmp' }],
  ['fork/exec /bin/sh: cannot allocate memory', 'errno.ENOMEM'],
  ['Error: listen EADDRINUSE: address already in use :::3000', 'errno.EADDRINUSE'],
  ['connect EHOSTUNREACH 10.2.0.9:443', 'errno.EHOSTUNREACH', { host: '10.2.0.9', port: '443' }],
  // HTTP
  ['10.0.0.1 - - [01/May/2024:10:00:00 +0000] "GET /api HTTP/1.1" 503 197 "-" "curl/8.0"', 'http.503'],
  ['AxiosError: Request failed with status code 429', 'http.429'],
  ['requests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: https://pay.example.com/v1', 'http.502', { url: 'https://pay.example.com/v1' }],
  ['{"level":"error","statusCode":401,"msg":"unauthorized"}', 'http.401'],
  ['upstream returned status=504', 'http.504'],
  ['HTTP/1.1 413 Request Entity Too Large', 'http.413'],
  ['"GET /x HTTP/1.1" 499 0', 'http.499'],
  ['org.springframework.web.reactive.function.client.WebClientResponseException: 403 Forbidden from GET http://auth/check', 'http.403', { url: 'http://auth/check' }],
  // Kubernetes
  ['api-7d9f8b6c5-x2x7q   0/1     CrashLoopBackOff   7 (2m ago)   14m', 'k8s.CrashLoopBackOff'],
  ['web-0   0/1   Init:CrashLoopBackOff   3   2m', 'k8s.Init:CrashLoopBackOff'],
  ['Last State: Terminated Reason: OOMKilled Exit Code: 137', 'k8s.OOMKilled'],
  ['Warning  FailedScheduling  2m  default-scheduler  0/3 nodes are available: 3 Insufficient memory.', 'k8s.FailedScheduling.InsufficientMemory', { resource: 'memory' }],
  ['0/5 nodes are available: 5 Insufficient nvidia.com/gpu.', 'k8s.FailedScheduling.InsufficientResource', { resource: 'nvidia.com/gpu' }],
  ['0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: batch}.', 'k8s.FailedScheduling.UntoleratedTaint', { taint: 'dedicated: batch' }],
  ["0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", 'k8s.FailedScheduling.NodeAffinity'],
  ['0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.', 'k8s.FailedScheduling.UnboundPVC'],
  ['MountVolume.SetUp failed for volume "config" : configmap "app-config" not found', 'k8s.FailedMount.ConfigMapNotFound', { volume: 'config', configmap: 'app-config' }],
  ['MountVolume.SetUp failed for volume "tls" : secret "api-tls" not found', 'k8s.FailedMount.SecretNotFound', { secret: 'api-tls' }],
  ["Error: couldn't find key DB_URL in ConfigMap default/app-config", 'k8s.CreateContainerConfigError.MissingConfigMapKey', { key: 'DB_URL', namespace: 'default', configmap: 'app-config' }],
  ['Readiness probe failed: HTTP probe failed with statuscode: 404', 'k8s.Unhealthy.StatusCode', { code: '404' }],
  ['Liveness probe failed: Get "http://10.1.2.3:8080/healthz": dial tcp 10.1.2.3:8080: connect: connection refused', 'k8s.Unhealthy.Liveness', { url: 'http://10.1.2.3:8080/healthz' }],
  ['The node was low on resource: memory. Threshold quantity: 100Mi, available: 64Mi.', 'k8s.Evicted.Memory'],
  ['The node was low on resource: ephemeral-storage.', 'k8s.Evicted.EphemeralStorage'],
  ['Error creating: pods "invoice-api-nm6-" is forbidden: failed quota: compute-quota: must specify limits.cpu for: invoice-api', 'k8s.QuotaRequiresLimits', { quota: 'compute-quota', resource: 'limits.cpu', container: 'invoice-api' }],
  ['Error creating: pods "api-5c6f-" is forbidden: exceeded quota: compute-quota, requested: requests.memory=2Gi, used: requests.memory=9Gi, limited: requests.memory=10Gi', 'k8s.ExceededQuota', { quota: 'compute-quota', limit: 'requests.memory=10Gi' }],
  ['pods "x" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi', 'k8s.LimitRange', { resource: 'memory' }],
  ['Failed to pull image "ghcr.io/acme/api:v9": rpc error: code = NotFound desc = not found', 'k8s.ErrImagePull', { image: 'ghcr.io/acme/api:v9' }],
  ['Back-off pulling image "nginx:1.99"', 'k8s.ImagePullBackOff', { image: 'nginx:1.99' }],
  ['Node ip-10-0-1-12.ec2.internal status is now: NodeNotReady', 'k8s.NodeNotReady', { node: 'ip-10-0-1-12.ec2.internal' }],
  ['Job has reached the specified backoff limit', 'k8s.BackoffLimitExceeded'],
  ['deployments.apps is forbidden: User "system:serviceaccount:ci:deployer" cannot patch resource "deployments" in API group "apps"', 'k8s.Forbidden', { user: 'system:serviceaccount:ci:deployer', verb: 'patch', resource: 'deployments' }],
  ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "abc": plugin type="aws-cni" failed', 'k8s.FailedCreatePodSandBox'],
  ['Warning  Failed  12s  kubelet  Error: ImagePullBackOff', 'k8s.Failed'],
  // ECS
  ['OutOfMemoryError: Container killed due to memory usage', 'ecs.OutOfMemoryError'],
  ['Essential container in task exited', 'ecs.EssentialContainerExited'],
  ['Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/abc123)', 'ecs.ElbHealthCheckFailed', { targetGroup: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/abc123' }],
  ['CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/acme/web:v2: docker.io/acme/web:v2: not found', 'registry.ManifestUnknown', { image: 'docker.io/acme/web:v2' }],
  ['CannotPullContainerError: Error response from daemon: Get "https://123.dkr.ecr.us-east-1.amazonaws.com/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)', 'ecs.CannotPullContainerError.Network'],
  ["ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCd from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.", 'ecs.ResourceInitializationError.SecretNotFound', { secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCd' }],
  ['ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.', 'ecs.ResourceInitializationError.LogGroupNotFound'],
  ['(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5d3e) has insufficient memory available.', 'ecs.UnableToPlaceTask.InsufficientMemory'],
  ['(service web) was unable to place a task because no container instance met all of its requirements.', 'ecs.UnableToPlaceTask', { service: 'web' }],
  ['(service web) (deployment ecs-svc/123) deployment failed: tasks failed to start.', 'ecs.DeploymentFailed', { detail: 'tasks failed to start' }],
  ['(service web) is unable to consistently start tasks successfully.', 'ecs.UnableToConsistentlyStart', { service: 'web' }],
  ['(service web) was unable to launch tasks. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone.', 'ecs.CapacityUnavailable'],
  ['(service web) has reached a steady state.', 'ecs.SteadyState', { service: 'web' }],
  // ELB and AWS
  ['Target.ResponseCodeMismatch: Health checks failed with these codes: [502]', 'elb.Target.ResponseCodeMismatch'],
  ['State: unhealthy Reason: Target.Timeout', 'elb.Target.Timeout'],
  ['ThrottlingException: Rate exceeded', 'aws.ThrottlingException'],
  ['An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation', 'aws.ProvisionedThroughputExceededException'],
  ['User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key because no identity-based policy allows it', 'aws.NotAuthorizedToPerform', { user: 'arn:aws:sts::123456789012:assumed-role/app/i-0abc', verb: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' }],
  ['An error occurred (SlowDown) when calling the PutObject operation: Please reduce your request rate.', 'aws.SlowDown'],
  // Runtimes
  ['Exception in thread "main" java.lang.OutOfMemoryError: Java heap space', 'jvm.OutOfMemoryError.HeapSpace'],
  ['java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached', 'jvm.OutOfMemoryError.NativeThread'],
  ['java.net.UnknownHostException: db.prod.internal', 'jvm.UnknownHostException', { host: 'db.prod.internal' }],
  ['java.lang.NoClassDefFoundError: com/acme/Foo', 'jvm.ClassNotFoundException', { exception: 'com/acme/Foo' }],
  ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', 'node.HeapOutOfMemory'],
  ["TypeError: Cannot read properties of undefined (reading 'id')", 'node.TypeError', { key: 'id' }],
  ["Error: Cannot find module '/app/dist/server.js'", 'node.ModuleNotFound', { file: '/app/dist/server.js' }],
  ["ModuleNotFoundError: No module named 'pydantic_settings'", 'python.ModuleNotFoundError', { detail: 'pydantic_settings' }],
  ["KeyError: 'DATABASE_URL'", 'python.KeyError', { key: 'DATABASE_URL' }],
  ['sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00', 'sqlalchemy.QueuePoolLimit', { limit: '5' }],
  ['psycopg2.OperationalError: connection to server at "db.internal" (10.0.0.5), port 5432 failed: Connection refused', 'psycopg2.OperationalError', { host: 'db.internal', port: '5432' }],
  ['panic: runtime error: invalid memory address or nil pointer dereference', 'go.NilPointerDereference'],
  ['fatal error: concurrent map writes', 'go.ConcurrentMapWrites'],
  ['System.NullReferenceException: Object reference not set to an instance of an object.', 'dotnet.NullReferenceException'],
  ['ActiveRecord::ConnectionTimeoutError: could not obtain a connection from the pool within 5.000 seconds', 'activerecord.ConnectionTimeoutError'],
  ['Redis::CannotConnectError: Error connecting to Redis on redis.cache:6379 (Errno::ECONNREFUSED)', 'redis-rb.CannotConnectError', { host: 'redis.cache', port: '6379' }],
  ['Exit Code: 137', 'process.Exit137'],
  // Libraries
  ['HikariPool-1 - Connection is not available, request timed out after 30000ms.', 'hikari.ConnectionNotAvailable', { pool: 'HikariPool-1' }],
  ['FATAL:  sorry, too many clients already', 'postgres.TooManyClients'],
  ['FATAL: remaining connection slots are reserved for non-replication superuser connections', 'postgres.TooManyClients'],
  ['ERR max number of clients reached', 'redis.MaxClients'],
  ['panic: not authorized on geo-db to execute command { count: "geo", $db: "geo-db" }', 'mongo.Unauthorized', { detail: 'geo-db' }],
  ['MongoServerError: command find requires authentication', 'mongo.Unauthorized'],
  ['MongoServerError: Authentication failed.', 'mongo.AuthenticationFailed'],
  ['FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets (registry-creds); attempting to pull the image may not succeed.', 'k8s.FailedToRetrieveImagePullSecret', { secret: 'registry-creds' }],
  ["elasticsearch.AuthenticationException: AuthenticationException(401, 'security_exception', 'unable to authenticate user [indexer] for REST request [/_bulk]')", 'elasticsearch.AuthenticationFailed', { user: 'indexer' }],
  ["OOM command not allowed when used memory > 'maxmemory'.", 'redis.MaxMemory'],
  ['x509: certificate has expired or is not yet valid: current time 2024-05-01T10:00:00Z is after 2024-04-30T23:59:59Z', 'tls.CertificateExpired'],
  ['x509: certificate signed by unknown authority', 'tls.UnknownAuthority'],
  ['x509: certificate is valid for *.example.com, example.com, not api.internal', 'tls.HostnameMismatch', { host: 'api.internal' }],
  ['sun.security.validator.ValidatorException: PKIX path building failed', 'tls.UnknownAuthority'],
  ['Error: certificate has expired code: CERT_HAS_EXPIRED', 'tls.CertificateExpired'],
  ['[ERROR] plugin/errors: 2 api.example.com. A: read udp 10.244.0.5:45871->8.8.8.8:53: i/o timeout', 'dns.CoreDNSError', { host: 'api.example.com' }],
  ['lookup orders on 10.96.0.10:53: read udp 10.0.0.3:52311->10.96.0.10:53: i/o timeout', 'dns.ResolverTimeout', { host: 'orders' }],
  [';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1234', 'dns.NXDOMAIN'],
  ['[2024-05-01T10:00:00.000Z] "GET /api HTTP/1.1" 503 UH 0 19 0 - "-" "curl" "x" "api:8080" "-"', 'envoy.UH'],
  ['upstream connect error or disconnect/reset before headers. reset reason: connection failure', 'envoy.UF'],
  ['no healthy upstream', 'envoy.UH'],
  ['upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://10.0.0.5:8080/", host: "x"', 'nginx.UpstreamTimedOut', { url: 'http://10.0.0.5:8080/' }],
  ['connect() failed (111: Connection refused) while connecting to upstream', 'nginx.ConnectRefused'],
  ['no live upstreams while connecting to upstream', 'nginx.NoLiveUpstreams'],
  ['haproxy[12]: 10.0.0.1:5000 [01/May/2024:10:00:00.000] fe be/srv1 0/0/-1/-1/3001 503 212 - - SC-- 1/1/0/0/3 0/0 "GET / HTTP/1.1"', 'haproxy.SC'],
  ['org.apache.kafka.common.errors.NotLeaderOrFollowerException: For requests intended only for the leader', 'kafka.NotLeaderForPartition'],
  ['Topic orders-events not present in metadata after 60000 ms.', 'kafka.UnknownTopic', { topic: 'orders-events' }],
  ["CircuitBreaker 'payments' is OPEN and does not permit further calls", 'circuitbreaker.Open', { service: 'payments' }],
  ['toomanyrequests: You have reached your pull rate limit.', 'registry.RateLimited'],
  ['Quota exceeded for quota metric \'Read requests\' and limit \'Read requests per minute\'', 'ratelimit.QuotaExceeded'],
];

/** Lines that must not match the named entry. */
const NEGATIVES: [string, string][] = [
  ['took 503 ms to render', 'http.503'],
  ['processed 404 items', 'http.404'],
  ['build 500 finished', 'http.500'],
  ['rpc call finished code = OK', 'grpc.UNAVAILABLE'],
  ['user cancelled the order', 'grpc.CANCELLED'],
  ['Error: couldn\'t parse value', 'k8s.Error'],
  ['the job failed to start the report', 'k8s.Failed'],
  ['Disk quota exceeded', 'ratelimit.QuotaExceeded'],
  ['CPU throttling detected on container app', 'ratelimit.Throttled'],
  ['web-0   0/1   Init:CrashLoopBackOff   3   2m', 'k8s.CrashLoopBackOff'],
  ['rpc error: code = DeadlineExceeded desc = context deadline exceeded', 'k8s.DeadlineExceeded'],
  ['Exit Code: 1370', 'process.Exit137'],
  ['sh: 1: node: not found', 'k8s.NotFound'],
  ['SCAN completed for 3 keys', 'haproxy.SC'],
  ['INFO request handled in 12ms path=/api/orders status=200', 'http.500'],
  ['failed to resolve reference "docker.io/x/y:v2": docker.io/x/y:v2: not found', 'process.Exit127'],
];

describe('taxonomy data', () => {
  it('has unique ids, valid categories, names, strengths and captures, and a source for every entry', () => {
    const seen = new Set<string>();
    const categories = new Set<string>([...FAILURE_CATEGORIES, 'symptom']);
    for (const e of TAXONOMY) {
      assert.ok(!seen.has(e.id), `duplicate ${e.id}`);
      seen.add(e.id);
      assert.ok(categories.has(e.category), `${e.id} category ${e.category}`);
      assert.ok(e.names === undefined || (ENTITY_KINDS as readonly string[]).includes(e.names), `${e.id} names ${e.names}`);
      assert.ok(e.description.length > 10 && e.source.length > 5, `${e.id} description/source`);
      assert.ok(e.patterns.length > 0, `${e.id} has patterns`);
      for (const p of e.patterns) {
        assert.ok(!p.global && !p.sticky, `${e.id} ${p} must not be global`);
        const groups = [...p.source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((g) => g[1]!);
        for (const g of groups) assert.ok((CAPTURE_NAMES as readonly string[]).includes(g), `${e.id} captures unknown group ${g}`);
      }
    }
  });

  it('covers the vocabularies completely', () => {
    const grpc = vocabulary('grpc').map((e) => e.id.slice(5));
    assert.deepEqual(grpc, ['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED']);
    assert.ok(vocabulary('errno').length >= 30);
    const http = new Set(vocabulary('http').map((e) => Number(e.id.slice(5))));
    const registered = [400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511];
    for (const code of registered) assert.ok(http.has(code), `http.${code}`);
    for (const code of [499, 460, 463, 520, 524]) assert.ok(http.has(code), `http.${code}`);
    assert.ok(vocabulary('kubernetes').length >= 80);
    for (const id of ['k8s.CrashLoopBackOff', 'k8s.OOMKilled', 'k8s.Error', 'k8s.ContainerCannotRun', 'k8s.CreateContainerConfigError', 'k8s.CreateContainerError', 'k8s.InvalidImageName', 'k8s.ErrImagePull', 'k8s.ImagePullBackOff', 'k8s.ErrImageNeverPull', 'k8s.RunContainerError', 'k8s.PostStartHookError', 'k8s.FailedPreStopHook', 'k8s.Init:Error', 'k8s.Evicted', 'k8s.FailedScheduling', 'k8s.FailedCreate', 'k8s.FailedMount', 'k8s.FailedAttachVolume', 'k8s.FailedMapVolume', 'k8s.ProvisioningFailed', 'k8s.FailedBinding', 'k8s.Unhealthy', 'k8s.Killing', 'k8s.BackOff', 'k8s.FailedKillPod', 'k8s.NodeNotReady', 'k8s.NodeHasDiskPressure', 'k8s.MemoryPressure', 'k8s.PIDPressure', 'k8s.EvictionThresholdMet', 'k8s.Rebooted', 'k8s.SystemOOM', 'k8s.FailedGetResourceMetric', 'k8s.FailedComputeMetricsReplicas', 'k8s.SuccessfulRescale', 'k8s.DeadlineExceeded', 'k8s.BackoffLimitExceeded', 'k8s.FailedNeedsStart', 'k8s.MissSchedule', 'k8s.UnexpectedJob', 'k8s.FailedToUpdateEndpoint', 'k8s.FailedDaemonPod', 'k8s.NetworkNotReady', 'k8s.FailedCreatePodSandBox', 'k8s.DNSConfigForming', 'k8s.ProbeWarning', 'k8s.Preempting', 'k8s.Preempted', 'k8s.SyncLoadBalancerFailed', 'k8s.Forbidden', 'k8s.ExceededQuota']) {
      assert.ok(lookup(id), id);
    }
    for (const id of ['ecs.TaskFailedToStart', 'ecs.EssentialContainerExited', 'ecs.UserInitiated', 'ecs.ServiceSchedulerInitiated', 'ecs.SpotInterruption', 'ecs.TerminationNotice', 'ecs.CannotStartContainerError', 'ecs.CannotCreateContainerError', 'ecs.CannotInspectContainerError', 'ecs.ContainerRuntimeError']) {
      assert.ok(lookup(id), id);
    }
    for (const id of ['elb.Target.ResponseCodeMismatch', 'elb.Target.Timeout', 'elb.Target.FailedHealthChecks', 'elb.Target.NotRegistered', 'elb.Target.DeregistrationInProgress', 'elb.Elb.InitialHealthChecking', 'elb.Target.HealthCheckDisabled']) {
      assert.ok(lookup(id), id);
    }
  });

  it('maps statuses to the failure modes they indicate', () => {
    assert.equal(lookup('http.429')?.category, 'rate-limit');
    assert.equal(lookup('http.503')?.category, 'dependency');
    assert.equal(lookup('http.403')?.category, 'permissions');
    assert.equal(lookup('http.500')?.category, 'symptom');
    assert.equal(lookup('grpc.INTERNAL')?.category, 'symptom');
    assert.equal(lookup('k8s.OOMKilled')?.strength, 'strong');
    assert.equal(lookup('errno.ENOSPC')?.category, 'disk-full');
    assert.equal(lookup('errno.ETIMEDOUT')?.strength, 'weak');
    assert.ok(entriesFor('oom').some((e) => e.id === 'jvm.OutOfMemoryError.HeapSpace'));
    assert.ok(entriesFor('tls').every((e) => e.category === 'tls'));
    assert.equal(lookup('nope'), undefined);
  });
});

describe('classifyLine', () => {
  for (const [line, id, entities] of EXAMPLES) {
    it(`${id} ← ${line.slice(0, 70)}`, () => {
      const m = match(line, id);
      assert.ok(m, `expected ${id}, got ${ids(line).join(', ')}`);
      if (entities) for (const [k, v] of Object.entries(entities)) assert.equal(m.entities[k as keyof typeof m.entities], v, `${id} ${k}`);
    });
  }

  for (const [line, id] of NEGATIVES) {
    it(`not ${id} ← ${line}`, () => assert.ok(!ids(line).includes(id), `${id} matched: ${ids(line).join(', ')}`));
  }

  it('matches nothing on ordinary lines', () => {
    for (const line of ['INFO request handled in 12ms path=/api/orders', 'user 42 logged in from web', 'cache warmed: 1200 keys in 3.2s', '']) {
      assert.deepEqual(ids(line), [], line);
    }
  });

  it('puts strong failure modes before weak ones and symptoms', () => {
    const found = classifyLine('rpc error: code = Unavailable desc = dial tcp 10.0.0.5:50051: connect: connection refused');
    assert.equal(found[0]!.entry.id, 'errno.ECONNREFUSED');
    assert.ok(found.some((m) => m.entry.id === 'grpc.UNAVAILABLE'));
  });

  it('the prefilter never drops a match (same result as trying every pattern)', () => {
    for (const [line] of [...EXAMPLES, ...NEGATIVES]) {
      assert.deepEqual(ids(line).sort(), classifyLine(line, { exhaustive: true }).map((m) => m.entry.id).sort(), line);
    }
  });

  it('keeps almost every pattern behind the prefilter', () => {
    assert.ok(unfilteredPatterns().length <= 8, JSON.stringify(unfilteredPatterns()));
  });

  it('stays linear: 20k lines classify quickly', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} handled in ${i % 300}ms path=/api/orders/${i} user=u${i}`);
    const start = performance.now();
    for (const l of lines) classifyLine(l);
    assert.ok(performance.now() - start < 3000);
  });
});

describe('requiredLiterals', () => {
  it('finds literals outside optional parts and inside required groups', () => {
    assert.deepEqual(requiredLiterals(/\bconnection refused\b/i), ['connection refused']);
    assert.deepEqual(requiredLiterals(/(?:\(Throttling\)|\bThrottling: )/), ['(throttling)', 'throttling: ']);
    assert.deepEqual(requiredLiterals(/abc(?:defgh)?/), ['abc']);
    assert.equal(requiredLiterals(/a?b?c?d?/), undefined);
    assert.deepEqual(requiredLiterals(/foo|barbaz/), ['foo', 'barbaz']);
    assert.equal(requiredLiterals(/foo|b/), undefined);
  });
});
