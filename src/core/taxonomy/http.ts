/**
 * HTTP status codes 4xx and 5xx: every code registered with IANA, plus the non-standard ones
 * proxies and load balancers print (nginx 444/494-499, AWS ELB 460/463/464/561, Cloudflare
 * 520-530, 598/599). A bare number is never enough: the code must follow a status context
 * (`HTTP/1.1" 503`, `status=503`, `statusCode: 503`, `status code 503`) or precede its reason
 * phrase (`503 Service Unavailable`, `503 Server Error`).
 */
import type { FailureCategory } from '../model';
import type { EntityKind, Strength, TaxonomyEntry } from './types';
import { escapeRegExp } from '../regexp';

const RFC9110 = 'RFC 9110 §15, https://www.rfc-editor.org/rfc/rfc9110#section-15';
const IANA = 'https://www.iana.org/assignments/http-status-codes/http-status-codes.xhtml';
const NGINX = 'https://nginx.org/en/docs/http/ngx_http_special_response_module.html (nginx non-standard codes)';
const ELB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-460-issues';
const CLOUDFLARE = 'https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/';

interface Status {
  code: number;
  /** Reason phrases as servers print them, current first (older RFC spellings kept). */
  phrases: readonly string[];
  category: FailureCategory | 'symptom';
  strength?: Strength;
  names?: EntityKind;
  description: string;
  source?: string;
}

const S = (code: number, phrases: string[], category: FailureCategory | 'symptom', description: string, extra: Partial<Status> = {}): Status => ({ code, phrases, category, description, ...extra });

const STATUSES: readonly Status[] = [
  S(400, ['Bad Request'], 'symptom', 'The server rejected the request as malformed.'),
  S(401, ['Unauthorized'], 'permissions', 'No valid credentials were sent (missing, expired or rotated token).', { names: 'identity' }),
  S(402, ['Payment Required'], 'symptom', 'Reserved; some APIs use it for an exhausted plan or billing block.', { names: 'quota' }),
  S(403, ['Forbidden'], 'permissions', 'The caller is authenticated but not allowed (policy, RBAC, WAF, IP allow list).', { names: 'identity' }),
  S(404, ['Not Found'], 'symptom', 'Nothing at the path: a removed route, a wrong base URL or a missing object.'),
  S(405, ['Method Not Allowed'], 'symptom', 'The route exists but not for this method.'),
  S(406, ['Not Acceptable'], 'symptom', 'No representation matches the Accept headers.'),
  S(407, ['Proxy Authentication Required'], 'permissions', 'An egress proxy wants credentials.', { names: 'network' }),
  S(408, ['Request Timeout', 'Request Time-out'], 'symptom', 'The server gave up waiting for the client to finish sending.'),
  S(409, ['Conflict'], 'symptom', 'The request conflicts with the current state (version clash, duplicate).'),
  S(410, ['Gone'], 'symptom', 'The resource was removed for good.'),
  S(411, ['Length Required'], 'symptom', 'The server requires a Content-Length.'),
  S(412, ['Precondition Failed'], 'symptom', 'A conditional header (If-Match…) did not hold.'),
  S(413, ['Content Too Large', 'Payload Too Large', 'Request Entity Too Large'], 'config-change', 'The body exceeds a configured size limit (e.g. nginx client_max_body_size).', { names: 'config' }),
  S(414, ['URI Too Long', 'Request-URI Too Long', 'Request-URI Too Large'], 'symptom', 'The request target is longer than the server accepts.'),
  S(415, ['Unsupported Media Type'], 'symptom', 'The body format is not accepted.'),
  S(416, ['Range Not Satisfiable', 'Requested Range Not Satisfiable'], 'symptom', 'The requested byte range is outside the resource.'),
  S(417, ['Expectation Failed'], 'symptom', 'The Expect header could not be met.'),
  S(418, ["I'm a teapot", 'I’m a teapot'], 'symptom', 'Joke code, sometimes used to refuse bots.'),
  S(419, ['Page Expired'], 'symptom', 'Non-standard (Laravel): the CSRF token or session expired.', { source: IANA }),
  S(420, ['Enhance Your Calm', 'Method Failure'], 'rate-limit', 'Non-standard (Twitter, Spring): rate limited or a method failed.', { names: 'quota' }),
  S(421, ['Misdirected Request'], 'symptom', 'The connection was reused for a host it does not serve (TLS/SNI mismatch).'),
  S(422, ['Unprocessable Content', 'Unprocessable Entity'], 'symptom', 'Well-formed but semantically invalid request (validation failed).'),
  S(423, ['Locked'], 'symptom', 'The resource is locked (WebDAV).'),
  S(424, ['Failed Dependency'], 'dependency', 'The request failed because an earlier one it depended on failed (WebDAV).', { names: 'dependency' }),
  S(425, ['Too Early'], 'symptom', 'The server will not risk replaying TLS early data.'),
  S(426, ['Upgrade Required'], 'symptom', 'The client must switch protocols (e.g. to TLS or HTTP/2).'),
  S(428, ['Precondition Required'], 'symptom', 'The server requires a conditional request.'),
  S(429, ['Too Many Requests'], 'rate-limit', 'The caller is rate limited; Retry-After says when to come back.', { strength: 'strong', names: 'quota' }),
  S(431, ['Request Header Fields Too Large'], 'symptom', 'Headers (often cookies) exceed the server limit.'),
  S(440, ['Login Time-out'], 'permissions', 'Non-standard (IIS): the session expired.', { names: 'identity', source: IANA }),
  S(444, ['No Response'], 'symptom', 'nginx closed the connection without answering (a deny rule).', { source: NGINX }),
  S(449, ['Retry With'], 'symptom', 'Non-standard (IIS): retry with more information.', { source: IANA }),
  S(451, ['Unavailable For Legal Reasons'], 'symptom', 'Blocked for legal reasons.'),
  S(460, [], 'symptom', 'AWS ALB: the client closed the connection before the idle timeout (slow target).', { source: ELB }),
  S(463, [], 'symptom', 'AWS ALB: X-Forwarded-For carried more than 30 addresses.', { source: ELB }),
  S(464, [], 'config-change', 'AWS ALB: the request protocol does not match the target group protocol version.', { names: 'config', source: ELB }),
  S(494, ['Request Header Too Large'], 'symptom', 'nginx: the request headers are too large.', { source: NGINX }),
  S(495, ['SSL Certificate Error'], 'tls', 'nginx: the client certificate failed verification.', { names: 'certificate', source: NGINX }),
  S(496, ['SSL Certificate Required'], 'tls', 'nginx: a client certificate is required but none was sent.', { names: 'certificate', source: NGINX }),
  S(497, ['HTTP Request Sent to HTTPS Port'], 'config-change', 'nginx: plain HTTP reached a TLS listener (wrong scheme or port).', { names: 'config', source: NGINX }),
  S(498, ['Invalid Token'], 'permissions', 'Non-standard (ArcGIS): the token expired or is invalid.', { names: 'identity', source: IANA }),
  S(499, ['Client Closed Request'], 'symptom', 'nginx: the client hung up before the response, usually its timeout on a slow upstream.', { source: NGINX }),
  S(500, ['Internal Server Error'], 'symptom', 'The server failed while handling the request: an effect, see its own logs.'),
  S(501, ['Not Implemented'], 'symptom', 'The server does not support the method.'),
  S(502, ['Bad Gateway'], 'dependency', 'A proxy got an invalid answer or a closed connection from its upstream.', { names: 'dependency' }),
  S(503, ['Service Unavailable', 'Service Temporarily Unavailable'], 'dependency', 'The server or its upstream is overloaded, down or has no healthy backends.', { names: 'dependency' }),
  S(504, ['Gateway Timeout', 'Gateway Time-out'], 'dependency', 'A proxy timed out waiting for its upstream.', { names: 'dependency' }),
  S(505, ['HTTP Version Not Supported'], 'symptom', 'The HTTP version is not supported.'),
  S(506, ['Variant Also Negotiates'], 'symptom', 'Content negotiation is misconfigured on the server.'),
  S(507, ['Insufficient Storage'], 'disk-full', 'The server has no space to complete the request (WebDAV).', { names: 'volume' }),
  S(508, ['Loop Detected'], 'symptom', 'The server found an infinite loop (WebDAV).'),
  S(509, ['Bandwidth Limit Exceeded'], 'rate-limit', 'Non-standard (cPanel/Apache): the bandwidth quota is used up.', { names: 'quota', source: IANA }),
  S(510, ['Not Extended'], 'symptom', 'A required HTTP extension is missing.'),
  S(511, ['Network Authentication Required'], 'network', 'A captive portal or network gateway wants authentication.', { names: 'network' }),
  S(520, ['Web Server Returned an Unknown Error', 'Unknown Error'], 'dependency', 'Cloudflare: the origin answered with something empty or unexpected.', { names: 'dependency', source: CLOUDFLARE }),
  S(521, ['Web Server Is Down'], 'dependency', 'Cloudflare: the origin refused the connection.', { names: 'dependency', source: CLOUDFLARE }),
  S(522, ['Connection Timed Out'], 'dependency', 'Cloudflare: the TCP handshake with the origin timed out.', { names: 'dependency', source: CLOUDFLARE }),
  S(523, ['Origin Is Unreachable'], 'network', 'Cloudflare: no route to the origin.', { names: 'network', source: CLOUDFLARE }),
  S(524, ['A Timeout Occurred'], 'dependency', 'Cloudflare: the origin accepted the connection but answered too late.', { names: 'dependency', source: CLOUDFLARE }),
  S(525, ['SSL Handshake Failed'], 'tls', 'Cloudflare: the TLS handshake with the origin failed.', { names: 'certificate', source: CLOUDFLARE }),
  S(526, ['Invalid SSL Certificate'], 'tls', 'Cloudflare: the origin certificate is invalid or expired.', { strength: 'strong', names: 'certificate', source: CLOUDFLARE }),
  S(527, ['Railgun Error'], 'dependency', 'Cloudflare: the Railgun link to the origin failed.', { names: 'dependency', source: CLOUDFLARE }),
  S(529, ['Site is overloaded'], 'capacity', 'Non-standard: the service is overloaded.', { names: 'capacity', source: IANA }),
  S(530, [], 'symptom', 'Cloudflare: returned with a 1xxx error that names the real cause.', { source: CLOUDFLARE }),
  S(561, ['Unauthorized'], 'permissions', 'AWS ELB: the identity provider refused the authenticate action.', { names: 'identity', source: ELB }),
  S(598, ['Network read timeout error'], 'dependency', 'Non-standard (proxies): reading from the upstream timed out.', { names: 'dependency', source: IANA }),
  S(599, ['Network Connect Timeout Error', 'Network connect timeout error'], 'dependency', 'Non-standard (proxies): connecting to the upstream timed out.', { names: 'dependency', source: IANA }),
];

/** Where a status code sits in a line: after a status word, an HTTP version, or a verb of answering. */
const CONTEXT = String.raw`(?:HTTP/\d(?:\.\d)?"?\s+|(?:\b|_)status(?:[ _-]?code)?"?\s*[:=]?\s*"?|\bstatuscode:\s*|\bresponse code:?\s*|\b(?:returned|responded with|received|got)(?: an?)?(?: HTTP)?(?: status(?: code)?)?:?\s+|\bHTTP (?:status |error |code )?|\b(?:error|http)[ _-]?code[=:]\s*)`;


function patternsFor(status: Status): RegExp[] {
  const n = status.code;
  const patterns: RegExp[] = [
    // Python requests: "503 Server Error: Service Unavailable for url: https://…"
    new RegExp(`(?:\\b${n} Client Error|\\b${n} Server Error)\\b(?:[^\\n]*? for url: (?<url>\\S+))?`),
  ];
  if (status.phrases.length > 0) {
    // Spring WebClient: "503 Service Unavailable from GET http://…"
    patterns.push(new RegExp(`\\b${n} (?:${status.phrases.map(escapeRegExp).join('|')})\\b(?: from [A-Z]+ (?<url>\\S+))?`, 'i'));
  }
  patterns.push(new RegExp(`${CONTEXT}${n}(?!\\w|[.:]\\d)`, 'i'));
  return patterns;
}

export const HTTP: readonly TaxonomyEntry[] = STATUSES.map((s) => ({
  id: `http.${s.code}`,
  vocabulary: 'http',
  patterns: patternsFor(s),
  category: s.category,
  ...(s.names ? { names: s.names } : {}),
  strength: s.strength ?? 'weak',
  description: s.description,
  source: s.source ?? RFC9110,
}));
