/**
 * Kubernetes: event reasons from the kubelet, the scheduler and the controllers; container
 * state reasons (`kubectl get pods` STATUS, `State: Waiting, Reason: …`); pod and node
 * conditions; and the errors the API server returns. Some reasons get sub-entries keyed by
 * their message (`k8s.FailedScheduling.InsufficientMemory`), because the message, not the
 * reason, names the failure mode and the culprit.
 */
import type { FailureCategory } from '../model';
import { re } from './fragments';
import type { EntityKind, Strength, TaxonomyEntry } from './types';

const KUBELET = 'https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/events/event.go';
const RUNTIME = 'https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/container/sync_result.go; pkg/kubelet/images/types.go';
const DEBUG = 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/';
const LIFECYCLE = 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/';
const SCHED = 'https://kubernetes.io/docs/concepts/scheduling-eviction/ (scheduler framework plugin messages)';
const TAINT = 'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/';
const EVICT = 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/';
const PREEMPT = 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/';
const QUOTA = 'https://kubernetes.io/docs/concepts/policy/resource-quotas/';
const LIMITS = 'https://kubernetes.io/docs/concepts/policy/limit-range/';
const PSA = 'https://kubernetes.io/docs/concepts/security/pod-security-admission/';
const PROBES = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
const HOOKS = 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/';
const HPA = 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/';
const JOB = 'https://kubernetes.io/docs/concepts/workloads/controllers/job/';
const CRON = 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/';
const DEPLOY = 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#failed-deployment';
const CONTROLLERS = 'https://github.com/kubernetes/kubernetes/blob/master/pkg/controller (controller event reasons)';
const PV = 'https://kubernetes.io/docs/concepts/storage/persistent-volumes/; pkg/controller/volume/events/event.go';
const MOUNT = 'https://kubernetes.io/docs/concepts/storage/volumes/; pkg/volume/util/operationexecutor';
const CONFIGMAP = 'https://kubernetes.io/docs/concepts/configuration/configmap/';
const SECRET = 'https://kubernetes.io/docs/concepts/configuration/secret/';
const NODE = 'https://kubernetes.io/docs/reference/node/node-status/#condition';
const NPD = 'https://github.com/kubernetes/node-problem-detector (default monitor rules)';
const CA = 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md';
const DNS = 'https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/';
const NET = 'https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/network-plugins/';
const LB = 'https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer (service controller events)';
const DISRUPT = 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-conditions';
const API = 'https://kubernetes.io/docs/reference/using-api/api-concepts/; k8s.io/apimachinery/pkg/api/errors';
const RBAC = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';
const WEBHOOK = 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/';

/**
 * Where a generic reason word (Error, Failed, Killing) stands as a reason: a `reason` field, a
 * `Reason:` label, after an event type, or in the STATUS column after READY (`0/1  Error`).
 */
const CTX = String.raw`(?:\breason"?\s*[:=]\s*"?|\bReason:\s+|\b(?:Warning|Normal)\s+|\b\d+/\d+\s+)`;
const reason = (name: string): RegExp => re(`${CTX}${name}\\b`);
/** Distinctive CamelCase reasons can stand anywhere; `Init:` variants are their own entries. */
const word = (name: string): RegExp => re(`(?<!Init:)\\b${name}\\b`);

const Q = String.raw`["'\u201c]`;
const QE = String.raw`["'\u201d]`;
const NAME = String.raw`[\w.:-]+`;

const K = (name: string, category: FailureCategory | 'symptom', strength: Strength, names: EntityKind | undefined, description: string, patterns: RegExp[], source: string): TaxonomyEntry => ({
  id: `k8s.${name}`, vocabulary: 'kubernetes', patterns, category, ...(names ? { names } : {}), strength, description, source,
});

export const KUBERNETES: readonly TaxonomyEntry[] = [
  // ── Container state reasons ──────────────────────────────────────────────────────────────
  K('CrashLoopBackOff', 'crash-loop', 'strong', 'self', 'The container keeps exiting and the kubelet waits longer before each restart.', [word('CrashLoopBackOff')], DEBUG),
  K('Init:CrashLoopBackOff', 'crash-loop', 'strong', 'self', 'An init container keeps failing, so the app containers never start.', [/\bInit:CrashLoopBackOff\b/], DEBUG),
  K('Init:Error', 'crash-loop', 'strong', 'self', 'An init container exited non-zero.', [/\bInit:Error\b/], DEBUG),
  K('Init:ImagePullBackOff', 'image-pull', 'strong', 'image', 'The image of an init container cannot be pulled.', [/\bInit:(?:ImagePullBackOff|ErrImagePull)\b/], DEBUG),
  K('OOMKilled', 'oom', 'strong', 'self', 'The container exceeded its memory limit and the kernel OOM killer ended it (exit 137).', [word('OOMKilled'), /\bOOMKilled\b/], LIFECYCLE),
  K('Error', 'crash-loop', 'weak', 'self', 'The container terminated with a non-zero exit code.', [reason('Error'), /\bTerminated\b.{0,40}\bReason:\s+Error\b/], LIFECYCLE),
  K('Completed', 'unknown', 'weak', 'self', 'The container exited 0; a crash loop of Completed means the process is not long-running.', [reason('Completed')], LIFECYCLE),
  K('ContainerCannotRun', 'crash-loop', 'strong', 'self', 'The runtime could not start the process (bad entrypoint, missing binary).', [word('ContainerCannotRun')], RUNTIME),
  K('CreateContainerConfigError', 'config-change', 'strong', 'config', 'The container spec references a ConfigMap, Secret or key that does not exist.', [word('CreateContainerConfigError')], RUNTIME),
  K('CreateContainerConfigError.MissingConfigMapKey', 'config-change', 'strong', 'config', 'The container reads a key the ConfigMap does not have.', [re(String.raw`couldn't find key (?<key>\S+) in ConfigMap (?:(?<namespace>[\w-]+)/)?(?<configmap>[\w.-]+)`)], CONFIGMAP),
  K('CreateContainerConfigError.MissingSecretKey', 'config-change', 'strong', 'secret', 'The container reads a key the Secret does not have.', [re(String.raw`couldn't find key (?<key>\S+) in Secret (?:(?<namespace>[\w-]+)/)?(?<secret>[\w.-]+)`)], SECRET),
  K('CreateContainerConfigError.ConfigMapNotFound', 'config-change', 'strong', 'config', 'The ConfigMap the container references is missing.', [re(String.raw`\bError: configmaps? ${Q}(?<configmap>${NAME})${QE} not found`)], CONFIGMAP),
  K('CreateContainerConfigError.SecretNotFound', 'config-change', 'strong', 'secret', 'The Secret the container references is missing.', [re(String.raw`\bError: secrets? ${Q}(?<secret>${NAME})${QE} not found`)], SECRET),
  K('CreateContainerConfigError.RunAsNonRoot', 'config-change', 'strong', 'config', 'runAsNonRoot is set but the image runs as root.', [/\bcontainer has runAsNonRoot and image (?:will run as root|has non-numeric user)/], 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'),
  K('CreateContainerError', 'crash-loop', 'strong', 'self', 'The runtime failed to create the container (name conflict, bad mount, missing executable).', [word('CreateContainerError')], RUNTIME),
  K('StartError', 'crash-loop', 'strong', 'self', 'containerd failed to start the task, e.g. the entrypoint is not in $PATH.', [reason('StartError'), re(String.raw`exec: ${Q}(?<file>[^"']+)${QE}: executable file not found in \$PATH`), /\bfailed to create containerd task\b/], RUNTIME),
  K('RunContainerError', 'crash-loop', 'strong', 'self', 'The runtime created the container but failed to run it.', [word('RunContainerError')], RUNTIME),
  K('PreCreateHookError', 'crash-loop', 'strong', 'self', 'A pre-create hook of the runtime failed.', [word('PreCreateHookError')], RUNTIME),
  K('PreStartHookError', 'crash-loop', 'strong', 'self', 'A pre-start hook of the runtime failed.', [word('PreStartHookError')], RUNTIME),
  K('PostStartHookError', 'crash-loop', 'strong', 'self', 'The postStart hook failed, so the container was killed.', [word('PostStartHookError')], HOOKS),
  K('KillContainerError', 'symptom', 'weak', 'self', 'The runtime failed to kill a container.', [word('KillContainerError')], RUNTIME),
  K('VerifyNonRootError', 'config-change', 'strong', 'config', 'The image would run as root while runAsNonRoot is required.', [word('VerifyNonRootError')], RUNTIME),
  K('ContainerStatusUnknown', 'node-pressure', 'weak', 'node', 'The container could not be located when the pod was terminated (node lost or runtime restarted).', [word('ContainerStatusUnknown'), /\bThe container could not be located when the pod was (?:terminated|deleted)/], LIFECYCLE),
  K('ContainerCreating', 'unknown', 'weak', 'self', 'The container is still being created; stuck here usually means a mount or sandbox problem.', [word('ContainerCreating')], DEBUG),
  K('PodInitializing', 'unknown', 'weak', 'self', 'Init containers are still running.', [word('PodInitializing')], DEBUG),
  K('Terminating', 'unknown', 'weak', 'self', 'The pod is shutting down; stuck here points at finalizers or an unreachable node.', [reason('Terminating')], LIFECYCLE),
  // ── Images ───────────────────────────────────────────────────────────────────────────────
  K('ErrImagePull', 'image-pull', 'strong', 'image', 'Pulling the image failed (missing tag, no credentials, registry unreachable).', [re(String.raw`\bFailed to pull image ${Q}(?<image>[^"'\u201d]+)${QE}: (?<detail>.*)`), word('ErrImagePull')], KUBELET),
  K('ImagePullBackOff', 'image-pull', 'strong', 'image', 'The kubelet backs off retrying a failed image pull.', [re(String.raw`\bBack-off pulling image ${Q}(?<image>[^"'\u201d]+)${QE}`), word('ImagePullBackOff')], KUBELET),
  K('FailedToRetrieveImagePullSecret', 'image-pull', 'strong', 'secret', 'An imagePullSecret the pod names does not exist (deleted, renamed, another namespace): pulls that need it fail on nodes without the image cached.', [/\bUnable to retrieve some image pull secrets \((?<secret>[^),]+)[^)]*\)/, word('FailedToRetrieveImagePullSecret')], KUBELET),
  K('ErrImageNeverPull', 'image-pull', 'strong', 'image', 'imagePullPolicy is Never and the image is not on the node.', [re(String.raw`Container image ${Q}(?<image>[^"'\u201d]+)${QE} is not present with pull policy of Never`), word('ErrImageNeverPull')], KUBELET),
  K('InvalidImageName', 'image-pull', 'strong', 'image', 'The image reference cannot be parsed (bad tag or characters).', [re(String.raw`Failed to apply default image tag ${Q}(?<image>[^"'\u201d]+)${QE}`), word('InvalidImageName')], RUNTIME),
  K('ImageInspectError', 'image-pull', 'weak', 'image', 'The runtime could not inspect the image.', [word('ImageInspectError')], RUNTIME),
  K('InspectFailed', 'image-pull', 'weak', 'image', 'Event: failed to inspect the image.', [word('InspectFailed'), re(String.raw`Failed to inspect image ${Q}(?<image>[^"'\u201d]+)${QE}`)], KUBELET),
  K('RegistryUnavailable', 'image-pull', 'strong', 'image', 'The registry answered with an HTTP error while pulling.', [word('RegistryUnavailable')], RUNTIME),
  K('Pulling', 'unknown', 'weak', 'image', 'Normal: the kubelet is pulling an image.', [reason('Pulling'), re(String.raw`\bPulling image ${Q}(?<image>[^"'\u201d]+)${QE}`)], KUBELET),
  K('Pulled', 'unknown', 'weak', 'image', 'Normal: the image was pulled or already present.', [reason('Pulled'), re(String.raw`\bSuccessfully pulled image ${Q}(?<image>[^"'\u201d]+)${QE}`), re(String.raw`Container image ${Q}(?<image>[^"'\u201d]+)${QE} already present on machine`)], KUBELET),
  // ── Container lifecycle events ───────────────────────────────────────────────────────────
  K('Created', 'unknown', 'weak', 'self', 'Normal: the container was created.', [reason('Created'), /\bCreated container:? (?<container>[\w-]+)/], KUBELET),
  K('Started', 'unknown', 'weak', 'self', 'Normal: the container started.', [reason('Started'), /\bStarted container:? (?<container>[\w-]+)/], KUBELET),
  K('Failed', 'symptom', 'weak', 'self', 'The kubelet failed to create, start or pull for a container; the message names the cause.', [reason('Failed'), /\bError: (?:ErrImagePull|ImagePullBackOff|CreateContainerError|RunContainerError)\b/], KUBELET),
  K('BackOff', 'crash-loop', 'weak', 'self', 'The kubelet delays a restart or a pull after repeated failure.', [/\bBack-off restarting failed container(?: (?<container>[\w-]+))?/, reason('BackOff')], KUBELET),
  K('Killing', 'symptom', 'weak', 'self', 'The kubelet stops a container (deletion, failed liveness probe, eviction).', [reason('Killing'), /\bStopping container (?<container>[\w-]+)/, /\bContainer (?<container>[\w-]+) failed (?:liveness|startup) probe, will be restarted/], KUBELET),
  K('ExceededGracePeriod', 'symptom', 'weak', 'self', 'The container did not exit within its termination grace period and was killed.', [word('ExceededGracePeriod'), /Container runtime did not kill the pod within specified grace period/], KUBELET),
  K('FailedKillPod', 'node-pressure', 'weak', 'node', 'The kubelet could not kill the pod (runtime or CNI trouble on the node).', [word('FailedKillPod'), /\berror killing pod\b/], KUBELET),
  K('FailedCreatePodContainer', 'crash-loop', 'weak', 'self', 'Creating the pod-level container (cgroup) failed.', [word('FailedCreatePodContainer')], KUBELET),
  K('FailedPostStartHook', 'crash-loop', 'strong', 'self', 'Event: the postStart hook failed.', [word('FailedPostStartHook')], HOOKS),
  K('FailedPreStopHook', 'symptom', 'weak', 'self', 'Event: the preStop hook failed; shutdown may have been abrupt.', [word('FailedPreStopHook'), word('PreStopHookError')], HOOKS),
  K('UnfinishedPreStopHook', 'symptom', 'weak', 'self', 'The preStop hook was still running when the grace period ended.', [word('UnfinishedPreStopHook')], HOOKS),
  K('FailedSync', 'symptom', 'weak', 'node', 'The kubelet failed to sync the pod.', [word('FailedSync'), /\bError syncing pod\b/], KUBELET),
  K('FailedValidation', 'config-change', 'weak', 'config', 'The kubelet rejected a static or admitted pod as invalid.', [word('FailedValidation')], KUBELET),
  // ── Probes ───────────────────────────────────────────────────────────────────────────────
  K('Unhealthy', 'health-check', 'weak', 'self', 'A probe failed; the message says which one and how.', [reason('Unhealthy')], PROBES),
  K('Unhealthy.Liveness', 'health-check', 'strong', 'self', 'The liveness probe failed; the kubelet restarts the container.', [re(String.raw`\bLiveness probe failed: (?:(?:Get|HEAD) ${Q}(?<url>[^"'\u201d]+)${QE}: )?(?<detail>.*)`)], PROBES),
  K('Unhealthy.Readiness', 'health-check', 'weak', 'self', 'The readiness probe failed; the pod is taken out of Service endpoints.', [re(String.raw`\bReadiness probe failed: (?:(?:Get|HEAD) ${Q}(?<url>[^"'\u201d]+)${QE}: )?(?<detail>.*)`)], PROBES),
  K('Unhealthy.Startup', 'health-check', 'strong', 'self', 'The startup probe failed; the app did not come up in time and is restarted.', [re(String.raw`\bStartup probe failed: (?:(?:Get|HEAD) ${Q}(?<url>[^"'\u201d]+)${QE}: )?(?<detail>.*)`)], PROBES),
  K('Unhealthy.StatusCode', 'health-check', 'strong', 'self', 'An HTTP probe got a status outside 200-399.', [/\bHTTP probe failed with statuscode: (?<code>\d{3})/], PROBES),
  K('Unhealthy.Timeout', 'health-check', 'weak', 'self', 'A probe timed out: the app is slow, blocked, or starved of CPU.', [/\bprobe failed: .*(?:Client\.Timeout exceeded while awaiting headers|context deadline exceeded|command timed out|timeout: failed to connect service)/i], PROBES),
  K('ProbeWarning', 'health-check', 'weak', 'self', 'A probe passed with a warning (e.g. a redirect it did not follow).', [word('ProbeWarning'), word('ContainerProbeWarning'), /\b(?:Liveness|Readiness|Startup) probe warning:/], PROBES),
  // ── Scheduling ───────────────────────────────────────────────────────────────────────────
  K('FailedScheduling', 'capacity', 'weak', 'capacity', 'No node fits the pod; the message lists why each node was rejected.', [/\b\d+\/\d+ nodes are available\b/, word('FailedScheduling')], SCHED),
  K('FailedScheduling.InsufficientCPU', 'capacity', 'strong', 'capacity', 'Nodes lack allocatable CPU for the pod requests.', [/\bInsufficient (?<resource>cpu)\b/], SCHED),
  K('FailedScheduling.InsufficientMemory', 'capacity', 'strong', 'capacity', 'Nodes lack allocatable memory for the pod requests.', [/\bInsufficient (?<resource>memory)\b/], SCHED),
  K('FailedScheduling.InsufficientResource', 'capacity', 'strong', 'capacity', 'Nodes lack an extended resource (GPU, ephemeral-storage, hugepages).', [/\bInsufficient (?<resource>(?!cpu\b|memory\b)[\w.-]*\w(?:\/[\w.-]*\w)?)/], SCHED),
  K('FailedScheduling.UntoleratedTaint', 'capacity', 'strong', 'node', 'Every candidate node has a taint the pod does not tolerate.', [/\bnode\(s\) had untolerated taint\(?s?\)? \{(?<taint>[^}]*)\}/, /\bnode\(s\) had (?:taint|taints) \{(?<taint>[^}]*)\}, that the pod didn't tolerate/], TAINT),
  K('FailedScheduling.NodeAffinity', 'config-change', 'strong', 'config', 'No node matches the pod nodeSelector or required node affinity.', [/\bnode\(s\) didn't match (?:Pod's )?node (?:affinity\/selector|selector|affinity)/], SCHED),
  K('FailedScheduling.PodAffinity', 'config-change', 'weak', 'config', 'Pod (anti-)affinity rules exclude every node.', [/\bnode\(s\) didn't (?:match pod (?:anti-)?affinity rules|satisfy existing pods anti-affinity rules)/], SCHED),
  K('FailedScheduling.TopologySpread', 'config-change', 'weak', 'config', 'Topology spread constraints cannot be met.', [/\bnode\(s\) didn't match pod topology spread constraints/], SCHED),
  K('FailedScheduling.UnboundPVC', 'storage', 'strong', 'volume', 'The pod needs a PersistentVolumeClaim that is not bound.', [/\bpod has unbound immediate PersistentVolumeClaims\b/, re(String.raw`\bpersistentvolumeclaims? ${Q}(?<claim>${NAME})${QE} not found`)], SCHED),
  K('FailedScheduling.VolumeNodeAffinity', 'storage', 'strong', 'volume', 'The bound volume lives in a zone no eligible node is in.', [/\bnode\(s\) had volume node affinity conflict\b/, /\bnode\(s\) didn't find available persistent volumes to bind\b/], SCHED),
  K('FailedScheduling.MaxVolumeCount', 'storage', 'strong', 'node', 'Nodes reached their attachable volume limit.', [/\bnode\(s\) exceed max volume count\b/], SCHED),
  K('FailedScheduling.TooManyPods', 'capacity', 'strong', 'node', 'Nodes are at their max-pods limit (or out of pod IPs).', [/\bToo many pods\b/], SCHED),
  K('FailedScheduling.HostPorts', 'capacity', 'strong', 'node', 'The requested hostPort is taken on every node.', [/\bnode\(s\) didn't have free ports for the requested pod ports\b/], SCHED),
  K('FailedScheduling.Unschedulable', 'capacity', 'weak', 'node', 'Nodes are cordoned (unschedulable).', [/\bnode\(s\) were unschedulable\b/], SCHED),
  K('FailedScheduling.NoPreemptionVictims', 'capacity', 'weak', 'capacity', 'Preempting lower-priority pods would not make room.', [/\bNo preemption victims found for incoming pod\b/, /\bPreemption is not helpful for scheduling\b/], PREEMPT),
  K('Scheduled', 'unknown', 'weak', 'node', 'Normal: the pod was assigned to a node.', [reason('Scheduled'), /\bSuccessfully assigned (?:(?<namespace>[\w-]+)\/)?(?<pod>[\w.-]+) to (?<node>[\w.-]+)/], SCHED),
  K('Preempted', 'capacity', 'strong', 'capacity', 'The pod was evicted to make room for a higher-priority pod.', [reason('Preempted'), /\bPreempted by (?:pod )?(?:[\w-]+\/)?[\w.-]+ on node (?<node>[\w.-]+)/, /\bPreempted by a pod on node (?<node>[\w.-]+)/], PREEMPT),
  K('Preempting', 'capacity', 'weak', 'node', 'The kubelet preempts pods to admit a critical pod.', [reason('Preempting'), /\bPreempted in order to admit critical pod\b/], PREEMPT),
  K('NotTriggerScaleUp', 'capacity', 'strong', 'capacity', 'Cluster Autoscaler found no node group that could fit the pod.', [word('NotTriggerScaleUp'), /\bpod didn't trigger scale-up\b/], CA),
  K('TriggeredScaleUp', 'capacity', 'weak', 'capacity', 'Cluster Autoscaler is adding nodes for pending pods.', [word('TriggeredScaleUp'), /\bpod triggered scale-up\b/], CA),
  K('ScaleDown', 'unknown', 'weak', 'node', 'Cluster Autoscaler is removing a node and draining its pods.', [reason('ScaleDown'), /\bdeleting pod for node scale down\b/], CA),
  // ── Admission on the node ─────────────────────────────────────────────────────────────────
  K('OutOfcpu', 'capacity', 'strong', 'node', 'The kubelet rejected the pod: not enough CPU on the node.', [word('OutOfcpu'), /\bNode didn't have enough resource: (?<resource>cpu)\b/], LIFECYCLE),
  K('OutOfmemory', 'capacity', 'strong', 'node', 'The kubelet rejected the pod: not enough memory on the node.', [word('OutOfmemory'), /\bNode didn't have enough resource: (?<resource>memory)\b/], LIFECYCLE),
  K('OutOfpods', 'capacity', 'strong', 'node', 'The kubelet rejected the pod: the node is at max pods.', [word('OutOfpods')], LIFECYCLE),
  K('UnexpectedAdmissionError', 'node-pressure', 'weak', 'node', 'A device plugin or admit handler failed on the node.', [word('UnexpectedAdmissionError')], LIFECYCLE),
  K('NodeAffinity', 'config-change', 'weak', 'node', 'The kubelet rejected the pod because the node no longer matches its affinity.', [reason('NodeAffinity'), /\bPredicate NodeAffinity failed\b/], LIFECYCLE),
  K('HostPortConflict', 'capacity', 'strong', 'node', 'The hostPort is already used on the node.', [word('HostPortConflict')], KUBELET),
  K('NodeShutdown', 'node-pressure', 'weak', 'node', 'The pod was terminated because its node is shutting down (Spot, maintenance).', [word('NodeShutdown'), /\bPod was terminated in response to imminent node shutdown\b/], 'https://kubernetes.io/docs/concepts/cluster-administration/node-shutdown/'),
  K('NodeLost', 'node-pressure', 'strong', 'node', 'The node running the pod stopped reporting.', [word('NodeLost')], LIFECYCLE),
  K('DeadlineExceeded', 'symptom', 'weak', 'self', 'The pod or Job ran longer than activeDeadlineSeconds.', [reason('DeadlineExceeded'), /\bJob was active longer than specified deadline\b/, /\bPod was active on the node longer than the specified deadline\b/], JOB),
  // ── Eviction and node pressure ────────────────────────────────────────────────────────────
  K('Evicted', 'node-pressure', 'strong', 'node', 'The kubelet evicted the pod to relieve node pressure.', [reason('Evicted'), /\bThe node had condition: \[(?<resource>\w+)\]/], EVICT),
  K('Evicted.Memory', 'node-pressure', 'strong', 'node', 'Evicted because the node ran low on memory.', [/\bThe node was low on resource: (?<resource>memory)\b/], EVICT),
  K('Evicted.EphemeralStorage', 'disk-full', 'strong', 'node', 'Evicted because the node ran low on ephemeral storage or inodes.', [/\bThe node was low on resource: (?<resource>ephemeral-storage|inodes|nodefs|imagefs)\b/], EVICT),
  K('Evicted.PIDs', 'node-pressure', 'strong', 'node', 'Evicted because the node ran low on process IDs.', [/\bThe node was low on resource: (?<resource>pids)\b/], EVICT),
  K('Evicted.LocalStorageLimit', 'disk-full', 'strong', 'self', 'Evicted because the pod used more ephemeral storage than its limit.', [/\bPod ephemeral local storage usage exceeds the total limit of containers (?<limit>\S+)/, /\bContainer (?<container>[\w-]+) exceeded its local ephemeral storage limit (?<limit>\S+)/, /\bUsage of EmptyDir volume (?<volume>"[^"]+") exceeds the limit (?<limit>"[^"]+")/], EVICT),
  K('EvictionThresholdMet', 'node-pressure', 'strong', 'node', 'The node crossed an eviction threshold and is reclaiming resources.', [word('EvictionThresholdMet'), /\bAttempting to reclaim (?<resource>[\w-]+)/], EVICT),
  K('MemoryPressure', 'node-pressure', 'strong', 'node', 'Node condition: available memory is below the eviction threshold.', [/\bMemoryPressure\s+True\b/, /"type":\s*"MemoryPressure",\s*"status":\s*"True"/, word('KubeletHasInsufficientMemory'), /\bnode\.kubernetes\.io\/memory-pressure\b/], NODE),
  K('DiskPressure', 'node-pressure', 'strong', 'node', 'Node condition: the node file system or image store is nearly full.', [/\bDiskPressure\s+True\b/, /"type":\s*"DiskPressure",\s*"status":\s*"True"/, word('KubeletHasDiskPressure'), /\bnode\.kubernetes\.io\/disk-pressure\b/], NODE),
  K('PIDPressure', 'node-pressure', 'strong', 'node', 'Node condition: the node is running out of process IDs.', [/\bPIDPressure\s+True\b/, /"type":\s*"PIDPressure",\s*"status":\s*"True"/, word('KubeletHasInsufficientPID'), /\bnode\.kubernetes\.io\/pid-pressure\b/], NODE),
  K('NodeHasInsufficientMemory', 'node-pressure', 'strong', 'node', 'Event: the node entered memory pressure.', [word('NodeHasInsufficientMemory'), /\bstatus is now: NodeHasInsufficientMemory\b/], NODE),
  K('NodeHasDiskPressure', 'node-pressure', 'strong', 'node', 'Event: the node entered disk pressure.', [word('NodeHasDiskPressure')], NODE),
  K('NodeHasInsufficientPID', 'node-pressure', 'strong', 'node', 'Event: the node entered PID pressure.', [word('NodeHasInsufficientPID')], NODE),
  K('NodeNotReady', 'node-pressure', 'strong', 'node', 'The node stopped being Ready (kubelet down, runtime or network plugin not ready).', [re(String.raw`\bNode (?<node>[\w.-]+) status is now: NodeNotReady`), word('NodeNotReady'), word('KubeletNotReady'), /\bKubelet stopped posting node status\b/, /\bnode\.kubernetes\.io\/(?:not-ready|unreachable)\b/, /\bPLEG is not healthy\b/], NODE),
  K('NodeNotSchedulable', 'capacity', 'weak', 'node', 'The node was cordoned.', [word('NodeNotSchedulable')], KUBELET),
  K('NodeReady', 'unknown', 'weak', 'node', 'Normal: the node became Ready.', [reason('NodeReady'), /\bstatus is now: NodeReady\b/], NODE),
  K('Rebooted', 'node-pressure', 'strong', 'node', 'The node rebooted (new boot id); every pod on it restarted.', [reason('Rebooted'), /\bNode (?<node>[\w.-]+) has been rebooted, boot id: /], KUBELET),
  K('SystemOOM', 'oom', 'strong', 'node', 'The node kernel OOM killer fired outside a container limit.', [word('SystemOOM'), /\bSystem OOM encountered, victim process: (?<detail>[\w.-]+)/], KUBELET),
  K('OOMKilling', 'oom', 'strong', 'node', 'node-problem-detector saw the kernel kill a process for memory.', [word('OOMKilling'), /\bMemory cgroup out of memory: Kill(?:ed)? process \d+ \((?<detail>[^)]+)\)/, /\bOut of memory: Kill(?:ed)? process \d+ \((?<detail>[^)]+)\)/], NPD),
  K('TaskHung', 'node-pressure', 'weak', 'node', 'A kernel task was blocked for too long (often storage I/O).', [word('TaskHung'), /\btask [\w.:/-]+ blocked for more than \d+ seconds/], NPD),
  K('KernelOops', 'node-pressure', 'strong', 'node', 'The node kernel hit an oops or BUG.', [word('KernelOops'), /\bBUG: unable to handle kernel\b/], NPD),
  K('ReadonlyFilesystem', 'storage', 'strong', 'node', 'The node file system was remounted read-only.', [word('ReadonlyFilesystem'), word('FilesystemIsReadOnly')], NPD),
  K('KernelDeadlock', 'node-pressure', 'strong', 'node', 'node-problem-detector reports a kernel deadlock (e.g. docker hung).', [word('KernelDeadlock'), word('DockerHung')], NPD),
  K('ContainerGCFailed', 'node-pressure', 'weak', 'node', 'The kubelet could not garbage-collect dead containers.', [word('ContainerGCFailed')], KUBELET),
  K('ImageGCFailed', 'disk-full', 'strong', 'node', 'The kubelet could not free image disk space.', [word('ImageGCFailed'), /\bfailed to garbage collect required amount of images\b/], KUBELET),
  K('FreeDiskSpaceFailed', 'disk-full', 'strong', 'node', 'The image manager failed to free disk space.', [word('FreeDiskSpaceFailed')], KUBELET),
  K('InvalidDiskCapacity', 'node-pressure', 'weak', 'node', 'The image file system reported zero capacity.', [word('InvalidDiskCapacity')], KUBELET),
  K('KubeletSetupFailed', 'node-pressure', 'strong', 'node', 'The kubelet failed to start on the node.', [word('KubeletSetupFailed')], KUBELET),
  K('FailedNodeAllocatableEnforcement', 'node-pressure', 'weak', 'node', 'The kubelet could not enforce node allocatable cgroups.', [word('FailedNodeAllocatableEnforcement')], KUBELET),
  // ── Pod sandbox and network ───────────────────────────────────────────────────────────────
  K('FailedCreatePodSandBox', 'network', 'strong', 'network', 'The pod sandbox (network namespace) could not be created: CNI failure or no free IPs.', [word('FailedCreatePodSandBox'), /\bFailed to create pod sandbox\b/, /\bfailed to (?:setup|set up) network for sandbox\b/, /\bfailed to assign an IP address to container\b/], NET),
  K('FailedPodSandBoxStatus', 'network', 'weak', 'node', 'The runtime could not report the sandbox status.', [word('FailedPodSandBoxStatus')], KUBELET),
  K('SandboxChanged', 'node-pressure', 'weak', 'node', 'The pod sandbox died and is being recreated.', [word('SandboxChanged'), /\bPod sandbox changed, it will be killed and re-created\b/], KUBELET),
  K('NetworkNotReady', 'network', 'strong', 'node', 'The node network plugin is not ready, so no pod can get networking.', [word('NetworkNotReady'), /\bNetworkReady=false reason:NetworkPluginNotReady\b/, /\bcni plugin not initialized\b/], NET),
  K('DNSConfigForming', 'dns', 'weak', 'config', 'The pod resolv.conf was truncated: too many search domains or nameservers.', [word('DNSConfigForming'), /\b(?:Search Line|Nameserver) limits were exceeded\b/], DNS),
  // ── Volumes ───────────────────────────────────────────────────────────────────────────────
  K('FailedMount', 'storage', 'weak', 'volume', 'A volume could not be mounted into the pod.', [word('FailedMount'), re(String.raw`\bMountVolume\.(?:SetUp|MountDevice|WaitForAttach|NewMounter initialization) failed for volume ${Q}(?<volume>[^"'\u201d]+)${QE}`)], MOUNT),
  K('FailedMount.ConfigMapNotFound', 'config-change', 'strong', 'config', 'A configMap volume names a ConfigMap that does not exist.', [re(String.raw`\bfor volume ${Q}(?<volume>[^"'\u201d]+)${QE} : configmaps? ${Q}(?<configmap>${NAME})${QE} not found`)], CONFIGMAP),
  K('FailedMount.SecretNotFound', 'config-change', 'strong', 'secret', 'A secret volume names a Secret that does not exist.', [re(String.raw`\bfor volume ${Q}(?<volume>[^"'\u201d]+)${QE} : secrets? ${Q}(?<secret>${NAME})${QE} not found`)], SECRET),
  K('FailedMount.Timeout', 'storage', 'weak', 'volume', 'Mounting timed out (volume not attached, CSI driver slow, NFS unreachable).', [/\bUnable to (?:attach or )?mount volumes for pod\b/, /\bUnable to attach or mount volumes: unmounted volumes=\[(?<volume>[^\]]*)\]/], MOUNT),
  K('FailedAttachVolume', 'storage', 'strong', 'volume', 'The volume could not be attached to the node.', [word('FailedAttachVolume'), re(String.raw`\bAttachVolume\.Attach failed for volume ${Q}(?<volume>[^"'\u201d]+)${QE}`)], MOUNT),
  K('FailedAttachVolume.MultiAttach', 'storage', 'strong', 'volume', 'A ReadWriteOnce volume is still attached to another node.', [re(String.raw`\bMulti-Attach error for volume ${Q}(?<volume>[^"'\u201d]+)${QE}`)], MOUNT),
  K('FailedDetachVolume', 'storage', 'weak', 'volume', 'The volume could not be detached from a node.', [word('FailedDetachVolume')], MOUNT),
  K('FailedMapVolume', 'storage', 'strong', 'volume', 'A raw block volume could not be mapped.', [word('FailedMapVolume'), re(String.raw`\bMapVolume\.\w+ failed for volume ${Q}(?<volume>[^"'\u201d]+)${QE}`)], MOUNT),
  K('FailedUnMount', 'storage', 'weak', 'volume', 'A volume could not be unmounted.', [word('FailedUnMount'), word('FailedUnmount')], MOUNT),
  K('VolumeResizeFailed', 'storage', 'strong', 'volume', 'Expanding the volume failed.', [word('VolumeResizeFailed')], PV),
  K('FileSystemResizeFailed', 'storage', 'strong', 'volume', 'Growing the file system after a volume expansion failed.', [word('FileSystemResizeFailed')], PV),
  K('ProvisioningFailed', 'storage', 'strong', 'volume', 'Dynamic provisioning of the claim failed (bad StorageClass, cloud quota, permissions).', [word('ProvisioningFailed'), re(String.raw`\bstorageclass\.storage\.k8s\.io ${Q}(?<resource>${NAME})${QE} not found`)], PV),
  K('FailedBinding', 'storage', 'strong', 'volume', 'No PersistentVolume matches the claim and none can be provisioned.', [word('FailedBinding'), /\bno persistent volumes available for this claim\b/], PV),
  K('ExternalProvisioning', 'storage', 'weak', 'volume', 'The claim waits for an external provisioner (CSI driver).', [word('ExternalProvisioning'), /\bwaiting for a volume to be created,? either by external provisioner\b/], PV),
  K('WaitForFirstConsumer', 'unknown', 'weak', 'volume', 'The claim binds only once a pod uses it.', [word('WaitForFirstConsumer')], PV),
  K('VolumeMismatch', 'storage', 'strong', 'volume', 'The claim is bound to a volume that does not match it.', [word('VolumeMismatch')], PV),
  K('ClaimLost', 'storage', 'strong', 'volume', 'The volume bound to the claim disappeared.', [word('ClaimLost')], PV),
  K('VolumeFailedDelete', 'storage', 'weak', 'volume', 'A released volume could not be deleted.', [word('VolumeFailedDelete')], PV),
  // ── Workload controllers ──────────────────────────────────────────────────────────────────
  K('FailedCreate', 'symptom', 'weak', 'config', 'A controller could not create a pod; the message names the admission rule that refused it.', [word('FailedCreate'), /\bError creating: (?<detail>.*)/], CONTROLLERS),
  K('ExceededQuota', 'capacity', 'strong', 'quota', 'A ResourceQuota in the namespace refused the request.', [/\bexceeded quota: (?<quota>[\w.-]+)(?:, requested: (?<detail>[^\n]*?))?(?:, used: [^\n]*?)?(?:, limited: (?<limit>[^\n]*))?$/m, /\bexceeded quota: (?<quota>[\w.-]+)/], QUOTA),
  K('QuotaRequiresLimits', 'config-change', 'strong', 'quota', 'A ResourceQuota on requests or limits refuses pods that do not set them (a quota added or widened to cover a resource the workload never set).', [/\bfailed quota: (?<quota>[\w.-]+): must specify (?<resource>[\w.,]+(?:\s*,\s*[\w.]+)*)(?: for: (?<container>[\w.,-]+))?/], QUOTA),
  K('LimitRange', 'config-change', 'strong', 'quota', 'The pod requests or limits break a LimitRange min/max/ratio.', [/\b(?:maximum|minimum) (?<resource>cpu|memory|ephemeral-storage) usage per (?:Container|Pod) is \S+, but (?:limit|request) is \S+/, /\b(?<resource>cpu|memory) max limit to request ratio per (?:Container|Pod) is \S+/], LIMITS),
  K('PodSecurity', 'config-change', 'strong', 'config', 'Pod Security Admission refused the pod spec.', [/\bviolates PodSecurity "(?<detail>[^"]+)"/], PSA),
  K('ServiceAccountNotFound', 'config-change', 'strong', 'identity', 'The pod names a ServiceAccount that does not exist.', [re(String.raw`\berror looking up service account (?:(?<namespace>[\w-]+)/)?(?<user>[\w.-]+)`), re(String.raw`\bserviceaccounts? ${Q}(?<user>${NAME})${QE} not found`)], RBAC),
  K('SuccessfulCreate', 'unknown', 'weak', 'self', 'Normal: a controller created a pod or job.', [word('SuccessfulCreate')], CONTROLLERS),
  K('SuccessfulDelete', 'unknown', 'weak', 'self', 'Normal: a controller deleted a pod.', [word('SuccessfulDelete')], CONTROLLERS),
  K('FailedDelete', 'symptom', 'weak', 'self', 'A controller could not delete a pod.', [word('FailedDelete')], CONTROLLERS),
  K('ScalingReplicaSet', 'bad-deploy', 'weak', 'self', 'A Deployment scaled a ReplicaSet: the mark of a rollout or a scale.', [word('ScalingReplicaSet'), /\bScaled (?:up|down) replica set (?<resource>[\w.-]+) (?:to|from) \d+/], DEPLOY),
  K('ProgressDeadlineExceeded', 'bad-deploy', 'strong', 'self', 'The rollout made no progress within progressDeadlineSeconds.', [word('ProgressDeadlineExceeded'), /\bReplicaSet "(?<resource>[\w.-]+)" has timed out progressing\b/, /\bexceeded its progress deadline\b/], DEPLOY),
  K('MinimumReplicasUnavailable', 'symptom', 'weak', 'self', 'The Deployment has fewer available replicas than it needs.', [word('MinimumReplicasUnavailable'), /\bDeployment does not have minimum availability\b/], DEPLOY),
  K('ReplicaSetCreateError', 'symptom', 'weak', 'self', 'The Deployment controller failed to create its new ReplicaSet.', [word('ReplicaSetCreateError')], DEPLOY),
  K('RecreatingFailedPod', 'crash-loop', 'weak', 'self', 'A StatefulSet recreates a failed pod.', [word('RecreatingFailedPod')], CONTROLLERS),
  K('FailedDaemonPod', 'crash-loop', 'weak', 'node', 'A DaemonSet pod failed on a node and will be killed and retried.', [word('FailedDaemonPod'), /\bFound failed daemon pod (?:(?<namespace>[\w-]+)\/)?(?<pod>[\w.-]+) on node (?<node>[\w.-]+)/], CONTROLLERS),
  K('FailedPlacement', 'capacity', 'weak', 'node', 'A DaemonSet pod does not fit on a node.', [word('FailedPlacement')], CONTROLLERS),
  K('BackoffLimitExceeded', 'crash-loop', 'strong', 'self', 'A Job failed more times than backoffLimit allows.', [word('BackoffLimitExceeded'), /\bJob has reached the specified backoff limit\b/], JOB),
  K('PodFailurePolicy', 'crash-loop', 'weak', 'self', 'A Job pod failure policy rule failed the Job.', [word('PodFailurePolicy')], JOB),
  K('MaxFailedIndexesExceeded', 'crash-loop', 'weak', 'self', 'An indexed Job exceeded maxFailedIndexes.', [word('MaxFailedIndexesExceeded')], JOB),
  K('FailedNeedsStart', 'config-change', 'weak', 'config', 'The CronJob missed too many start times (clock skew or startingDeadlineSeconds).', [word('FailedNeedsStart'), word('TooManyMissedTimes'), /\btoo many missed start times?\b/], CRON),
  K('MissSchedule', 'capacity', 'weak', 'self', 'A CronJob run was missed.', [word('MissSchedule'), /\bMissed scheduled time to start a job\b/], CRON),
  K('UnexpectedJob', 'symptom', 'weak', 'self', 'The CronJob controller saw a Job it did not create.', [word('UnexpectedJob'), /\bSaw a job that the controller did not create or forgot\b/], CRON),
  K('JobAlreadyActive', 'symptom', 'weak', 'self', 'concurrencyPolicy Forbid skipped a run because the previous one is still active.', [word('JobAlreadyActive'), /\bNot starting job because prior execution is (?:running|still running) and concurrency policy is Forbid\b/], CRON),
  K('InvalidSchedule', 'config-change', 'strong', 'config', 'The CronJob schedule cannot be parsed.', [word('InvalidSchedule')], CRON),
  // ── Autoscaling ───────────────────────────────────────────────────────────────────────────
  K('FailedGetResourceMetric', 'config-change', 'weak', 'dependency', 'The HPA could not read CPU/memory metrics (metrics-server down or no requests set).', [word('FailedGetResourceMetric'), /\bunable to get metrics for resource (?<resource>\w+)/, /\bmissing request for (?<resource>cpu|memory)\b/], HPA),
  K('FailedGetPodsMetric', 'config-change', 'weak', 'dependency', 'The HPA could not read a pods metric.', [word('FailedGetPodsMetric')], HPA),
  K('FailedGetObjectMetric', 'config-change', 'weak', 'dependency', 'The HPA could not read an object metric.', [word('FailedGetObjectMetric')], HPA),
  K('FailedGetExternalMetric', 'config-change', 'weak', 'dependency', 'The HPA could not read an external metric.', [word('FailedGetExternalMetric')], HPA),
  K('FailedComputeMetricsReplicas', 'config-change', 'weak', 'dependency', 'The HPA could not compute a replica count from its metrics.', [word('FailedComputeMetricsReplicas'), /\binvalid metrics \(\d+ invalid out of \d+\)/], HPA),
  K('FailedRescale', 'capacity', 'weak', 'self', 'The HPA failed to update the scale of its target.', [word('FailedRescale')], HPA),
  K('SuccessfulRescale', 'traffic-spike', 'weak', 'self', 'The HPA changed the replica count; a scale-up follows load.', [word('SuccessfulRescale'), /\bNew size: (?<detail>\d+); reason: /], HPA),
  K('TooManyReplicas', 'capacity', 'weak', 'quota', 'The HPA wants more replicas than maxReplicas allows.', [word('TooManyReplicas'), /\bthe desired replica count is more than the maximum replica count\b/], HPA),
  // ── Services, endpoints, load balancers ──────────────────────────────────────────────────
  K('FailedToUpdateEndpoint', 'network', 'weak', 'dependency', 'The endpoints controller failed to update a Service endpoints.', [word('FailedToUpdateEndpoint'), /\bFailed to update endpoint (?:(?<namespace>[\w-]+)\/)?(?<service>[\w.-]+)/], CONTROLLERS),
  K('FailedToUpdateEndpointSlices', 'network', 'weak', 'dependency', 'The EndpointSlice controller failed to update a Service slices.', [word('FailedToUpdateEndpointSlices'), /\bError updating Endpoint Slices for Service (?:(?<namespace>[\w-]+)\/)?(?<service>[\w.-]+)/], CONTROLLERS),
  K('SyncLoadBalancerFailed', 'network', 'strong', 'dependency', 'The cloud load balancer for a Service could not be created or updated.', [word('SyncLoadBalancerFailed'), /\bError syncing load balancer\b/, word('CreatingLoadBalancerFailed')], LB),
  K('UnAvailableLoadBalancer', 'capacity', 'strong', 'node', 'No ready nodes can back the Service load balancer.', [word('UnAvailableLoadBalancer'), /\bThere are no available nodes for LoadBalancer\b/], LB),
  K('EnsuringLoadBalancer', 'unknown', 'weak', 'dependency', 'Normal: the service controller is creating or updating a load balancer.', [word('EnsuringLoadBalancer'), word('EnsuredLoadBalancer')], LB),
  // ── Pod phases, conditions and disruption reasons ─────────────────────────────────────────
  K('Unschedulable', 'capacity', 'weak', 'capacity', 'PodScheduled=False: the scheduler found no node.', [reason('Unschedulable'), /"reason":\s*"Unschedulable"/], LIFECYCLE),
  K('ContainersNotReady', 'health-check', 'weak', 'self', 'Ready=False because some containers are not ready.', [word('ContainersNotReady'), /\bcontainers with unready status: \[(?<container>[^\]]+)\]/], LIFECYCLE),
  K('ContainersNotInitialized', 'crash-loop', 'weak', 'self', 'Initialized=False because init containers have not finished.', [word('ContainersNotInitialized'), /\bcontainers with incomplete status: \[(?<container>[^\]]+)\]/], LIFECYCLE),
  K('ReadinessGatesNotReady', 'health-check', 'weak', 'self', 'A readiness gate (e.g. the load balancer target health) is not satisfied.', [word('ReadinessGatesNotReady'), /\bcorresponding condition of pod readiness gate\b/], LIFECYCLE),
  K('PodPhaseFailed', 'crash-loop', 'weak', 'self', 'Pod phase Failed: all containers terminated and at least one failed.', [/\b(?:Status|phase)"?\s*[:=]\s*"?Failed\b/], LIFECYCLE),
  K('PodPhasePending', 'symptom', 'weak', 'self', 'Pod phase Pending: not scheduled yet, or images and volumes not ready.', [/\b(?:Status|phase)"?\s*[:=]\s*"?Pending\b/, reason('Pending')], LIFECYCLE),
  K('PodPhaseUnknown', 'node-pressure', 'weak', 'node', 'Pod phase Unknown: the node stopped reporting.', [/\b(?:Status|phase)"?\s*[:=]\s*"?Unknown\b/], LIFECYCLE),
  K('DisruptionTarget', 'symptom', 'weak', 'self', 'The pod is about to be deleted by a disruption (preemption, taint, eviction API, GC).', [word('DisruptionTarget'), /\b(?:PreemptionByScheduler|DeletionByTaintManager|EvictionByEvictionAPI|DeletionByPodGC|TerminationByKubelet)\b/], DISRUPT),
  K('TaintManagerEviction', 'node-pressure', 'strong', 'node', 'The taint manager deletes pods from a node with a NoExecute taint (not-ready, unreachable).', [word('TaintManagerEviction'), /\bMarking for deletion Pod (?:(?<namespace>[\w-]+)\/)?(?<pod>[\w.-]+)/], TAINT),
  // ── API server errors ─────────────────────────────────────────────────────────────────────
  K('Forbidden', 'permissions', 'strong', 'identity', 'RBAC denied the caller the verb on the resource.', [/\bis forbidden: User "(?<user>[^"]+)" cannot (?<verb>[\w-]+) resource "(?<resource>[^"]+)"/, /\bis forbidden: User "(?<user>[^"]+)" cannot/], RBAC),
  K('Unauthorized', 'permissions', 'strong', 'identity', 'The API server rejected the credentials (expired token, wrong kubeconfig).', [/\bYou must be logged in to the server \(Unauthorized\)/, /\bthe server has asked for the client to provide credentials\b/], API),
  K('NotFound', 'symptom', 'weak', 'config', 'The API object named in the request does not exist.', [re(String.raw`\b(?<resource>[a-z]+(?:\.[a-z0-9.-]+)?) ${Q}(?<detail>${NAME})${QE} not found\b`)], API),
  K('AlreadyExists', 'symptom', 'weak', 'config', 'The object to create already exists.', [re(String.raw`\b(?<resource>[a-z]+(?:\.[a-z0-9.-]+)?) ${Q}(?<detail>${NAME})${QE} already exists\b`)], API),
  K('Conflict', 'symptom', 'weak', 'config', 'An update lost an optimistic-concurrency race.', [/\bthe object has been modified; please apply your changes to the latest version and try again\b/], API),
  K('Invalid', 'config-change', 'weak', 'config', 'The API server rejected the object as invalid.', [/\b(?<resource>[A-Za-z]+(?:\.[a-z0-9.-]+)?) "(?<detail>[\w.-]+)" is invalid: /, /\bfield is immutable\b/], API),
  K('NoKindMatch', 'config-change', 'strong', 'config', 'The manifest uses a kind or API version the cluster does not serve (removed API, missing CRD).', [/\bno matches for kind "(?<resource>\w+)" in version "(?<detail>[^"]+)"/, /\bthe server could not find the requested resource\b/], API),
  K('TooManyRequests', 'rate-limit', 'weak', 'quota', 'The API server is throttling the client (API Priority and Fairness).', [/\bthe server has received too many requests and has asked us to try again later\b/, /\bclient-side throttling, not priority and fairness\b/], API),
  K('WebhookFailed', 'dependency', 'strong', 'dependency', 'An admission webhook could not be called, so the request failed.', [/\bfailed calling webhook "(?<service>[^"]+)"/], WEBHOOK),
  K('WebhookDenied', 'config-change', 'weak', 'config', 'An admission webhook denied the request.', [/\badmission webhook "(?<service>[^"]+)" denied the request/], WEBHOOK),
  K('EtcdTimeout', 'dependency', 'weak', 'dependency', 'The API server timed out talking to etcd.', [/\betcdserver: request timed out\b/, /\betcdserver: leader changed\b/], API),
];
