/**
 * Errors printed by the libraries and infrastructure between services: connection pools and
 * databases, TLS, DNS resolvers, proxies (Envoy, nginx, HAProxy), Kafka and RabbitMQ, container
 * registries, file systems, rate limiters and circuit breakers.
 */
import type { FailureCategory } from '../model';
import { HOST, HOST_PORT, re } from './fragments';
import type { EntityKind, Strength, TaxonomyEntry } from './types';

const HIKARI = 'https://github.com/brettwooldridge/HikariCP/wiki/About-Pool-Sizing (HikariPool connection timeout)';
const PG = 'https://www.postgresql.org/docs/current/errcodes-appendix.html';
const PGBOUNCER = 'https://www.pgbouncer.org/config.html#max_client_conn';
const MYSQL = 'https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html';
const REDIS = 'https://redis.io/docs/latest/develop/reference/clients/ (maxclients); https://redis.io/docs/latest/develop/reference/eviction/';
const MONGO = 'https://www.mongodb.com/docs/drivers/node/current/connection-troubleshooting/';
const MONGO_CODES = 'https://www.mongodb.com/docs/manual/reference/error-codes/';
const GO_X509 = 'https://pkg.go.dev/crypto/x509#CertificateInvalidError';
const NODE_TLS = 'https://nodejs.org/api/tls.html#x509-certificate-error-codes';
const OPENSSL = 'https://docs.openssl.org/master/man1/openssl-verification-options/ (verification errors)';
const PKIX = 'https://docs.oracle.com/en/java/javase/21/security/java-pki-programmers-guide.html';
const DNS_RCODE = 'RFC 1035 §4.1.1 / RFC 2136 (DNS RCODEs), https://www.iana.org/assignments/dns-parameters/dns-parameters.xhtml#dns-parameters-6';
const COREDNS = 'https://coredns.io/plugins/errors/; https://coredns.io/plugins/loop/';
const ENVOY = 'https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#config-access-log-format-response-flags';
const NGINX = 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html; https://nginx.org/en/docs/http/ngx_http_proxy_module.html';
const HAPROXY = 'https://docs.haproxy.org/2.8/configuration.html#8.5 (session state at disconnection)';
const KAFKA = 'https://kafka.apache.org/protocol#protocol_error_codes';
const KAFKA_CONSUMER = 'https://kafka.apache.org/documentation/#consumerconfigs_max.poll.interval.ms';
const RABBIT = 'https://www.rabbitmq.com/docs/channels#error-handling; https://www.rabbitmq.com/docs/alarms';
const REGISTRY = 'https://distribution.github.io/distribution/spec/api/#errors (registry error codes); https://docs.docker.com/docker-hub/usage/';
const ES = 'https://www.elastic.co/guide/en/elasticsearch/reference/current/fix-watermark-errors.html';
const ES_SECURITY = 'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-troubleshooting.html';
const R4J = 'https://resilience4j.readme.io/docs/circuitbreaker';
const HYSTRIX = 'https://github.com/Netflix/Hystrix/wiki/How-it-Works#CircuitBreaker';
const CURL = 'https://curl.se/libcurl/c/libcurl-errors.html (curl exit codes)';
const POLLY = 'https://www.pollydocs.org/strategies/circuit-breaker.html';

const L = (id: string, category: FailureCategory | 'symptom', strength: Strength, names: EntityKind | undefined, description: string, patterns: RegExp[], source: string): TaxonomyEntry => ({
  id, vocabulary: 'library', patterns, category, ...(names ? { names } : {}), strength, description, source,
});

/** Envoy access log: `"GET / HTTP/1.1" 503 UH …` or a JSON `response_flags` field. */
const envoyFlag = (flag: string): RegExp => new RegExp(`(?:HTTP/[\\d.]+" \\d{3} (?:[A-Z]{2,5},)*${flag}(?:,[A-Z]{2,5})*(?= )|"response_flags"\\s*:\\s*"(?:[A-Z]{2,5},)*${flag}(?:,[A-Z]{2,5})*")`);
/** HAProxy termination state (`SC--`, `sH--`) followed by the connection counters `1/1/0/0/0`. */
const haproxyState = (state: string): RegExp => new RegExp(`(?<=\\s)${state}[-NIDVEOU][-NIDRPU](?= \\d+/\\d+/\\d+/\\d+/\\+?\\d+ )`);

export const LIBRARY: readonly TaxonomyEntry[] = [
  // ── Connection pools and databases ────────────────────────────────────────────────────────
  L('hikari.ConnectionNotAvailable', 'capacity', 'strong', 'dependency', 'HikariCP had no free connection before connectionTimeout (slow queries, leaks, small pool).', [/\b(?<pool>[\w-]+) - Connection is not available, request timed out after (?<detail>\d+ms)/, /\bConnection is not available, request timed out after\b/], HIKARI),
  L('postgres.TooManyClients', 'capacity', 'strong', 'dependency', 'PostgreSQL reached max_connections.', [/\bsorry, too many clients already\b/, /\bremaining connection slots are reserved for\b/, /\btoo many connections for (?:role|database) "(?<detail>[^"]+)"/], PG),
  L('postgres.AuthFailed', 'permissions', 'strong', 'secret', 'PostgreSQL rejected the password (rotated secret, wrong user).', [/\bpassword authentication failed for user "(?<user>[^"]+)"/, /\bno pg_hba\.conf entry for host\b/], PG),
  L('postgres.DatabaseMissing', 'config-change', 'strong', 'config', 'The database named in the connection string does not exist.', [/\bdatabase "(?<detail>[^"]+)" does not exist\b/], PG),
  L('postgres.RelationMissing', 'bad-deploy', 'strong', 'self', 'A table or column is missing: a migration did not run or ran out of order.', [/\brelation "(?<detail>[^"]+)" does not exist\b/, /\bcolumn "(?<detail>[^"]+)" (?:of relation "[^"]+" )?does not exist\b/], PG),
  L('postgres.StatementTimeout', 'dependency', 'weak', 'dependency', 'A statement ran past statement_timeout (locks, slow plan, load).', [/\bcanceling statement due to statement timeout\b/, /\bcanceling statement due to lock timeout\b/], PG),
  L('postgres.Deadlock', 'dependency', 'weak', 'dependency', 'Transactions deadlocked and one was aborted.', [/\bdeadlock detected\b/, /\bDeadlock found when trying to get lock\b/], PG),
  L('postgres.Unavailable', 'dependency', 'strong', 'dependency', 'The server is starting, shutting down, in recovery or was told to terminate connections.', [/\bthe database system is (?:starting up|shutting down|in recovery mode)\b/, /\bterminating connection due to administrator command\b/, /\bcannot execute \w+ in a read-only transaction\b/], PG),
  L('pgbouncer.NoMoreConnections', 'capacity', 'strong', 'dependency', 'pgbouncer reached max_client_conn.', [/\bno more connections allowed \(max_client_conn\)/, /\bno more connections allowed\b/], PGBOUNCER),
  L('pgbouncer.QueryWaitTimeout', 'capacity', 'weak', 'dependency', 'A client waited too long for a server connection in pgbouncer.', [/\bquery_wait_timeout\b/], 'https://www.pgbouncer.org/config.html#query_wait_timeout'),
  L('mysql.TooManyConnections', 'capacity', 'strong', 'dependency', 'MySQL reached max_connections (error 1040).', [/\bER_CON_COUNT_ERROR\b/, /\b(?:ERROR 1040|1040)\b.*\bToo many connections\b/, /\bToo many connections\b/], MYSQL),
  L('mysql.AccessDenied', 'permissions', 'strong', 'secret', 'MySQL rejected the user or password.', [/\bAccess denied for user '(?<user>[^']+)'@'(?<host>[^']+)'/], MYSQL),
  L('mysql.UnknownDatabase', 'config-change', 'strong', 'config', 'The database does not exist on the server.', [/\bUnknown database '(?<detail>[^']+)'/], MYSQL),
  L('mysql.LockWaitTimeout', 'dependency', 'weak', 'dependency', 'A transaction waited too long for a row lock.', [/\bLock wait timeout exceeded\b/], MYSQL),
  L('mysql.GoneAway', 'dependency', 'weak', 'dependency', 'The MySQL server closed the connection (timeout, restart, packet too large).', [/\bMySQL server has gone away\b/, /\bLost connection to MySQL server\b/], MYSQL),
  L('redis.MaxClients', 'capacity', 'strong', 'dependency', 'Redis reached maxclients.', [/\bmax number of clients reached\b/], REDIS),
  L('redis.MaxMemory', 'capacity', 'strong', 'dependency', 'Redis is at maxmemory and its policy refuses writes.', [/\bOOM command not allowed when used memory > 'maxmemory'/], REDIS),
  L('redis.ClientConnection', 'dependency', 'strong', 'dependency', 'The Redis client has no connection to the server (down, unreachable, or refusing this client).', [/\bRedisConnectionException\b/, /\bNo connection is (?:active\/)?available to service this operation\b/, /\bredis\.exceptions\.ConnectionError\b/, /\bJedisConnectionException\b/, /\bRedisConnectionFailureException\b/, /\bUnable to connect to Redis\b/i, /\[ioredis\] Unhandled error event\b/], 'https://stackexchange.github.io/StackExchange.Redis/Timeouts; https://redis.readthedocs.io/en/stable/exceptions.html'),
  L('redis.AuthFailed', 'dependency', 'strong', 'dependency', 'Redis refused the client\'s credentials (AUTH): a changed or missing password.', [/\bNOAUTH Authentication required\b/, /\bWRONGPASS invalid username-password pair\b/, /\bERR invalid password\b/, /\bAuthenticationFailure on\b/], 'https://redis.io/docs/latest/commands/auth/'),
  L('redis.Loading', 'dependency', 'weak', 'dependency', 'Redis is still loading its dataset after a restart.', [/\bLOADING Redis is loading the dataset in memory\b/], REDIS),
  L('redis.ReadOnlyReplica', 'dependency', 'strong', 'dependency', 'Writes hit a replica: a failover moved the primary.', [/\bREADONLY You can't write against a read only replica\b/], REDIS),
  L('redis.ClusterDown', 'dependency', 'strong', 'dependency', 'The Redis cluster is down or its slots are not covered.', [/\bCLUSTERDOWN\b/], 'https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/'),
  L('mongo.ServerSelection', 'dependency', 'strong', 'dependency', 'The MongoDB driver found no suitable server in time.', [/\bMongoServerSelectionError\b/, /\bServer selection timed out after \d+ ms\b/, /\bMongoTimeoutError\b/], MONGO),
  L('mongo.Unauthorized', 'permissions', 'strong', 'identity', 'The MongoDB user lacks a role for the command on that database (error 13, Unauthorized): a revoked or missing grant.', [/\bnot authorized on (?<detail>[\w.-]+) to execute command\b/, /\bcommand \w+ requires authentication\b/, /\(Unauthorized\)/], MONGO_CODES),
  L('mongo.AuthenticationFailed', 'permissions', 'strong', 'secret', 'MongoDB rejected the credentials (error 18, AuthenticationFailed): a wrong or rotated password, or the wrong auth database.', [/\bMongo\w*Error: Authentication failed\b/, /\bAuthentication failed\b.*\bcode\W+18\b/, /\(AuthenticationFailed\)/], MONGO_CODES),
  L('mongo.WaitQueueTimeout', 'capacity', 'strong', 'dependency', 'No pooled MongoDB connection was free in time.', [/\bMongoWaitQueueTimeoutError\b/, /\bTimed out while checking out a connection from connection pool\b/], MONGO),
  // ── TLS ───────────────────────────────────────────────────────────────────────────────────
  L('tls.CertificateExpired', 'tls', 'strong', 'certificate', 'A certificate in the chain is expired or not yet valid (or the clock is wrong).', [/\bx509: certificate has expired or is not yet valid\b/, /\bCERT_HAS_EXPIRED\b/, /\bcertificate verify failed: certificate has expired\b/, /\bcertificate (?:has )?expired\b/i, /\bCERT_NOT_YET_VALID\b/], `${GO_X509}; ${NODE_TLS}; ${OPENSSL}`),
  L('tls.UnknownAuthority', 'tls', 'strong', 'certificate', 'The chain does not lead to a trusted CA (private CA, missing intermediate, self-signed).', [/\bx509: certificate signed by unknown authority\b/, /\b(?:UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)\b/, /\bunable to get local issuer certificate\b/, /\bself[- ]signed certificate(?: in certificate chain)?\b/, /\bPKIX path building failed\b/, /\bunable to find valid certification path to requested target\b/], `${GO_X509}; ${NODE_TLS}; ${PKIX}`),
  L('tls.HostnameMismatch', 'tls', 'strong', 'certificate', 'The certificate does not cover the host name that was dialled.', [/\bx509: certificate is valid for (?<detail>.+?), not (?<host>[\w.*-]+)/, /\bERR_TLS_CERT_ALTNAME_INVALID\b/, /\bHostname\/IP does not match certificate's altnames: (?:Host|IP): (?<host>[\w.:-]+)/, /\bNo subject alternative (?:DNS )?names? matching (?:IP address |DNS name )?(?<host>[\w.:-]+) found\b/, /\bhostname mismatch\b/i, /\bx509: certificate relies on legacy Common Name field\b/], `${GO_X509}; ${NODE_TLS}`),
  L('tls.CertificateRevoked', 'tls', 'strong', 'certificate', 'The certificate was revoked.', [/\bcertificate revoked\b/i, /\bCERT_REVOKED\b/], OPENSSL),
  L('tls.FailedToVerify', 'tls', 'strong', 'certificate', 'Go 1.20+: verification of the peer certificate failed (the wrapped x509 error says why).', [/\btls: failed to verify certificate\b/], 'https://pkg.go.dev/crypto/tls#CertificateVerificationError'),
  L('tls.HandshakeFailure', 'tls', 'weak', 'certificate', 'The TLS handshake failed: protocol/cipher mismatch, client certificate refused, or plain text on a TLS port.', [/\btls: handshake failure\b/, /\bremote error: tls: (?<detail>[\w ]+)/, /\bSSL routines:[^\n]*?(?<detail>handshake failure|wrong version number|unsupported protocol|certificate verify failed|tlsv1 alert [\w ]+)/i, /\bWRONG_VERSION_NUMBER\b/, /\btls: first record does not look like a TLS handshake\b/, /\bhandshake_failure\b/, /\bSSL_do_handshake\(\) failed\b/, /\[SSL: [A-Z_]+\]/], `${OPENSSL}; https://pkg.go.dev/crypto/tls`),
  // ── DNS ───────────────────────────────────────────────────────────────────────────────────
  L('dns.NXDOMAIN', 'dns', 'strong', 'dependency', 'The name does not exist in DNS.', [/\bNXDOMAIN\b/], DNS_RCODE),
  L('dns.SERVFAIL', 'dns', 'strong', 'dependency', 'The resolver failed to answer (upstream DNS down, DNSSEC failure).', [/\bSERVFAIL\b/], DNS_RCODE),
  L('dns.REFUSED', 'dns', 'weak', 'dependency', 'The DNS server refused the query.', [/\bstatus: REFUSED\b/, /\brcode:? REFUSED\b/i], DNS_RCODE),
  L('dns.ResolverTimeout', 'dns', 'strong', 'dependency', 'The resolver did not answer: CoreDNS overloaded, conntrack races, or UDP 53 blocked.', [re(String.raw`\blookup ${HOST} on [\d.:\[\]a-f]+: read udp [^\s]+->[^\s]+:53: i/o timeout`), /\bread udp \S+->\S+:53: i\/o timeout\b/, /\bdial udp \S+:53: \S+/], 'https://pkg.go.dev/net#DNSError; https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/'),
  L('dns.CoreDNSError', 'dns', 'strong', 'dependency', 'CoreDNS failed to resolve a name upstream.', [/\[ERROR\] plugin\/errors: \d+ (?<host>[\w.-]+?)\.? (?:A|AAAA|SRV|PTR|CNAME|MX|TXT|NS|SOA): (?<detail>.*)/, /\bplugin\/errors\b/], COREDNS),
  L('dns.CoreDNSLoop', 'dns', 'strong', 'config', 'CoreDNS forwards to itself (node resolv.conf points at a loopback resolver).', [/\bplugin\/loop: Loop \(.*\) detected for zone\b/], COREDNS),
  L('dns.GrpcResolution', 'dns', 'strong', 'dependency', 'gRPC could not resolve its target.', [/\bDNS resolution failed for (?:service: )?(?<host>[\w.:-]+)/, /\bName resolution failed for target (?:dns:(?:\/\/\/)?)?(?<host>[\w.-]+)/], 'https://grpc.io/docs/guides/custom-name-resolution/'),
  // ── curl and wget (scripts, jobs, health probes): curl's exit code is in the message ───────
  L('curl.CouldntResolveHost', 'dns', 'strong', 'dependency', 'curl exit 6: the host name does not resolve.', [/\bcurl: \(6\) Could(?: not|n't) resolve host:? '?(?<host>[\w.-]+)/], CURL),
  L('wget.BadAddress', 'dns', 'strong', 'dependency', 'wget could not resolve the host name.', [/\bwget: bad address '(?<host>[\w.-]+)'/, /\bunable to resolve host address [\u2018'"](?<host>[\w.-]+)/], 'https://www.gnu.org/software/wget/manual/wget.html#Exit-Status'),
  L('curl.CouldntConnect', 'dependency', 'strong', 'dependency', 'curl exit 7: nothing accepted the connection.', [/\bcurl: \(7\) Failed to connect to (?<host>[\w.-]+) port (?<port>\d+)/], CURL),
  L('curl.OperationTimedOut', 'dependency', 'weak', 'dependency', 'curl exit 28: the transfer or connect timed out.', [/\bcurl: \(28\) (?:Operation|Connection|Resolving) timed out\b/], CURL),
  L('curl.CertificateProblem', 'tls', 'strong', 'certificate', 'curl exit 60: the peer certificate failed verification.', [/\bcurl: \(60\) SSL certificate problem: (?<detail>.+)/], CURL),
  L('curl.HttpError', 'symptom', 'weak', 'dependency', 'curl exit 22 (--fail): the server answered with an HTTP error.', [/\bcurl: \(22\) The requested URL returned error: (?<code>\d{3})/], CURL),
  L('curl.EmptyReply', 'dependency', 'weak', 'dependency', 'curl exit 52: the server closed the connection without a reply.', [/\bcurl: \(52\) Empty reply from server\b/], CURL),
  // ── Envoy response flags and bodies ───────────────────────────────────────────────────────
  L('envoy.UH', 'dependency', 'strong', 'dependency', 'No healthy upstream host in the cluster.', [envoyFlag('UH'), /\bno healthy upstream\b/], ENVOY),
  L('envoy.UF', 'dependency', 'strong', 'dependency', 'Envoy could not connect to the upstream.', [envoyFlag('UF'), /\bupstream connect error or disconnect\/reset before headers\. (?:retried and the latest )?reset reason: (?:connection failure|remote connection failure)(?:, transport failure reason: (?<detail>.*))?/], ENVOY),
  L('envoy.UO', 'capacity', 'strong', 'dependency', 'Envoy circuit breaking: upstream overflow (max connections/requests/pending).', [envoyFlag('UO'), /\breset reason: overflow\b/], ENVOY),
  L('envoy.URX', 'dependency', 'weak', 'dependency', 'The upstream retry limit was exceeded.', [envoyFlag('URX')], ENVOY),
  L('envoy.NR', 'config-change', 'strong', 'config', 'No route matched the request (or no cluster for it).', [envoyFlag('NR'), envoyFlag('NC')], ENVOY),
  L('envoy.UT', 'dependency', 'weak', 'dependency', 'The upstream request timed out.', [envoyFlag('UT'), /\bupstream request timeout\b/], ENVOY),
  L('envoy.UC', 'dependency', 'weak', 'dependency', 'The upstream terminated the connection.', [envoyFlag('UC'), /\breset reason: connection termination\b/], ENVOY),
  L('envoy.UR', 'dependency', 'weak', 'dependency', 'The upstream reset the stream.', [envoyFlag('UR'), /\breset reason: remote reset\b/], ENVOY),
  L('envoy.LR', 'symptom', 'weak', 'self', 'Envoy reset the connection locally.', [envoyFlag('LR'), /\breset reason: local reset\b/], ENVOY),
  L('envoy.DC', 'symptom', 'weak', 'self', 'The downstream client closed the connection.', [envoyFlag('DC')], ENVOY),
  L('envoy.LH', 'health-check', 'strong', 'self', 'The local service failed its Envoy health check.', [envoyFlag('LH')], ENVOY),
  L('envoy.RL', 'rate-limit', 'strong', 'quota', 'Envoy rate limited the request.', [envoyFlag('RL')], ENVOY),
  L('envoy.UAEX', 'permissions', 'strong', 'identity', 'The external authorization service denied the request.', [envoyFlag('UAEX')], ENVOY),
  L('envoy.DF', 'dns', 'strong', 'dependency', 'DNS resolution of the upstream failed.', [envoyFlag('DF')], ENVOY),
  L('envoy.UPE', 'dependency', 'weak', 'dependency', 'The upstream spoke an invalid protocol (HTTP/2 errors, malformed response).', [envoyFlag('UPE')], ENVOY),
  L('envoy.SI', 'dependency', 'weak', 'dependency', 'The stream idle timeout fired.', [envoyFlag('SI')], ENVOY),
  L('envoy.OM', 'capacity', 'strong', 'self', 'Envoy overload manager shed the request.', [envoyFlag('OM')], ENVOY),
  // ── nginx ─────────────────────────────────────────────────────────────────────────────────
  L('nginx.UpstreamTimedOut', 'dependency', 'weak', 'dependency', 'The upstream accepted the connection but answered too slowly.', [/\bupstream timed out \(110: Connection timed out\) while (?:reading response header from|connecting to|reading upstream|sending request to) upstream(?:.*?, upstream: "(?<url>[^"]+)")?/], NGINX),
  L('nginx.ConnectRefused', 'dependency', 'strong', 'dependency', 'Nothing listens on the upstream address.', [/\bconnect\(\) failed \(111: Connection refused\) while connecting to upstream(?:.*?, upstream: "(?<url>[^"]+)")?/], NGINX),
  L('nginx.NoLiveUpstreams', 'dependency', 'strong', 'dependency', 'Every upstream server is marked failed.', [/\bno live upstreams while connecting to upstream\b/], NGINX),
  L('nginx.UpstreamPrematurelyClosed', 'dependency', 'weak', 'dependency', 'The upstream closed the connection mid-response (crash, keep-alive mismatch).', [/\bupstream prematurely closed connection while reading\b/, /\brecv\(\) failed \(104: Connection reset by peer\) while reading response header from upstream\b/], NGINX),
  L('nginx.HostNotFound', 'dns', 'strong', 'dependency', 'nginx could not resolve the upstream name.', [/\b(?<host>[\w.-]+) could not be resolved \((?:3: Host not found|2: Server failure|110: Operation timed out)\)/], NGINX),
  L('nginx.BigHeader', 'config-change', 'strong', 'config', 'The upstream response headers exceed proxy_buffer_size.', [/\bupstream sent too big header while reading response header from upstream\b/], NGINX),
  L('nginx.BodyTooLarge', 'config-change', 'weak', 'config', 'The client body exceeds client_max_body_size (413).', [/\bclient intended to send too large body\b/], 'https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size'),
  L('nginx.LimitingRequests', 'rate-limit', 'strong', 'quota', 'limit_req rejected or delayed requests.', [/\blimiting requests, excess: [\d.]+ by zone "(?<detail>[^"]+)"/, /\blimiting connections by zone "(?<detail>[^"]+)"/], 'https://nginx.org/en/docs/http/ngx_http_limit_req_module.html'),
  L('nginx.WorkerConnections', 'capacity', 'strong', 'self', 'nginx ran out of worker connections.', [/\bworker_connections are not enough\b/], 'https://nginx.org/en/docs/ngx_core_module.html#worker_connections'),
  L('nginx.UpstreamSslVerify', 'tls', 'strong', 'certificate', 'The upstream TLS certificate failed verification.', [/\bupstream SSL certificate verify error\b/], 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_verify'),
  // ── HAProxy ───────────────────────────────────────────────────────────────────────────────
  L('haproxy.NOSRV', 'dependency', 'strong', 'dependency', 'No server was available in the backend.', [/<NOSRV>/, /\bbackend (?<service>[\w.-]+) has no server available!/], HAPROXY),
  L('haproxy.ServerDown', 'dependency', 'strong', 'dependency', 'A server failed its health check and was marked DOWN.', [/\bServer (?<service>[\w.-]+\/[\w.-]+) is DOWN, reason: (?<detail>[^,]+)/], HAPROXY),
  L('haproxy.Layer7WrongStatus', 'health-check', 'strong', 'self', 'The HTTP health check got an unexpected status.', [/\bLayer7 wrong status\b/], HAPROXY),
  L('haproxy.SC', 'dependency', 'strong', 'dependency', 'Termination state SC: the server refused the connection.', [haproxyState('SC')], HAPROXY),
  L('haproxy.sC', 'dependency', 'weak', 'dependency', 'Termination state sC: connecting to the server timed out.', [haproxyState('sC')], HAPROXY),
  L('haproxy.sH', 'dependency', 'weak', 'dependency', 'Termination state sH: the server did not send headers within timeout server.', [haproxyState('sH')], HAPROXY),
  L('haproxy.SH', 'dependency', 'weak', 'dependency', 'Termination state SH: the server aborted before sending complete headers.', [haproxyState('SH')], HAPROXY),
  L('haproxy.sQ', 'capacity', 'strong', 'dependency', 'Termination state sQ: the request waited in the queue too long (maxconn reached).', [haproxyState('sQ')], HAPROXY),
  L('haproxy.cD', 'symptom', 'weak', 'self', 'Termination state cD: the client timed out during data transfer.', [haproxyState('cD')], HAPROXY),
  // ── Kafka and RabbitMQ ────────────────────────────────────────────────────────────────────
  L('kafka.NotLeaderForPartition', 'dependency', 'weak', 'dependency', 'The broker is not the partition leader (a leader election or broker restart).', [/\bNotLeaderForPartitionException\b/, /\bNOT_LEADER_(?:FOR_PARTITION|OR_FOLLOWER)\b/, /\bNotLeaderOrFollowerException\b/], KAFKA),
  L('kafka.LeaderNotAvailable', 'dependency', 'weak', 'dependency', 'The partition has no leader right now.', [/\bLEADER_NOT_AVAILABLE\b/, /\bLeaderNotAvailableException\b/], KAFKA),
  L('kafka.UnknownTopic', 'config-change', 'strong', 'config', 'The topic does not exist (or auto-creation is off).', [/\bTopic (?<topic>[\w.-]+) not present in metadata after \d+ ms\b/, /\bUNKNOWN_TOPIC_OR_PARTITION\b/, /\bUnknownTopicOrPartitionException\b/], KAFKA),
  L('kafka.BrokerUnavailable', 'dependency', 'strong', 'dependency', 'The client cannot connect to a broker.', [re(String.raw`\bConnection to node -?\d+ \((?:[\w.-]*\/)?${HOST_PORT}\) could not be established`), /\bBroker may not be available\b/, /\bKafkaJSConnectionError\b/], KAFKA),
  L('kafka.RecordExpired', 'dependency', 'weak', 'dependency', 'Producer records expired before the broker acknowledged them.', [/\bExpiring \d+ record\(s\) for (?<topic>[\w.-]+?)-(?<partition>\d+)\b/], KAFKA),
  L('kafka.RecordTooLarge', 'config-change', 'strong', 'config', 'A message exceeds max.request.size or message.max.bytes.', [/\bRecordTooLargeException\b/, /\bMESSAGE_TOO_LARGE\b/], KAFKA),
  L('kafka.Authorization', 'permissions', 'strong', 'identity', 'The client lacks an ACL for the topic or group, or SASL failed.', [/\b(?:Topic|Group|ClusterAuthorization)AuthorizationException\b/, /\bNot authorized to access (?:topics|group): \[?(?<topic>[\w.,\s-]+)\]?/, /\bSaslAuthenticationException\b/], KAFKA),
  L('kafka.CommitFailed', 'capacity', 'weak', 'self', 'The consumer took longer than max.poll.interval.ms and lost its partitions.', [/\bCommitFailedException\b/, /\bOffset commit cannot be completed since the consumer is not part of an active group\b/, /\bmax\.poll\.interval\.ms\b/], KAFKA_CONSUMER),
  L('kafka.Rebalancing', 'symptom', 'weak', 'self', 'The consumer group is rebalancing.', [/\bgroup is rebalancing\b/, /\bREBALANCE_IN_PROGRESS\b/, /\bRebalanceInProgressException\b/], KAFKA),
  L('kafka.ConsumerLag', 'capacity', 'weak', 'self', 'Consumers fall behind producers.', [/\bconsumer[ _-]?lag\b/i, /\brecords-lag(?:-max)?\b/], 'https://kafka.apache.org/documentation/#consumer_fetch_monitoring'),
  L('kafka.OffsetOutOfRange', 'symptom', 'weak', 'self', 'The committed offset no longer exists (retention deleted it).', [/\bOFFSET_OUT_OF_RANGE\b/, /\bOffsetOutOfRangeException\b/], KAFKA),
  L('rabbitmq.QueueNotFound', 'config-change', 'strong', 'config', 'The queue does not exist in the vhost.', [/\bNOT_FOUND - no queue '(?<queue>[^']+)'/, /\bNOT_FOUND - no exchange '(?<queue>[^']+)'/], RABBIT),
  L('rabbitmq.AccessRefused', 'permissions', 'strong', 'secret', 'RabbitMQ refused the login or the vhost access.', [/\bACCESS_REFUSED - (?<detail>.*)/], RABBIT),
  L('rabbitmq.ResourceAlarm', 'capacity', 'strong', 'dependency', 'A memory or disk alarm blocks publishers.', [/\bconnection\.blocked\b/, /\bresource alarm\b/i], RABBIT),
  L('rabbitmq.PreconditionFailed', 'config-change', 'strong', 'config', 'A queue was declared with arguments that differ from the existing one.', [/\bPRECONDITION_FAILED - inequivalent arg\b/], RABBIT),
  // ── Container registries ──────────────────────────────────────────────────────────────────
  L('registry.ManifestUnknown', 'image-pull', 'strong', 'image', 'The tag or digest is not in the repository (typo, not pushed yet, deleted).', [/\bmanifest for (?<image>\S+) not found\b/, /\bfailed to resolve ref(?:erence)? "?(?<image>[^"\s]+?)"?: (?:[^\s:]+(?::[\w.-]+)?: )?not found\b/, /\bmanifest unknown\b/, /\brepository (?<image>\S+) not found\b/], REGISTRY),
  L('registry.PullAccessDenied', 'image-pull', 'strong', 'secret', 'The registry refused the pull: no or wrong credentials, or the repository does not exist.', [/\bpull access denied for (?<image>[^\s,]+)/, /\bdenied: requested access to the resource is denied\b/, /\bunauthorized: authentication required\b/, /\bno basic auth credentials\b/, /\b(?:401 Unauthorized|403 Forbidden)\b.*\b(?:manifests|blobs)\//], REGISTRY),
  L('registry.RateLimited', 'rate-limit', 'strong', 'image', 'The registry rate limited pulls (Docker Hub anonymous limits).', [/\btoomanyrequests\b/i, /\bYou have reached your (?:unauthenticated )?pull rate limit\b/], REGISTRY),
  L('registry.PlatformMismatch', 'image-pull', 'strong', 'image', 'The image has no variant for the node platform (arm64 vs amd64).', [/\bno matching manifest for (?<detail>[\w/]+) in the manifest list entries\b/, /\bdoes not contain descriptor matching platform\b/i, /\bexec format error\b/], REGISTRY),
  // ── File systems and storage ──────────────────────────────────────────────────────────────
  L('fs.DiskFull', 'disk-full', 'strong', 'volume', 'A disk or table is full.', [/\bThe (?:disk|table '?(?<detail>[^']*)'?) is full\b/, /\bdisk full\b/i, /\bFilesystem is full\b/i, /\bcould not extend file\b/], MYSQL),
  L('fs.ThinPoolFull', 'disk-full', 'strong', 'node', 'The Docker devicemapper thin pool on the host is nearly full.', [/\bThin Pool has \d+ free data blocks which is less than minimum required\b/], 'https://docs.docker.com/engine/storage/drivers/device-mapper-driver/'),
  L('elasticsearch.AuthenticationFailed', 'permissions', 'strong', 'secret', 'Elasticsearch (security) rejected the user\'s credentials: a wrong, literal or rotated password or API key.', [/\bunable to authenticate user \[(?<user>[^\]]+)\] for REST request\b/, /\bAuthenticationException\(401\b/], ES_SECURITY),
  L('elasticsearch.FloodStage', 'disk-full', 'strong', 'dependency', 'Elasticsearch hit the flood-stage disk watermark and made indices read-only.', [/\bflood stage disk watermark \[[\d.%]+\] exceeded\b/, /\bFORBIDDEN\/12\/index read-only \/ allow delete\b/, /\bhigh disk watermark \[[\d.%]+\] exceeded\b/], ES),
  // ── Rate limits and throttling ────────────────────────────────────────────────────────────
  L('ratelimit.Exceeded', 'rate-limit', 'strong', 'quota', 'A rate limit was exceeded.', [/\b(?:API )?rate[ -]?limit(?:ed| exceeded| reached)\b/i, /\brate exceeded\b/i, /\bToo Many Requests\b/], 'RFC 6585 §4, https://www.rfc-editor.org/rfc/rfc6585#section-4'),
  L('ratelimit.QuotaExceeded', 'rate-limit', 'strong', 'quota', 'A usage quota (API, project, account) is used up.', [/(?<![Dd]isk )\bquota exceeded\b/i, /\bQuota exceeded for quota metric '(?<quota>[^']+)'/, /\bexceeded your current quota\b/i], 'https://cloud.google.com/docs/quotas/troubleshoot'),
  L('ratelimit.Throttled', 'rate-limit', 'weak', 'quota', 'The caller was throttled.', [/(?<!cpu |CPU )\b(?:throttled|throttling)\b(?! ?(?:cpu|CPU))/i], 'https://docs.aws.amazon.com/general/latest/gr/api-retries.html'),
  L('ratelimit.RemainingZero', 'rate-limit', 'weak', 'quota', 'A rate-limit header reports no requests left.', [/\bX-RateLimit-Remaining:?\s*"?0\b/i], 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/'),
  L('cpu.Throttling', 'cpu-saturation', 'strong', 'self', 'The container hits its CPU quota (CFS throttling).', [/\bCPUThrottlingHigh\b/, /\bnr_throttled\b/, /\bcpu throttl(?:ing|ed)\b/i], 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run'),
  // ── Circuit breakers and bulkheads ────────────────────────────────────────────────────────
  L('circuitbreaker.Open', 'dependency', 'strong', 'dependency', 'A circuit breaker opened after repeated failures of the dependency behind it.', [/\bCircuitBreaker '(?<service>[^']+)' is (?:OPEN|FORCED_OPEN) and does not permit further calls\b/, /\bCallNotPermittedException\b/, /\bHystrix circuit short-circuited and is OPEN\b/, /\bshort-circuited and (?:no )?fallback\b/, /\bBrokenCircuitException\b/, /\bThe circuit is now open\b/, /\b(?:circuit[ -]?breaker|breaker|circuit)\b[^\n]{0,40}?\bis (?:now )?open\b/i], `${R4J}; ${HYSTRIX}; ${POLLY}`),
  L('bulkhead.Full', 'capacity', 'strong', 'self', 'A bulkhead is full and rejects further calls.', [/\bBulkhead '(?<service>[^']+)' is full and does not permit further calls\b/, /\bBulkheadFullException\b/, /\bBulkheadRejectedException\b/], 'https://resilience4j.readme.io/docs/bulkhead'),
  L('ratelimiter.RequestNotPermitted', 'rate-limit', 'strong', 'quota', 'A client-side rate limiter refused the call.', [/\bRateLimiter '(?<service>[^']+)' does not permit further calls\b/, /\bRequestNotPermitted\b/], 'https://resilience4j.readme.io/docs/ratelimiter'),
];

