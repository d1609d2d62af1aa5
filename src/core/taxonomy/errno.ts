/**
 * POSIX errno names and the texts runtimes print for them: Node (`connect ECONNREFUSED
 * 10.0.0.5:5432`), Go (`dial tcp 10.0.0.5:5432: connect: connection refused`), Python
 * (`[Errno 111] Connection refused`), Java (`java.net.ConnectException: Connection refused`).
 * The strerror texts are glibc's; getaddrinfo failures (EAI_*) and Go's resolver texts are here
 * too because they are what a failed name lookup prints in place of an errno.
 */
import { HOST, HOST_PORT, re } from './fragments';
import type { TaxonomyEntry } from './types';

const ERRNO = 'errno(3), https://man7.org/linux/man-pages/man3/errno.3.html';
const NODE = 'https://nodejs.org/api/errors.html#common-system-errors';
const GAI = 'getaddrinfo(3), https://man7.org/linux/man-pages/man3/getaddrinfo.3.html; https://pkg.go.dev/net#DNSError';
const PATH = String.raw`["']?(?<file>/[^\s'":,]*)["']?`;
/** Node appends the syscall and path: `ENOENT: no such file or directory, open '/app/x.json'`. */
const NODE_PATH = String.raw`, (?:open|mkdir|scandir|stat|lstat|access|unlink|rename|write|read|copyfile|rmdir|watch|symlink|chmod|uv_cwd) '(?<file>[^']+)'`;

export const ERRNO_ENTRIES: readonly TaxonomyEntry[] = [
  { id: 'errno.ECONNREFUSED', vocabulary: 'errno', category: 'dependency', names: 'dependency', strength: 'strong', description: 'Nothing listens on the target address: the peer is down, restarting or on another port.', source: `${ERRNO}; ${NODE}`,
    patterns: [re(String.raw`\bconnect ECONNREFUSED ${HOST_PORT}`), re(String.raw`\bdial (?:tcp|udp|unix)[46]? ${HOST_PORT}: connect: connection refused`), /\bECONNREFUSED\b/, /\bconnection refused\b/i, /\[Errno 111\]/] },
  { id: 'errno.ECONNRESET', vocabulary: 'errno', category: 'dependency', names: 'dependency', strength: 'weak', description: 'The peer dropped an established connection (crash, idle timeout, proxy or load balancer reset).', source: `${ERRNO}; ${NODE}`,
    patterns: [re(String.raw`\bread tcp[46]? \S+->${HOST_PORT}: read: connection reset by peer`), /\bECONNRESET\b/, /\bconnection reset by peer\b/i, /\bSocketException: Connection reset\b/, /\bConnectionResetError\b/, /\[Errno 104\]/] },
  { id: 'errno.EPIPE', vocabulary: 'errno', category: 'dependency', names: 'dependency', strength: 'weak', description: 'Wrote to a connection the peer had already closed.', source: `${ERRNO}; ${NODE}`,
    patterns: [/\bEPIPE\b/, /\bbroken pipe\b/i, /\[Errno 32\]/] },
  { id: 'errno.ETIMEDOUT', vocabulary: 'errno', category: 'dependency', names: 'dependency', strength: 'weak', description: 'A connect or read got no answer in time: a slow or unreachable peer, or a dropped packet path.', source: `${ERRNO}; ${NODE}; https://pkg.go.dev/net#Error`,
    patterns: [re(String.raw`\bconnect ETIMEDOUT ${HOST_PORT}`), re(String.raw`\bdial (?:tcp|udp)[46]? ${HOST_PORT}: (?:i/o timeout|connect: connection timed out)`), /\bETIMEDOUT\b/, /\bi\/o timeout\b/, /\bconnect timed out\b/i, /\bconnection timed out\b/i, /\[Errno 110\]/] },
  { id: 'errno.EHOSTUNREACH', vocabulary: 'errno', category: 'network', names: 'network', strength: 'strong', description: 'No route to the peer host: it is gone, or a route, security group or policy blocks it.', source: ERRNO,
    patterns: [re(String.raw`\bconnect EHOSTUNREACH ${HOST_PORT}`), /\bEHOSTUNREACH\b/, /\bno route to host\b/i, /\[Errno 113\]/] },
  { id: 'errno.ENETUNREACH', vocabulary: 'errno', category: 'network', names: 'network', strength: 'strong', description: 'The destination network is unreachable from this host (missing route, no IPv6 path).', source: ERRNO,
    patterns: [re(String.raw`\bconnect ENETUNREACH ${HOST_PORT}`), /\bENETUNREACH\b/, /\bnetwork is unreachable\b/i, /\[Errno 101\]/] },
  { id: 'errno.ENETDOWN', vocabulary: 'errno', category: 'network', names: 'network', strength: 'strong', description: 'The local network interface is down.', source: ERRNO, patterns: [/\bENETDOWN\b/, /\bnetwork is down\b/i] },
  { id: 'errno.EHOSTDOWN', vocabulary: 'errno', category: 'dependency', names: 'dependency', strength: 'weak', description: 'The peer host is known to be down.', source: ERRNO, patterns: [/\bEHOSTDOWN\b/, /\bhost is down\b/i] },
  { id: 'errno.ENETRESET', vocabulary: 'errno', category: 'network', names: 'network', strength: 'weak', description: 'The network dropped the connection on reset.', source: ERRNO, patterns: [/\bENETRESET\b/, /\bnetwork dropped connection on reset\b/i] },
  { id: 'errno.ECONNABORTED', vocabulary: 'errno', category: 'network', names: 'network', strength: 'weak', description: 'The local stack aborted the connection (timeout or protocol error during setup).', source: ERRNO, patterns: [/\bECONNABORTED\b/, /\bsoftware caused connection abort\b/i] },
  { id: 'errno.ENOTCONN', vocabulary: 'errno', category: 'network', strength: 'weak', description: 'Used a socket (or a FUSE mount) that is not connected.', source: ERRNO, patterns: [/\bENOTCONN\b/, /\btransport endpoint is not connected\b/i] },
  { id: 'errno.ESHUTDOWN', vocabulary: 'errno', category: 'network', strength: 'weak', description: 'Sent on a socket whose write side was already shut down.', source: ERRNO, patterns: [/\bESHUTDOWN\b/, /\bcannot send after transport endpoint shutdown\b/i] },
  { id: 'errno.EADDRINUSE', vocabulary: 'errno', category: 'config-change', names: 'config', strength: 'strong', description: 'Another process already listens on the port the workload binds (duplicate listener, hostPort clash).', source: `${ERRNO}; ${NODE}`,
    patterns: [re(String.raw`\blisten EADDRINUSE:? (?:address already in use )?${HOST_PORT}`), /\bEADDRINUSE\b/, /\baddress already in use\b/i, /\[Errno 98\]/] },
  { id: 'errno.EADDRNOTAVAIL', vocabulary: 'errno', category: 'network', names: 'network', strength: 'weak', description: 'The local address cannot be assigned; on outbound calls usually ephemeral port exhaustion.', source: ERRNO, patterns: [/\bEADDRNOTAVAIL\b/, /\bcannot assign requested address\b/i, /\[Errno 99\]/] },
  { id: 'errno.EPROTO', vocabulary: 'errno', category: 'network', strength: 'weak', description: 'A protocol error on the connection (often TLS spoken to a plain port or the reverse).', source: ERRNO, patterns: [/\bEPROTO\b/] },
  { id: 'errno.EMSGSIZE', vocabulary: 'errno', category: 'network', strength: 'weak', description: 'A datagram or message exceeded the size the socket allows.', source: ERRNO, patterns: [/\bEMSGSIZE\b/, /\bmessage too long\b/i] },
  { id: 'errno.ENOBUFS', vocabulary: 'errno', category: 'node-pressure', names: 'node', strength: 'weak', description: 'The kernel ran out of socket buffer space: a saturated host network stack.', source: ERRNO, patterns: [/\bENOBUFS\b/, /\bno buffer space available\b/i] },
  { id: 'errno.ENOTFOUND', vocabulary: 'errno', category: 'dns', names: 'dependency', strength: 'strong', description: 'The host name does not resolve (NXDOMAIN): a typo, a deleted service or the wrong search domain.', source: `${NODE}; ${GAI}`,
    patterns: [re(String.raw`\bgetaddrinfo ENOTFOUND ${HOST}`), re(String.raw`\blookup ${HOST}(?: on [\d.:\[\]a-f]+)?: no such host`), re(String.raw`could not translate host name "(?<host>[^"]+)" to address`), /\bENOTFOUND\b/, /\bno such host\b/, /\bName or service not known\b/i, /\bnodename nor servname provided\b/, /\[Errno -2\]/] },
  { id: 'errno.EAI_AGAIN', vocabulary: 'errno', category: 'dns', names: 'dependency', strength: 'strong', description: 'Name resolution failed temporarily: the resolver (CoreDNS, VPC resolver) did not answer.', source: `${NODE}; ${GAI}`,
    patterns: [re(String.raw`\bgetaddrinfo EAI_AGAIN ${HOST}`), /\bEAI_AGAIN\b/, /\bTemporary failure in name resolution\b/i, /\[Errno -3\]/, /\bserver misbehaving\b/] },
  { id: 'errno.EAI_FAIL', vocabulary: 'errno', category: 'dns', strength: 'strong', description: 'The resolver returned a permanent failure (SERVFAIL) for the name.', source: GAI, patterns: [/\bEAI_FAIL\b/, /\bNon-recoverable failure in name resolution\b/i, /\[Errno -4\]/] },
  { id: 'errno.EAI_NODATA', vocabulary: 'errno', category: 'dns', names: 'dependency', strength: 'strong', description: 'The name exists but has no address record of the requested family.', source: GAI, patterns: [/\bEAI_NODATA\b/, /\bNo address associated with hostname\b/i, /\[Errno -5\]/] },
  { id: 'errno.ENOSPC', vocabulary: 'errno', category: 'disk-full', names: 'volume', strength: 'strong', description: 'The file system (or its inodes) is full.', source: `${ERRNO}; ${NODE}`,
    patterns: [re(String.raw`\bENOSPC: no space left on device${NODE_PATH}`), re(String.raw`\b(?:write|open|mkdir|create|rename|copy) ${PATH}: no space left on device`), /\bENOSPC\b/, /\bno space left on device\b/i, /\[Errno 28\]/] },
  { id: 'errno.EDQUOT', vocabulary: 'errno', category: 'disk-full', names: 'quota', strength: 'strong', description: 'The user or project disk quota is used up.', source: ERRNO, patterns: [/\bEDQUOT\b/, /\bdisk quota exceeded\b/i, /\[Errno 122\]/] },
  { id: 'errno.EFBIG', vocabulary: 'errno', category: 'disk-full', names: 'file', strength: 'weak', description: 'A write would exceed the maximum file size.', source: ERRNO, patterns: [/\bEFBIG\b/, /\bfile too large\b/i] },
  { id: 'errno.EMFILE', vocabulary: 'errno', category: 'capacity', names: 'self', strength: 'strong', description: 'The process hit its open-file limit: a descriptor leak or a too-low ulimit.', source: `${ERRNO}; ${NODE}`,
    patterns: [/\bEMFILE\b/, /\btoo many open files(?! in system)\b/i, /\[Errno 24\]/] },
  { id: 'errno.ENFILE', vocabulary: 'errno', category: 'node-pressure', names: 'node', strength: 'strong', description: 'The whole host ran out of file descriptors.', source: ERRNO, patterns: [/\bENFILE\b/, /\btoo many open files in system\b/i, /\[Errno 23\]/] },
  { id: 'errno.EACCES', vocabulary: 'errno', category: 'permissions', names: 'file', strength: 'weak', description: 'Permission denied on a file, socket or port (file mode, runAsUser, privileged port).', source: `${ERRNO}; ${NODE}`,
    patterns: [re(String.raw`\bEACCES: permission denied${NODE_PATH}`), re(String.raw`\b(?:open|mkdir|create|stat|remove|rename|exec) ${PATH}: permission denied`), /\bEACCES\b/, /\bpermission denied\b/i, /\[Errno 13\]/] },
  { id: 'errno.EPERM', vocabulary: 'errno', category: 'permissions', names: 'self', strength: 'weak', description: 'The operation needs a privilege or capability the process lacks.', source: `${ERRNO}; ${NODE}`,
    patterns: [re(String.raw`\bEPERM: operation not permitted${NODE_PATH}`), /\bEPERM\b/, /\boperation not permitted\b/i, /\[Errno 1\]/] },
  { id: 'errno.ENOENT', vocabulary: 'errno', category: 'config-change', names: 'file', strength: 'weak', description: 'A file or directory the workload expects is missing (bad path, missing mount, missing binary).', source: `${ERRNO}; ${NODE}`,
    patterns: [re(String.raw`\bENOENT: no such file or directory${NODE_PATH}`), re(String.raw`\b(?:open|stat|lstat|chdir|exec|readlink) ${PATH}: no such file or directory`), re(String.raw`No such file or directory: '(?<file>[^']+)'`), /\bENOENT\b/, /\bno such file or directory\b/i, /\bNoSuchFileException: (?<file>\S+)/, /\[Errno 2\]/] },
  { id: 'errno.EROFS', vocabulary: 'errno', category: 'storage', names: 'volume', strength: 'strong', description: 'Wrote to a read-only file system (readOnlyRootFilesystem, a read-only mount, a remounted disk).', source: ERRNO,
    patterns: [re(String.raw`\b(?:open|mkdir|create|write|rename) ${PATH}: read-only file system`), /\bEROFS\b/, /\bread-only file system\b/i, /\[Errno 30\]/] },
  { id: 'errno.EIO', vocabulary: 'errno', category: 'storage', names: 'volume', strength: 'strong', description: 'The device returned an I/O error: a failing or detached disk.', source: ERRNO, patterns: [/\bEIO\b/, /\binput\/output error\b/i, /\[Errno 5\]/] },
  { id: 'errno.ESTALE', vocabulary: 'errno', category: 'storage', names: 'volume', strength: 'strong', description: 'A network file system handle went stale (NFS/EFS server side change).', source: ERRNO, patterns: [/\bESTALE\b/, /\bstale (?:NFS )?file handle\b/i] },
  { id: 'errno.EBUSY', vocabulary: 'errno', category: 'storage', names: 'volume', strength: 'weak', description: 'The device or resource is busy (a volume still mounted elsewhere).', source: ERRNO, patterns: [/\bEBUSY\b/, /\bdevice or resource busy\b/i] },
  { id: 'errno.ENXIO', vocabulary: 'errno', category: 'storage', names: 'volume', strength: 'weak', description: 'The device or address does not exist (detached block device).', source: ERRNO, patterns: [/\bENXIO\b/, /\bno such device or address\b/i] },
  { id: 'errno.ENOMEM', vocabulary: 'errno', category: 'oom', names: 'self', strength: 'strong', description: 'The kernel refused an allocation (memory limit or overcommit reached).', source: ERRNO, patterns: [/\bENOMEM\b/, /\bcannot allocate memory\b/i, /\[Errno 12\]/] },
  { id: 'errno.EAGAIN', vocabulary: 'errno', category: 'capacity', names: 'self', strength: 'weak', description: 'Resource temporarily unavailable; on fork/clone a PID or thread limit.', source: ERRNO, patterns: [/\bEAGAIN\b/, /\bEWOULDBLOCK\b/, /\bresource temporarily unavailable\b/i, /\[Errno 11\]/] },
  { id: 'errno.EISDIR', vocabulary: 'errno', category: 'config-change', names: 'file', strength: 'weak', description: 'A file was expected but the path is a directory (a mount shadowing a file).', source: ERRNO, patterns: [/\bEISDIR\b/, /\bis a directory\b/i] },
  { id: 'errno.ENOTDIR', vocabulary: 'errno', category: 'config-change', names: 'file', strength: 'weak', description: 'A path component that should be a directory is a file.', source: ERRNO, patterns: [/\bENOTDIR\b/, /\bnot a directory\b/i] },
  { id: 'errno.EEXIST', vocabulary: 'errno', category: 'symptom', names: 'file', strength: 'weak', description: 'The file to create already exists.', source: ERRNO, patterns: [/\bEEXIST\b/, /\bfile exists\b/i] },
  { id: 'errno.ELOOP', vocabulary: 'errno', category: 'config-change', names: 'file', strength: 'weak', description: 'Symbolic links loop while resolving a path.', source: ERRNO, patterns: [/\bELOOP\b/, /\btoo many levels of symbolic links\b/i] },
  { id: 'errno.ENAMETOOLONG', vocabulary: 'errno', category: 'config-change', names: 'file', strength: 'weak', description: 'A path or file name exceeds the system limit.', source: ERRNO, patterns: [/\bENAMETOOLONG\b/, /\bfile name too long\b/i] },
  { id: 'errno.ETXTBSY', vocabulary: 'errno', category: 'symptom', names: 'file', strength: 'weak', description: 'An executable being written is running, or the reverse.', source: ERRNO, patterns: [/\bETXTBSY\b/, /\btext file busy\b/i] },
  { id: 'errno.E2BIG', vocabulary: 'errno', category: 'config-change', names: 'config', strength: 'weak', description: 'Arguments plus environment passed to exec exceed the limit.', source: ERRNO, patterns: [/\bE2BIG\b/, /\bargument list too long\b/i] },
  { id: 'errno.ESRCH', vocabulary: 'errno', category: 'symptom', strength: 'weak', description: 'The process to signal does not exist.', source: ERRNO, patterns: [/\bESRCH\b/, /\bno such process\b/i] },
  { id: 'errno.EINTR', vocabulary: 'errno', category: 'symptom', strength: 'weak', description: 'A system call was interrupted by a signal (often during shutdown).', source: ERRNO, patterns: [/\bEINTR\b/, /\binterrupted system call\b/i] },
  { id: 'errno.ECANCELED', vocabulary: 'errno', category: 'symptom', strength: 'weak', description: 'The operation was cancelled.', source: ERRNO, patterns: [/\bECANCELED\b/] },
  { id: 'errno.ENOSYS', vocabulary: 'errno', category: 'symptom', names: 'self', strength: 'weak', description: 'The kernel does not implement the system call (seccomp profile or old kernel).', source: ERRNO, patterns: [/\bENOSYS\b/, /\bfunction not implemented\b/i] },
  { id: 'errno.EINVAL', vocabulary: 'errno', category: 'symptom', strength: 'weak', description: 'A system call got an invalid argument.', source: ERRNO, patterns: [/\bEINVAL\b/] },
];
