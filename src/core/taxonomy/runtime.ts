/**
 * Language runtime errors: JVM, Node.js, Python, Go, .NET and Ruby, plus process exit codes and
 * fatal signals. Code defects (NullPointerException, TypeError…) map to `bad-deploy`, weak: they
 * point at the workload's own code, and a recent deploy is the usual suspect, but not always.
 */
import type { FailureCategory } from '../model';
import { HOST_PORT, re } from './fragments';
import type { EntityKind, Strength, TaxonomyEntry } from './types';

const JAVA_LANG = 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/package-summary.html';
const JAVA_NET = 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/net/package-summary.html';
const JAVA_OOM = 'https://docs.oracle.com/en/java/javase/21/troubleshoot/troubleshooting-memory-leaks.html#GUID-19F6D28E-75A1-4480-9879-D0932B2F305B';
const SPRING = 'https://docs.spring.io/spring-boot/reference/features/external-config.html';
const NODE = 'https://nodejs.org/api/errors.html';
const NODE_CLI = 'https://nodejs.org/api/cli.html#--max-old-space-sizesize-in-mib';
const PY = 'https://docs.python.org/3/library/exceptions.html';
const PSYCOPG = 'https://www.psycopg.org/docs/module.html#exceptions';
const SQLA = 'https://docs.sqlalchemy.org/en/20/errors.html#error-3o7r';
const REQUESTS = 'https://requests.readthedocs.io/en/latest/api/#exceptions';
const GUNICORN = 'https://docs.gunicorn.org/en/stable/settings.html#timeout';
const GO_RT = 'https://pkg.go.dev/runtime (runtime errors and fatal errors)';
const GO_CTX = 'https://pkg.go.dev/context#pkg-variables';
const GO_HTTP = 'https://pkg.go.dev/net/http#Client';
const DOTNET = 'https://learn.microsoft.com/en-us/dotnet/api/system';
const SQLCLIENT = 'https://learn.microsoft.com/en-us/sql/connect/ado-net/sql/troubleshoot-connection-pool (SqlClient errors)';
const RUBY = 'https://docs.ruby-lang.org/en/master/Exception.html';
const AR = 'https://api.rubyonrails.org/classes/ActiveRecord/ConnectionTimeoutError.html';
const REDIS_RB = 'https://github.com/redis/redis-rb (Redis::BaseConnectionError)';
const SIGNALS = 'signal(7), https://man7.org/linux/man-pages/man7/signal.7.html; https://tldp.org/LDP/abs/html/exitcodes.html';

const R = (id: string, category: FailureCategory | 'symptom', strength: Strength, names: EntityKind | undefined, description: string, patterns: RegExp[], source: string): TaxonomyEntry => ({
  id, vocabulary: 'runtime', patterns, category, ...(names ? { names } : {}), strength, description, source,
});
/** `Exit Code: 137`, `exited with code 137`, `exit status 137`, `"exitCode": 137`. */
const exit = (n: number): RegExp => new RegExp(`\\b(?:exit(?:ed)?(?: with)? (?:code|status)|Exit Code|exitCode"?|exit_code"?|Exit code)\\s*[:=]?\\s*"?${n}\\b`, 'i');

export const RUNTIME: readonly TaxonomyEntry[] = [
  // ── JVM ───────────────────────────────────────────────────────────────────────────────────
  R('jvm.OutOfMemoryError.HeapSpace', 'oom', 'strong', 'self', 'The Java heap is full: a leak, a too-small -Xmx, or a load spike.', [/\bOutOfMemoryError: Java heap space\b/], JAVA_OOM),
  R('jvm.OutOfMemoryError.GCOverhead', 'oom', 'strong', 'self', 'The JVM spends almost all its time in GC while freeing little heap.', [/\bOutOfMemoryError: GC overhead limit exceeded\b/], JAVA_OOM),
  R('jvm.OutOfMemoryError.Metaspace', 'oom', 'strong', 'self', 'Class metadata filled metaspace (class loader leak, too many classes).', [/\bOutOfMemoryError: (?:Metaspace|Compressed class space)\b/], JAVA_OOM),
  R('jvm.OutOfMemoryError.NativeThread', 'capacity', 'strong', 'self', 'The JVM could not start a thread: a thread leak or a PID/ulimit cap.', [/\bOutOfMemoryError: unable to create (?:new )?native thread\b/], JAVA_OOM),
  R('jvm.OutOfMemoryError.DirectBuffer', 'oom', 'strong', 'self', 'Off-heap direct buffer memory ran out (Netty, NIO).', [/\bOutOfMemoryError: Direct buffer memory\b/], JAVA_OOM),
  R('jvm.OutOfMemoryError', 'oom', 'strong', 'self', 'The JVM ran out of some memory pool.', [/\bjava\.lang\.OutOfMemoryError\b/, /\bOutOfMemoryError: (?<detail>Requested array size exceeds VM limit|[\w ]+)/], JAVA_OOM),
  R('jvm.StackOverflowError', 'bad-deploy', 'weak', 'self', 'Unbounded recursion exhausted the thread stack.', [/\bjava\.lang\.StackOverflowError\b/], JAVA_LANG),
  R('jvm.NullPointerException', 'bad-deploy', 'weak', 'self', 'Code dereferenced null.', [/\bjava\.lang\.NullPointerException\b/, /\bNullPointerException: Cannot invoke\b/], JAVA_LANG),
  R('jvm.ClassNotFoundException', 'bad-deploy', 'strong', 'self', 'A class is missing from the classpath: a packaging or dependency change.', [/\b(?:java\.lang\.)?(?:ClassNotFoundException|NoClassDefFoundError): (?<exception>[\w.$/]+)/], JAVA_LANG),
  R('jvm.NoSuchMethodError', 'bad-deploy', 'strong', 'self', 'Binary incompatibility: code compiled against another version of a library.', [/\b(?:java\.lang\.)?(?:NoSuchMethodError|NoSuchFieldError|AbstractMethodError|IncompatibleClassChangeError)\b/], JAVA_LANG),
  R('jvm.UnsupportedClassVersionError', 'bad-deploy', 'strong', 'self', 'The class files need a newer Java than the runtime image has.', [/\bUnsupportedClassVersionError\b/], JAVA_LANG),
  R('jvm.ClassCastException', 'bad-deploy', 'weak', 'self', 'An object was cast to a type it is not.', [/\bjava\.lang\.ClassCastException\b/], JAVA_LANG),
  R('jvm.IndexOutOfBoundsException', 'bad-deploy', 'weak', 'self', 'An index was outside an array or list.', [/\bjava\.lang\.(?:ArrayIndexOutOfBoundsException|IndexOutOfBoundsException|StringIndexOutOfBoundsException)\b/], JAVA_LANG),
  R('jvm.ConcurrentModificationException', 'bad-deploy', 'weak', 'self', 'A collection was modified while iterated (a concurrency bug).', [/\bConcurrentModificationException\b/], JAVA_LANG),
  R('jvm.IllegalStateException', 'symptom', 'weak', 'self', 'An object was used in a state that does not allow the call.', [/\bjava\.lang\.IllegalStateException\b/, /\bIllegalStateException: (?<detail>.*)/], JAVA_LANG),
  R('jvm.IllegalArgumentException', 'symptom', 'weak', 'self', 'A method got an argument it does not accept.', [/\bjava\.lang\.IllegalArgumentException\b/], JAVA_LANG),
  R('jvm.NumberFormatException', 'symptom', 'weak', 'config', 'A string was not a number (often a malformed setting).', [/\bNumberFormatException: For input string: "(?<detail>[^"]*)"/, /\bjava\.lang\.NumberFormatException\b/], JAVA_LANG),
  R('jvm.SocketTimeoutException', 'dependency', 'weak', 'dependency', 'A socket connect or read timed out.', [/\bSocketTimeoutException: (?:Read timed out|connect timed out|timeout)\b/i, /\bjava\.net\.SocketTimeoutException\b/], JAVA_NET),
  R('jvm.ConnectException', 'dependency', 'strong', 'dependency', 'The TCP connection was refused or timed out.', [re(String.raw`\bConnectException: Connection refused(?:: (?:no further information: )?(?:[\w.-]+/)?${HOST_PORT})?`), /\bjava\.net\.ConnectException\b/, /\bConnectTimeoutException\b/], JAVA_NET),
  R('jvm.UnknownHostException', 'dns', 'strong', 'dependency', 'The host name did not resolve.', [/\bUnknownHostException: (?<host>[\w.-]+)/, /\bjava\.net\.UnknownHostException\b/], JAVA_NET),
  R('jvm.NoRouteToHostException', 'network', 'strong', 'network', 'No route to the host (security group, network policy, gone host).', [/\bNoRouteToHostException\b/], JAVA_NET),
  R('jvm.SSLHandshakeException', 'tls', 'strong', 'certificate', 'The TLS handshake failed (trust store, protocol, expired certificate).', [/\bjavax\.net\.ssl\.SSLHandshakeException\b(?::\s*(?<detail>.*))?/, /\bSSLHandshakeException\b/], 'https://docs.oracle.com/en/java/javase/21/security/java-secure-socket-extension-jsse-reference-guide.html'),
  R('jvm.SSLPeerUnverifiedException', 'tls', 'strong', 'certificate', 'The peer certificate could not be verified (hostname or chain).', [/\bSSLPeerUnverifiedException\b/, /\bCertificateExpiredException\b/], 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/javax/net/ssl/SSLPeerUnverifiedException.html'),
  R('jvm.TimeoutException', 'dependency', 'weak', 'dependency', 'A future or blocking call timed out.', [/\bjava\.util\.concurrent\.TimeoutException\b/], JAVA_LANG),
  R('jvm.RejectedExecutionException', 'capacity', 'weak', 'self', 'A thread pool is saturated and its queue is full.', [/\bRejectedExecutionException\b/], JAVA_LANG),
  R('jvm.InterruptedException', 'symptom', 'weak', 'self', 'A thread was interrupted, often during shutdown.', [/\bjava\.lang\.InterruptedException\b/], JAVA_LANG),
  R('jvm.ExceptionInThread', 'crash-loop', 'weak', 'self', 'An uncaught exception ended a thread (the process if it was main).', [/\bException in thread "(?<detail>[^"]+)"/], JAVA_LANG),
  R('spring.PlaceholderUnresolved', 'config-change', 'strong', 'config', 'A property the application needs is not set.', [/\bCould not resolve placeholder '(?<key>[^']+)'/], SPRING),
  R('spring.ApplicationFailedToStart', 'crash-loop', 'weak', 'config', 'Spring Boot aborted startup; the description names the bean or setting.', [/\bAPPLICATION FAILED TO START\b/, /\b(?:BeanCreationException|UnsatisfiedDependencyException): Error creating bean with name '(?<detail>[^']+)'/], SPRING),
  R('spring.PortInUse', 'config-change', 'strong', 'config', 'The embedded web server port is already taken.', [/\bPort (?<port>\d+) was already in use\b/], SPRING),
  R('jdbc.CommunicationsLinkFailure', 'dependency', 'strong', 'dependency', 'The MySQL driver lost (or never got) its connection to the server.', [/\bCommunications link failure\b/], 'https://dev.mysql.com/doc/connector-j/en/connector-j-usagenotes-troubleshooting.html'),
  R('jdbc.PSQLConnectionRefused', 'dependency', 'strong', 'dependency', 'The PostgreSQL driver could not connect.', [re(String.raw`\bPSQLException: Connection to ${HOST_PORT} refused`)], 'https://jdbc.postgresql.org/documentation/'),
  // ── Node.js ───────────────────────────────────────────────────────────────────────────────
  R('node.HeapOutOfMemory', 'oom', 'strong', 'self', 'V8 reached its heap limit (--max-old-space-size or the container limit).', [/\bJavaScript heap out of memory\b/, /\bFATAL ERROR: (?:Reached heap limit|Ineffective mark-compacts near heap limit|CALL_AND_RETRY_LAST) Allocation failed\b/], NODE_CLI),
  R('node.ArrayBufferAllocationFailed', 'oom', 'weak', 'self', 'A Buffer/ArrayBuffer could not be allocated.', [/\bArray buffer allocation failed\b/, /\bERR_WORKER_OUT_OF_MEMORY\b/], NODE),
  R('node.UnhandledPromiseRejection', 'crash-loop', 'weak', 'self', 'A rejected promise had no handler; since Node 15 the process exits.', [/\bUnhandledPromiseRejection(?:Warning)?\b/, /\bERR_UNHANDLED_REJECTION\b/], 'https://nodejs.org/api/cli.html#--unhandled-rejectionsmode'),
  R('node.UncaughtException', 'crash-loop', 'weak', 'self', 'An exception reached the top of the event loop and ended the process.', [/\buncaughtException\b/, /\bUncaught (?:TypeError|ReferenceError|RangeError|Error)\b/], 'https://nodejs.org/api/process.html#event-uncaughtexception'),
  R('node.TypeError', 'bad-deploy', 'weak', 'self', 'Code used undefined or null as an object, or called a non-function.', [/\bTypeError: Cannot read propert(?:y|ies) (?:'[^']*' )?of (?:undefined|null)(?: \(reading '(?<key>[^']*)'\))?/, /\bTypeError: Cannot (?:destructure|set) propert(?:y|ies)\b/, /\bTypeError: [\w.$[\]]+ is not a function\b/], NODE),
  R('node.ReferenceError', 'bad-deploy', 'weak', 'self', 'Code used a name that is not defined.', [/\bReferenceError: (?<detail>[\w$]+) is not defined\b/], NODE),
  R('node.ModuleNotFound', 'bad-deploy', 'strong', 'file', 'A module is missing from the image (build, bundling or path change).', [/\bError: Cannot find module '(?<file>[^']+)'/, /\bERR_MODULE_NOT_FOUND\b/, /\bMODULE_NOT_FOUND\b/, /\bCannot find package '(?<file>[^']+)'/], NODE),
  R('node.RequireEsm', 'bad-deploy', 'strong', 'self', 'A CommonJS require() hit an ES module (a dependency upgrade).', [/\bERR_REQUIRE_ESM\b/], NODE),
  R('node.RangeError', 'bad-deploy', 'weak', 'self', 'A value was out of range; the call-stack variant means unbounded recursion.', [/\bRangeError: Maximum call stack size exceeded\b/, /\bRangeError(?: \[ERR_\w+\])?: (?<detail>.*)/], NODE),
  R('node.SyntaxErrorJSON', 'symptom', 'weak', 'self', 'JSON.parse got something that is not JSON (an HTML error page, a truncated body).', [/\bSyntaxError: Unexpected token .{1,40} in JSON\b/, /\bSyntaxError: Unexpected end of JSON input\b/, /\bSyntaxError: .* is not valid JSON\b/], NODE),
  R('node.SocketHangUp', 'dependency', 'weak', 'dependency', 'The peer closed the socket before answering.', [/\bsocket hang up\b/], NODE),
  R('node.SocketTimeout', 'dependency', 'weak', 'dependency', 'A socket or HTTP call timed out.', [/\bERR_SOCKET_CONNECTION_TIMEOUT\b/, /\bUND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT\b/, /\bESOCKETTIMEDOUT\b/], NODE),
  R('node.SocketClosed', 'dependency', 'weak', 'dependency', 'The stream or socket closed early.', [/\bERR_SOCKET_CLOSED\b/, /\bERR_STREAM_PREMATURE_CLOSE\b/, /\bUND_ERR_SOCKET\b/], NODE),
  R('node.FetchFailed', 'dependency', 'weak', 'dependency', 'fetch() failed at the network level; the cause names the errno.', [/\bTypeError: fetch failed\b/], NODE),
  R('node.HeadersSent', 'bad-deploy', 'weak', 'self', 'Handler code responded twice.', [/\bERR_HTTP_HEADERS_SENT\b/], NODE),
  R('node.InvalidArgType', 'bad-deploy', 'weak', 'self', 'A Node API got an argument of the wrong type.', [/\bERR_INVALID_ARG_TYPE\b/], NODE),
  R('node.AbortError', 'symptom', 'weak', 'self', 'An operation was aborted by its AbortSignal (often a timeout).', [/\bAbortError: (?:The operation was aborted|This operation was aborted)\b/], NODE),
  // ── Python ────────────────────────────────────────────────────────────────────────────────
  R('python.MemoryError', 'oom', 'strong', 'self', 'The interpreter could not allocate memory.', [/(?<![\w.])MemoryError\b/], PY),
  R('python.Traceback', 'symptom', 'weak', 'self', 'An exception traceback starts: the last line names the error.', [/\bTraceback \(most recent call last\):/], PY),
  R('python.KeyError', 'bad-deploy', 'weak', 'self', 'A dict lookup missed; with os.environ, a missing environment variable.', [/\bKeyError: '(?<key>[^']+)'/, /\bKeyError: "(?<key>[^"]+)"/], PY),
  R('python.ModuleNotFoundError', 'bad-deploy', 'strong', 'self', 'A module is not installed in the image.', [/\bModuleNotFoundError: No module named '(?<detail>[^']+)'/], PY),
  R('python.ImportError', 'bad-deploy', 'strong', 'self', 'An import failed (renamed symbol, version skew, missing native library).', [/\bImportError: (?:cannot import name '(?<detail>[^']+)'|(?<file>lib[\w.-]+\.so[\w.]*): cannot open shared object file)/, /\bImportError\b/], PY),
  R('python.ConnectionRefusedError', 'dependency', 'strong', 'dependency', 'The peer refused the TCP connection.', [/\bConnectionRefusedError\b/], PY),
  R('python.TimeoutError', 'dependency', 'weak', 'dependency', 'A socket or asyncio operation timed out.', [/\b(?:TimeoutError|socket\.timeout|asyncio\.exceptions\.TimeoutError)\b/], PY),
  R('python.RecursionError', 'bad-deploy', 'weak', 'self', 'Recursion went past the interpreter limit.', [/\bRecursionError: maximum recursion depth exceeded\b/], PY),
  R('python.NoneType', 'bad-deploy', 'weak', 'self', 'Code used None as an object.', [/\b'NoneType' object (?:has no attribute '(?<key>[^']+)'|is not subscriptable|is not iterable|is not callable)/], PY),
  R('python.AttributeError', 'bad-deploy', 'weak', 'self', 'An object lacks the attribute the code uses (often a library upgrade).', [/\bAttributeError: (?:module )?'(?<detail>[\w.]+)' (?:object )?has no attribute '(?<key>[^']+)'/], PY),
  R('psycopg2.OperationalError', 'dependency', 'strong', 'dependency', 'psycopg2 could not talk to PostgreSQL (connect failed, server closed the connection).', [/\bconnection to server at "(?<host>[^"]+)" \([\d.:a-f]+\), port (?<port>\d+) failed\b/, /\bcould not connect to server: (?<detail>.*)/, /\bpsycopg2?\.OperationalError\b/, /\bserver closed the connection unexpectedly\b/], PSYCOPG),
  R('sqlalchemy.QueuePoolLimit', 'capacity', 'strong', 'dependency', 'The SQLAlchemy pool is exhausted: slow queries, leaked sessions or a too-small pool.', [/\bQueuePool limit of size (?<limit>\d+) overflow \d+ reached, connection timed out\b/], SQLA),
  R('sqlalchemy.OperationalError', 'dependency', 'weak', 'dependency', 'SQLAlchemy wraps a DBAPI connection or server error.', [/\bsqlalchemy\.exc\.OperationalError\b/, /\bsqlalchemy\.exc\.(?:DisconnectionError|InterfaceError)\b/], SQLA),
  R('requests.ConnectionError', 'dependency', 'weak', 'dependency', 'requests/urllib3 could not connect after its retries.', [/\bHTTPS?ConnectionPool\(host='(?<host>[^']+)', port=(?<port>\d+)\): Max retries exceeded\b/, /\brequests\.exceptions\.ConnectionError\b/, /\burllib3\.exceptions\.NewConnectionError\b/], REQUESTS),
  R('requests.Timeout', 'dependency', 'weak', 'dependency', 'requests timed out connecting or reading.', [/\brequests\.exceptions\.(?:ReadTimeout|ConnectTimeout|Timeout)\b/, /\bRead timed out\. \(read timeout=[\d.]+\)/], REQUESTS),
  R('botocore.EndpointConnectionError', 'network', 'weak', 'network', 'boto could not reach the AWS endpoint (no route, proxy, DNS).', [/\bCould not connect to the endpoint URL: "(?<url>[^"]+)"/], 'https://botocore.amazonaws.com/v1/documentation/api/latest/client_upgrades.html#error-handling'),
  R('redis-py.ConnectionError', 'dependency', 'strong', 'dependency', 'redis-py could not connect to Redis.', [re(String.raw`\bError \d+ connecting to ${HOST_PORT}`), /\bredis\.exceptions\.ConnectionError\b/], 'https://redis-py.readthedocs.io/en/stable/exceptions.html'),
  R('gunicorn.WorkerTimeout', 'symptom', 'weak', 'self', 'A gunicorn worker was busy longer than --timeout (blocked call, CPU starvation).', [/\bWORKER TIMEOUT \(pid:(?<detail>\d+)\)/], GUNICORN),
  R('gunicorn.WorkerKilled', 'oom', 'strong', 'self', 'A gunicorn worker was SIGKILLed, most often by the OOM killer.', [/\bWorker \(pid:\d+\) was sent SIGKILL! Perhaps out of memory\?/], GUNICORN),
  R('django.ImproperlyConfigured', 'config-change', 'strong', 'config', 'Django settings are missing or wrong.', [/\bImproperlyConfigured: (?<detail>.*)/], 'https://docs.djangoproject.com/en/stable/ref/exceptions/#improperlyconfigured'),
  R('pydantic.SettingsValidation', 'config-change', 'weak', 'config', 'Settings failed validation (missing or malformed environment values).', [/\b\d+ validation errors? for (?<detail>\w*Settings\w*)\b/], 'https://docs.pydantic.dev/latest/concepts/pydantic_settings/'),
  // ── Go ────────────────────────────────────────────────────────────────────────────────────
  R('go.NilPointerDereference', 'bad-deploy', 'weak', 'self', 'Code dereferenced a nil pointer.', [/\bpanic: runtime error: invalid memory address or nil pointer dereference\b/], GO_RT),
  R('go.IndexOutOfRange', 'bad-deploy', 'weak', 'self', 'A slice or array index was out of range.', [/\bpanic: runtime error: (?:index out of range|slice bounds out of range)\b/], GO_RT),
  R('go.NilMap', 'bad-deploy', 'weak', 'self', 'Code wrote to a nil map.', [/\bpanic: assignment to entry in nil map\b/], GO_RT),
  R('go.OutOfMemory', 'oom', 'strong', 'self', 'The Go runtime could not get memory from the OS.', [/\bfatal error: runtime: out of memory\b/, /\bruntime: cannot allocate memory\b/], GO_RT),
  R('go.ConcurrentMapWrites', 'bad-deploy', 'weak', 'self', 'A data race on a map crashed the process.', [/\bfatal error: concurrent map (?:writes|read and map write|iteration and map write)\b/], GO_RT),
  R('go.Deadlock', 'bad-deploy', 'weak', 'self', 'Every goroutine is blocked.', [/\bfatal error: all goroutines are asleep - deadlock!/], GO_RT),
  R('go.StackOverflow', 'bad-deploy', 'weak', 'self', 'A goroutine stack grew past the limit (unbounded recursion).', [/\bgoroutine stack exceeds \d+-byte limit\b/, /\bfatal error: stack overflow\b/], GO_RT),
  R('go.ThreadLimit', 'capacity', 'strong', 'self', 'The program exceeds the OS thread limit: a goroutine leak stuck in syscalls or cgo.', [/\bruntime: program exceeds \d+-thread limit\b/, /\bruntime: failed to create new OS thread\b/], GO_RT),
  R('go.Panic', 'crash-loop', 'weak', 'self', 'A goroutine panicked and the process exited.', [/^panic: (?<detail>.*)/m, /\bgoroutine \d+ \[running\]:/], GO_RT),
  R('go.ContextDeadlineExceeded', 'dependency', 'weak', 'dependency', 'An operation ran past its context deadline (slow dependency or tight timeout).', [/\bcontext deadline exceeded\b/], GO_CTX),
  R('go.ContextCanceled', 'symptom', 'weak', 'self', 'The context was cancelled, usually because the caller went away.', [/\bcontext canceled\b/], GO_CTX),
  R('go.ClientTimeout', 'dependency', 'weak', 'dependency', 'net/http gave up waiting for the server.', [/\bClient\.Timeout exceeded while awaiting headers\b/, /\bnet\/http: request canceled\b/, /\bnet\/http: timeout awaiting response headers\b/], GO_HTTP),
  R('go.TLSHandshakeTimeout', 'dependency', 'weak', 'dependency', 'The TLS handshake did not complete in time (slow or blackholed peer).', [/\bnet\/http: TLS handshake timeout\b/], GO_HTTP),
  R('go.GoAway', 'dependency', 'weak', 'dependency', 'The HTTP/2 server sent GOAWAY (restart or connection limits).', [/\bhttp2: server sent GOAWAY\b/], 'https://pkg.go.dev/golang.org/x/net/http2'),
  R('go.BadConnection', 'dependency', 'weak', 'dependency', 'database/sql found a broken connection.', [/\bdriver: bad connection\b/, /\bsql: database is closed\b/], 'https://pkg.go.dev/database/sql/driver#pkg-variables'),
  // ── .NET ──────────────────────────────────────────────────────────────────────────────────
  R('dotnet.OutOfMemoryException', 'oom', 'strong', 'self', 'The CLR could not allocate memory.', [/\bSystem\.OutOfMemoryException\b/], `${DOTNET}.outofmemoryexception`),
  R('dotnet.NullReferenceException', 'bad-deploy', 'weak', 'self', 'Code dereferenced null.', [/\bSystem\.NullReferenceException\b/, /\bObject reference not set to an instance of an object\b/], `${DOTNET}.nullreferenceexception`),
  R('dotnet.TaskCanceledException', 'dependency', 'weak', 'dependency', 'A task was cancelled; with HttpClient usually its Timeout elapsed.', [/\bSystem\.Threading\.Tasks\.TaskCanceledException\b/, /\bThe request was canceled due to the configured HttpClient\.Timeout of [\d.]+ seconds elapsing\b/, /\bA task was canceled\b/], `${DOTNET}.threading.tasks.taskcanceledexception`),
  R('dotnet.SqlTimeout', 'dependency', 'weak', 'dependency', 'A SQL Server command or connection timed out.', [/\bSqlException\b.*\b(?:Execution Timeout Expired|Timeout expired)\b/, /\bExecution Timeout Expired\b/], SQLCLIENT),
  R('dotnet.SqlPoolExhausted', 'capacity', 'strong', 'dependency', 'No pooled SQL connection was free before the timeout.', [/\bThe timeout period elapsed prior to obtaining a connection from the pool\b/], SQLCLIENT),
  R('dotnet.SqlNetworkError', 'dependency', 'strong', 'dependency', 'SqlClient could not reach the server.', [/\bA network-related or instance-specific error occurred while establishing a connection to SQL Server\b/], SQLCLIENT),
  R('dotnet.HttpRequestException', 'dependency', 'weak', 'dependency', 'HttpClient failed to send (connection refused, DNS, TLS).', [re(String.raw`\bHttpRequestException: (?:[^(]*)\(${HOST_PORT}\)`), /\bSystem\.Net\.Http\.HttpRequestException\b/, /\bNo such host is known\b/], `${DOTNET}.net.http.httprequestexception`),
  R('dotnet.StackOverflow', 'bad-deploy', 'weak', 'self', 'Unbounded recursion killed the process.', [/\bSystem\.StackOverflowException\b/, /^Stack overflow\.$/m], `${DOTNET}.stackoverflowexception`),
  R('dotnet.FileLoad', 'bad-deploy', 'strong', 'self', 'An assembly is missing or the wrong version.', [/\bCould not load file or assembly '(?<detail>[^']+)'/], `${DOTNET}.io.filenotfoundexception`),
  R('dotnet.InvalidOperationException', 'symptom', 'weak', 'self', 'A call was invalid for the object state.', [/\bSystem\.InvalidOperationException\b/], `${DOTNET}.invalidoperationexception`),
  R('dotnet.TimeoutException', 'dependency', 'weak', 'dependency', 'An operation timed out.', [/\bSystem\.TimeoutException\b/], `${DOTNET}.timeoutexception`),
  R('dotnet.UnauthorizedAccessException', 'permissions', 'weak', 'file', 'The process may not access a path.', [/\bAccess to the path '(?<file>[^']+)' is denied\b/, /\bSystem\.UnauthorizedAccessException\b/], `${DOTNET}.unauthorizedaccessexception`),
  R('dotnet.UnhandledException', 'crash-loop', 'weak', 'self', 'An unhandled exception ended the process.', [/^Unhandled exception\. /m], `${DOTNET}.appdomain.unhandledexception`),
  // ── Ruby ──────────────────────────────────────────────────────────────────────────────────
  R('ruby.NoMethodError', 'bad-deploy', 'weak', 'self', 'A method was called on an object without it (often nil).', [/\bNoMethodError\b(?:: undefined method [`'](?<key>[^'`]+)'.* for (?<detail>nil|[\w:#<>]+))?/], RUBY),
  R('ruby.NameError', 'bad-deploy', 'weak', 'self', 'A constant or name is not defined (missing require, renamed class).', [/\bNameError: uninitialized constant (?<detail>[\w:]+)/], RUBY),
  R('ruby.LoadError', 'bad-deploy', 'strong', 'file', 'A required file or gem is missing.', [/\bLoadError: cannot load such file -- (?<file>\S+)/], RUBY),
  R('ruby.NoMemoryError', 'oom', 'strong', 'self', 'Ruby could not allocate memory.', [/\bNoMemoryError\b/, /\bfailed to allocate memory \(NoMemoryError\)/], RUBY),
  R('ruby.SystemStackError', 'bad-deploy', 'weak', 'self', 'Recursion overflowed the stack.', [/\bSystemStackError\b/, /\bstack level too deep\b/], RUBY),
  R('ruby.KeyErrorEnv', 'config-change', 'strong', 'config', 'ENV.fetch found no such environment variable.', [/\bKeyError: key not found: "(?<envVar>[A-Z][A-Z0-9_]*)"/], RUBY),
  R('activerecord.ConnectionTimeoutError', 'capacity', 'strong', 'dependency', 'The ActiveRecord pool had no free connection in time.', [/\bActiveRecord::ConnectionTimeoutError\b/, /\bcould not obtain a connection from the pool within [\d.]+ seconds\b/], AR),
  R('activerecord.ConnectionNotEstablished', 'dependency', 'strong', 'dependency', 'ActiveRecord could not connect to the database.', [/\bActiveRecord::ConnectionNotEstablished\b/, /\bPG::ConnectionBad\b/, /\bMysql2::Error::ConnectionError\b/], 'https://api.rubyonrails.org/classes/ActiveRecord/ConnectionNotEstablished.html'),
  R('redis-rb.CannotConnectError', 'dependency', 'strong', 'dependency', 'redis-rb could not connect to Redis.', [re(String.raw`\bError connecting to Redis on ${HOST_PORT}`), /\bRedis::CannotConnectError\b/], REDIS_RB),
  R('redis-rb.TimeoutError', 'dependency', 'weak', 'dependency', 'A Redis call timed out.', [/\bRedis::TimeoutError\b/, /\bRedisClient::(?:ReadTimeoutError|ConnectTimeoutError)\b/], REDIS_RB),
  R('ruby.NetTimeout', 'dependency', 'weak', 'dependency', 'Net::HTTP timed out opening or reading.', [/\bNet::(?:ReadTimeout|OpenTimeout|WriteTimeout)\b/], 'https://docs.ruby-lang.org/en/master/Net/ReadTimeout.html'),
  // ── Processes and signals ─────────────────────────────────────────────────────────────────
  R('process.Exit137', 'oom', 'weak', 'self', 'Exit 137 = SIGKILL: the OOM killer most often, or a kill after a failed liveness probe or grace period.', [exit(137)], SIGNALS),
  R('process.Exit139', 'crash-loop', 'strong', 'self', 'Exit 139 = SIGSEGV: a segmentation fault (native code, bad binary for the platform).', [exit(139), /\bSegmentation fault(?: \(core dumped\))?/, /\bsignal SIGSEGV: segmentation violation\b/], SIGNALS),
  R('process.Exit134', 'crash-loop', 'weak', 'self', 'Exit 134 = SIGABRT: the process aborted itself (assertion, runtime abort).', [exit(134), /\bAborted \(core dumped\)/], SIGNALS),
  R('process.Exit143', 'symptom', 'weak', 'self', 'Exit 143 = SIGTERM: asked to stop (deploy, scale-in, eviction).', [exit(143)], SIGNALS),
  R('process.Exit127', 'bad-deploy', 'strong', 'file', 'Exit 127: the command was not found in the image.', [exit(127), /\b(?:sh|bash|ash|dash|zsh)(?:: line \d+|: \d+)?: (?<file>[\w./-]+): (?:command )?not found\b/], SIGNALS),
  R('process.Exit126', 'config-change', 'weak', 'file', 'Exit 126: the command is not executable.', [exit(126)], SIGNALS),
  R('process.Exit1', 'crash-loop', 'weak', 'self', 'Exit 1: a generic application failure.', [exit(1)], SIGNALS),
  R('kernel.OOMKill', 'oom', 'strong', 'self', 'The kernel OOM killer ended a process.', [/\bKilled process \d+ \((?<detail>[^)]+)\) total-vm\b/, /\boom-kill:constraint=\w+/, /\binvoked oom-killer\b/], 'https://www.kernel.org/doc/gorman/html/understand/understand016.html'),
];
