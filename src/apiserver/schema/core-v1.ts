// API types of core/v1 (io.k8s.api.core.v1), as data (see types.ts).
// Field names, protobuf numbers, patch keys and list semantics follow upstream's
// types.go and generated.proto; the descriptions are our own.
//
// Conventions:
// - A field with json '' is an embedded struct that Go inlines (json:",inline"):
//   in JSON its fields sit directly on the parent object, while in protobuf it is
//   one nested message at the given field number (e.g. Probe.handler = 1,
//   Volume.volumeSource = 2, ConfigMapKeySelector.localObjectReference = 1).
// - apiVersion and kind are not listed: they have no protobuf field (the
//   runtime.Unknown envelope carries them) and are implied by gvk.
import type { SchemaSet } from './types.js';

export const coreV1: SchemaSet = {
  'io.k8s.api.core.v1.Namespace': {
    description: 'A namespace: a named scope that partitions object names and to which policies, quotas and access control can be applied.',
    gvk: { group: '', version: 'v1', kind: 'Namespace' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.core.v1.NamespaceSpec' }, description: 'The desired state of the namespace, currently just its finalizers.' },
      { json: 'status', proto: 3, type: { ref: 'io.k8s.api.core.v1.NamespaceStatus' }, description: 'The observed state of the namespace, filled in by the system.' },
    ],
  },
  'io.k8s.api.core.v1.NamespaceSpec': {
    description: 'The desired state of a namespace.',
    fields: [
      { json: 'finalizers', proto: 1, type: { list: 'string' }, listType: 'atomic', description: 'Opaque tokens that must all be removed before a terminating namespace is deleted for good; the built-in one is kubernetes. Changed only through the finalize subresource.' },
    ],
  },
  'io.k8s.api.core.v1.NamespaceStatus': {
    description: 'The observed state of a namespace.',
    fields: [
      { json: 'phase', proto: 1, type: 'string', description: 'Where the namespace is in its lifecycle. One of Active, Terminating.' },
      { json: 'conditions', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.NamespaceCondition' } }, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'The most recent observations about the namespace, mostly reporting progress and problems while it is being deleted.' },
    ],
  },
  'io.k8s.api.core.v1.NamespaceCondition': {
    description: 'One observation about a namespace, typically about its deletion.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The kind of condition. One of NamespaceDeletionDiscoveryFailure, NamespaceDeletionContentFailure, NamespaceDeletionGroupVersionParsingFailure, NamespaceContentRemaining, NamespaceFinalizersRemaining.' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Whether the condition holds. One of True, False, Unknown.' },
      { json: 'lastTransitionTime', proto: 4, type: 'Time', description: 'When status last changed value.' },
      { json: 'reason', proto: 5, type: 'string', description: 'A CamelCase, machine-readable word explaining the last transition.' },
      { json: 'message', proto: 6, type: 'string', description: 'Human-readable detail about the last transition.' },
    ],
  },
  'io.k8s.api.core.v1.Pod': {
    description: 'A pod: a group of one or more containers that share network and storage and are scheduled together onto one node.',
    gvk: { group: '', version: 'v1', kind: 'Pod' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.core.v1.PodSpec' }, description: 'The desired state of the pod: its containers, volumes and scheduling requirements.' },
      { json: 'status', proto: 3, type: { ref: 'io.k8s.api.core.v1.PodStatus' }, description: 'The most recently observed state of the pod, written by the system (mainly the kubelet); may lag behind reality. Read-only for clients.' },
    ],
  },
  'io.k8s.api.core.v1.PodSpec': {
    description: 'The desired state of a pod.',
    fields: [
      { json: 'volumes', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.Volume' } }, patchMergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'], description: 'Volumes that containers in the pod can mount, keyed by name.' },
      { json: 'initContainers', proto: 20, type: { list: { ref: 'io.k8s.api.core.v1.Container' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Containers that run one after another, each to successful completion, before the regular containers start. An init container with restartPolicy Always is a sidecar that keeps running alongside the main containers. Names must be unique across all containers of the pod.' },
      { json: 'containers', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.Container' } }, required: true, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: "The pod's main containers. At least one is required, and containers cannot be added or removed after creation." },
      { json: 'ephemeralContainers', proto: 34, type: { list: { ref: 'io.k8s.api.core.v1.EphemeralContainer' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Temporary containers added to a running pod, for example for debugging. They can only be added through the ephemeralcontainers subresource, never on create or through an ordinary update.' },
      { json: 'restartPolicy', proto: 3, type: 'string', description: 'When containers in the pod are restarted after they exit. One of Always, OnFailure, Never; defaults to Always. Some controllers only allow a subset.' },
      { json: 'terminationGracePeriodSeconds', proto: 4, type: 'int64', description: 'How many seconds the pod is given to shut down after the termination signal before its processes are killed. Zero means kill immediately; when unset the default of 30 seconds applies. A delete request may shorten it.' },
      { json: 'activeDeadlineSeconds', proto: 5, type: 'int64', description: 'How many seconds, counted from startTime, the pod may run before the system marks it failed and kills its containers. Must be positive.' },
      { json: 'dnsPolicy', proto: 6, type: 'string', description: 'How DNS is configured for the pod. One of ClusterFirst, ClusterFirstWithHostNet, Default, None; defaults to ClusterFirst. Settings in dnsConfig are merged on top, and None requires dnsConfig.' },
      { json: 'nodeSelector', proto: 7, type: { map: 'string' }, description: 'Node labels that a node must carry, all of them, for the pod to be placed there.' },
      { json: 'serviceAccountName', proto: 8, type: 'string', description: 'The ServiceAccount whose identity the pod runs under.' },
      { json: 'serviceAccount', proto: 9, type: 'string', description: 'Deprecated alias of serviceAccountName; use serviceAccountName.' },
      { json: 'automountServiceAccountToken', proto: 21, type: 'boolean', description: "Whether a service account API token is mounted into the pod automatically. Overrides the ServiceAccount's own setting." },
      { json: 'nodeName', proto: 10, type: 'string', description: "The node the pod is bound to. Normally set by the scheduler; setting it directly bypasses scheduling, and once set the node's kubelet takes responsibility for the pod." },
      { json: 'hostNetwork', proto: 11, type: 'boolean', description: "Run the pod in the node's network namespace instead of its own. Container hostPorts must then equal their containerPorts. Defaults to false." },
      { json: 'hostPID', proto: 12, type: 'boolean', description: "Run the pod in the node's process ID namespace. Defaults to false." },
      { json: 'hostIPC', proto: 13, type: 'boolean', description: "Run the pod in the node's IPC namespace. Defaults to false." },
      { json: 'shareProcessNamespace', proto: 27, type: 'boolean', description: "Put all containers of the pod into one shared process namespace, so they can see and signal each other's processes and the first process of a container is no longer PID 1. Cannot be combined with hostPID. Defaults to false." },
      { json: 'securityContext', proto: 14, type: { ref: 'io.k8s.api.core.v1.PodSecurityContext' }, description: 'Security settings for the whole pod, including defaults that container-level securityContext may override.' },
      { json: 'imagePullSecrets', proto: 15, type: { list: { ref: 'io.k8s.api.core.v1.LocalObjectReference' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: "Secrets in the pod's namespace holding registry credentials used to pull the pod's images." },
      { json: 'hostname', proto: 16, type: 'string', description: 'The hostname the pod sees. When unset a system-chosen value is used (normally the pod name).' },
      { json: 'subdomain', proto: 17, type: 'string', description: "If set, the pod's fully qualified hostname becomes <hostname>.<subdomain>.<namespace>.svc.<cluster domain>; otherwise it has no domain name." },
      { json: 'affinity', proto: 18, type: { ref: 'io.k8s.api.core.v1.Affinity' }, description: 'Node affinity, pod affinity and pod anti-affinity rules used by the scheduler.' },
      { json: 'schedulerName', proto: 19, type: 'string', description: 'The scheduler that should place the pod; when unset the default scheduler does.' },
      { json: 'tolerations', proto: 22, type: { list: { ref: 'io.k8s.api.core.v1.Toleration' } }, listType: 'atomic', description: 'Taints the pod tolerates, allowing it onto nodes carrying them.' },
      { json: 'hostAliases', proto: 23, type: { list: { ref: 'io.k8s.api.core.v1.HostAlias' } }, patchMergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'], description: "Extra IP-to-hostname entries written into the pod's hosts file." },
      { json: 'priorityClassName', proto: 24, type: 'string', description: "Names the PriorityClass from which the pod's priority is taken. Two names are built in and rank highest (system-node-critical above system-cluster-critical); any other must refer to an existing PriorityClass. When unset the global default class applies, or zero if there is none." },
      { json: 'priority', proto: 25, type: 'int32', description: 'The numeric priority of the pod, normally filled in by the Priority admission controller from priorityClassName; higher values are more important.' },
      { json: 'dnsConfig', proto: 26, type: { ref: 'io.k8s.api.core.v1.PodDNSConfig' }, description: 'Extra DNS settings merged into the configuration produced by dnsPolicy.' },
      { json: 'readinessGates', proto: 28, type: { list: { ref: 'io.k8s.api.core.v1.PodReadinessGate' } }, listType: 'atomic', description: 'Extra pod conditions that must all be True, in addition to every container being ready, before the pod counts as ready.' },
      { json: 'runtimeClassName', proto: 29, type: 'string', description: "The RuntimeClass (node.k8s.io) used to run the pod. If no such RuntimeClass exists the pod is not run; when unset the node's default handler is used." },
      { json: 'enableServiceLinks', proto: 30, type: 'boolean', description: 'Whether environment variables describing the services in the namespace, in the style of Docker links, are injected into containers. Defaults to true.' },
      { json: 'preemptionPolicy', proto: 31, type: 'string', description: 'Whether this pod may preempt lower-priority pods to make room for itself. One of PreemptLowerPriority, Never; defaults to PreemptLowerPriority.' },
      { json: 'overhead', proto: 32, type: { map: 'Quantity' }, description: "Resources consumed by the pod sandbox on top of its containers, added when the pod's resource usage is accounted. Filled in at admission from the RuntimeClass; when that admission controller is active, requests that set it themselves are rejected." },
      { json: 'topologySpreadConstraints', proto: 33, type: { list: { ref: 'io.k8s.api.core.v1.TopologySpreadConstraint' } }, patchMergeKey: 'topologyKey', patchStrategy: 'merge', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'], description: 'Rules describing how pods matching a selector should be spread across topology domains such as zones or nodes. All constraints must be satisfied together.' },
      { json: 'setHostnameAsFQDN', proto: 35, type: 'boolean', description: "When true the kernel hostname seen by containers is the pod's fully qualified domain name rather than the short name (on Windows the registry is set instead). Defaults to false." },
      { json: 'os', proto: 36, type: { ref: 'io.k8s.api.core.v1.PodOS' }, description: "The operating system the pod's containers run on. Setting it makes validation reject fields that do not apply to that OS." },
      { json: 'hostUsers', proto: 37, type: 'boolean', description: "Whether the pod uses the node's user namespace. Defaults to true; false gives the pod its own user namespace, which limits what root inside the pod can do on the host." },
      { json: 'schedulingGates', proto: 38, type: { list: { ref: 'io.k8s.api.core.v1.PodSchedulingGate' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Named gates that keep the pod out of scheduling while any remain. They may only be set at creation and afterwards only removed.' },
      { json: 'resourceClaims', proto: 39, type: { list: { ref: 'io.k8s.api.core.v1.PodResourceClaim' } }, patchMergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'], description: 'Dynamic resource allocation claims the pod needs, each given a name that containers use to request access to it. The claims must be allocated and reserved before the pod may start.' },
      { json: 'resources', proto: 40, type: { ref: 'io.k8s.api.core.v1.ResourceRequirements' }, description: 'Pod-level CPU, memory and hugepages requests and limits covering all containers together. Resource claims are not allowed here.' },
      { json: 'hostnameOverride', proto: 41, type: 'string', description: 'An explicit hostname for the pod that takes precedence over hostname and subdomain. It only changes what the pod sees, not DNS records; it cannot be combined with setHostnameAsFQDN or hostNetwork and must be a DNS subdomain of at most 64 characters.' },
      { json: 'schedulingGroup', proto: 43, type: { ref: 'io.k8s.api.core.v1.PodSchedulingGroup' }, description: 'The scheduling group (such as a PodGroup) the pod belongs to, used for workload-aware scheduling. Alpha.' },
      { json: 'evictionResponders', proto: 44, type: { list: { ref: 'io.k8s.api.core.v1.EvictionResponder' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Components, tried in priority order, that should be told when the pod is about to be evicted so they can react gracefully through the Eviction API. Alpha.' },
    ],
  },
  'io.k8s.api.core.v1.PodStatus': {
    description: "The observed state of a pod. It may trail reality, especially when the pod's node cannot reach the control plane.",
    fields: [
      { json: 'observedGeneration', proto: 17, type: 'int64', description: 'The metadata.generation this status was computed from. Requires the PodObservedGenerationTracking feature.' },
      { json: 'phase', proto: 1, type: 'string', description: "A coarse, one-word summary of the pod's progress; the conditions and container statuses carry the detail. One of Pending, Running, Succeeded, Failed, Unknown." },
      { json: 'conditions', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.PodCondition' } }, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: "Detailed observations of the pod's state, such as PodScheduled, Initialized, ContainersReady and Ready." },
      { json: 'message', proto: 3, type: 'string', description: "A human-readable explanation of the pod's current state." },
      { json: 'reason', proto: 4, type: 'string', description: "A brief CamelCase word explaining the pod's state, for example Evicted." },
      { json: 'nominatedNodeName', proto: 11, type: 'string', description: 'The node this pod expects to run on after preempting pods there. The pod may still end up elsewhere.' },
      { json: 'hostIP', proto: 5, type: 'string', description: 'The primary IP address of the node the pod runs on; empty until the pod has started.' },
      { json: 'hostIPs', proto: 16, type: { list: { ref: 'io.k8s.api.core.v1.HostIP' } }, patchMergeKey: 'ip', patchStrategy: 'merge', listType: 'atomic', description: 'All IP addresses of the node the pod runs on; the first entry equals hostIP. Empty until the pod has started.' },
      { json: 'podIP', proto: 6, type: 'string', description: "The pod's primary IP address, routable at least inside the cluster. Empty until one has been allocated." },
      { json: 'podIPs', proto: 12, type: { list: { ref: 'io.k8s.api.core.v1.PodIP' } }, patchMergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'], description: 'All IP addresses allocated to the pod, at most one per IP family; the first entry equals podIP.' },
      { json: 'startTime', proto: 7, type: 'Time', description: 'When the kubelet accepted the pod, before any images were pulled.' },
      { json: 'initContainerStatuses', proto: 10, type: { list: { ref: 'io.k8s.api.core.v1.ContainerStatus' } }, listType: 'atomic', description: 'Status of each init container, at most one entry per container.' },
      { json: 'containerStatuses', proto: 8, type: { list: { ref: 'io.k8s.api.core.v1.ContainerStatus' } }, listType: 'atomic', description: 'Status of each regular container, at most one entry per container.' },
      { json: 'qosClass', proto: 9, type: 'string', description: "The quality-of-service class derived from the containers' requests and limits. One of Guaranteed, Burstable, BestEffort." },
      { json: 'ephemeralContainerStatuses', proto: 13, type: { list: { ref: 'io.k8s.api.core.v1.ContainerStatus' } }, listType: 'atomic', description: 'Status of each ephemeral container that has been added to the pod.' },
      { json: 'resize', proto: 14, type: 'string', description: 'Deprecated progress indicator for an in-place resource resize; the PodResizePending and PodResizeInProgress conditions replace it. One of InProgress, Deferred, Infeasible; empty when no resize is pending.' },
      { json: 'resourceClaimStatuses', proto: 15, type: { list: { ref: 'io.k8s.api.core.v1.PodResourceClaimStatus' } }, patchMergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'], description: "The names of the ResourceClaims generated for the pod's claims that use a ResourceClaimTemplate." },
      { json: 'extendedResourceClaimStatus', proto: 18, type: { ref: 'io.k8s.api.core.v1.PodExtendedResourceClaimStatus' }, description: 'For extended resources that are satisfied through dynamic resource allocation, the name of the claim generated by the scheduler and how container requests map onto it.' },
      { json: 'allocatedResources', proto: 19, type: { map: 'Quantity' }, description: 'The total requests the node has allocated to the pod; summed over containers when no pod-level requests are set.' },
      { json: 'resources', proto: 20, type: { ref: 'io.k8s.api.core.v1.ResourceRequirements' }, description: 'The pod-level requests and limits actually applied, when pod-level resources are set in the spec.' },
      { json: 'nodeAllocatableResourceClaimStatuses', proto: 21, type: { list: { ref: 'io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus' } }, patchMergeKey: 'resourceClaimName', patchStrategy: 'merge', listType: 'map', listMapKeys: ['resourceClaimName'], description: 'For dynamic resource claims that hand out ordinary node-allocatable resources (such as CPU or memory), how much was allocated and to which containers, so the kubelet can size cgroups.' },
      { json: 'volumeHealth', proto: 22, type: { list: { ref: 'io.k8s.api.core.v1.PodVolumeHealth' } }, listType: 'map', listMapKeys: ['name'], description: "Health reported for each of the pod's volumes by the storage plugin on the node. Filled in by the kubelet." },
    ],
  },
  'io.k8s.api.core.v1.PodCondition': {
    description: 'One observation about a pod.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The kind of condition. Built-in types are PodScheduled, PodReadyToStartContainers, Initialized, ContainersReady, Ready, DisruptionTarget, PodResizePending, PodResizeInProgress and AllContainersRestarting; readiness gates may add others.' },
      { json: 'observedGeneration', proto: 7, type: 'int64', description: 'The metadata.generation the condition was computed from.' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Whether the condition holds. One of True, False, Unknown.' },
      { json: 'lastProbeTime', proto: 3, type: 'Time', description: 'When the condition was last checked.' },
      { json: 'lastTransitionTime', proto: 4, type: 'Time', description: 'When status last changed value.' },
      { json: 'reason', proto: 5, type: 'string', description: 'A CamelCase, machine-readable word explaining the last transition.' },
      { json: 'message', proto: 6, type: 'string', description: 'Human-readable detail about the last transition.' },
    ],
  },
  'io.k8s.api.core.v1.PodIP': {
    description: 'One IP address allocated to a pod.',
    fields: [
      { json: 'ip', proto: 1, type: 'string', required: true, description: 'The IP address.' },
    ],
  },
  'io.k8s.api.core.v1.HostIP': {
    description: 'One IP address of the node a pod runs on.',
    fields: [
      { json: 'ip', proto: 1, type: 'string', required: true, description: 'The IP address.' },
    ],
  },
  'io.k8s.api.core.v1.PodTemplateSpec': {
    description: 'The template from which a controller creates pods: metadata to stamp onto them and their spec.',
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Metadata, mainly labels and annotations, given to pods created from the template.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.core.v1.PodSpec' }, description: 'The spec given to pods created from the template.' },
    ],
  },
  'io.k8s.api.core.v1.Container': {
    description: 'One application container within a pod.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The container's name, a DNS label unique among all containers of the pod. Cannot be updated." },
      { json: 'image', proto: 2, type: 'string', description: 'The container image to run. Optional here so that higher-level controllers can fill it in or override it.' },
      { json: 'command', proto: 3, type: { list: 'string' }, listType: 'atomic', description: "The executable and its leading arguments, replacing the image's ENTRYPOINT; it is not run through a shell. $(VAR) references to the container's environment are expanded and $$ escapes a literal $. Cannot be updated." },
      { json: 'args', proto: 4, type: { list: 'string' }, listType: 'atomic', description: "Arguments passed to the entrypoint, replacing the image's CMD. $(VAR) references are expanded as for command. Cannot be updated." },
      { json: 'workingDir', proto: 5, type: 'string', description: "The directory the container starts in; when unset the runtime's or image's default is used. Cannot be updated." },
      { json: 'ports', proto: 6, type: { list: { ref: 'io.k8s.api.core.v1.ContainerPort' } }, patchMergeKey: 'containerPort', patchStrategy: 'merge', listType: 'map', listMapKeys: ['containerPort', 'protocol'], description: 'Ports the container listens on. Informational: listening on a port not listed here still exposes it. Cannot be updated.' },
      { json: 'envFrom', proto: 19, type: { list: { ref: 'io.k8s.api.core.v1.EnvFromSource' } }, listType: 'atomic', description: 'ConfigMaps and Secrets whose keys are all turned into environment variables. When a key appears in several sources the last one wins, and variables from env take precedence over these. Cannot be updated.' },
      { json: 'env', proto: 7, type: { list: { ref: 'io.k8s.api.core.v1.EnvVar' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Environment variables to set in the container, in order. Cannot be updated.' },
      { json: 'resources', proto: 8, type: { ref: 'io.k8s.api.core.v1.ResourceRequirements' }, description: 'The compute resources (CPU, memory, etc.) this container requests and is limited to.' },
      { json: 'resizePolicy', proto: 23, type: { list: { ref: 'io.k8s.api.core.v1.ContainerResizePolicy' } }, listType: 'atomic', description: 'How the container reacts to an in-place change of each resource, e.g. whether it must be restarted.' },
      { json: 'restartPolicy', proto: 24, type: 'string', description: "A per-container restart behaviour overriding the pod's. One of Always, OnFailure, Never. On an init container, Always makes it a sidecar that keeps running during the pod's lifetime." },
      { json: 'restartPolicyRules', proto: 25, type: { list: { ref: 'io.k8s.api.core.v1.ContainerRestartRule' } }, listType: 'atomic', description: 'Rules checked in order when the container exits to decide whether it should be restarted; the first matching rule wins, and restartPolicy applies if none match.' },
      { json: 'volumeMounts', proto: 9, type: { list: { ref: 'io.k8s.api.core.v1.VolumeMount' } }, patchMergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'], description: "The pod volumes mounted into the container's filesystem. Cannot be updated." },
      { json: 'volumeDevices', proto: 21, type: { list: { ref: 'io.k8s.api.core.v1.VolumeDevice' } }, patchMergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'], description: 'Block-mode volumes exposed to the container as raw devices.' },
      { json: 'livenessProbe', proto: 10, type: { ref: 'io.k8s.api.core.v1.Probe' }, description: 'A periodic check that the container is healthy; if it fails the container is restarted. Cannot be updated.' },
      { json: 'readinessProbe', proto: 11, type: { ref: 'io.k8s.api.core.v1.Probe' }, description: 'A periodic check that the container is ready to serve; while it fails the pod is removed from service endpoints. Cannot be updated.' },
      { json: 'startupProbe', proto: 22, type: { ref: 'io.k8s.api.core.v1.Probe' }, description: 'A check that the container has finished starting. Until it succeeds the other probes are not run, and if it fails the container is restarted. Cannot be updated.' },
      { json: 'lifecycle', proto: 12, type: { ref: 'io.k8s.api.core.v1.Lifecycle' }, description: 'Hooks run after the container starts and before it stops. Cannot be updated.' },
      { json: 'terminationMessagePath', proto: 13, type: 'string', description: "The file inside the container whose contents become the termination message in the container's status. Defaults to /dev/termination-log. Cannot be updated." },
      { json: 'terminationMessagePolicy', proto: 20, type: 'string', description: 'Where the termination message comes from. One of File (the contents of terminationMessagePath), FallbackToLogsOnError (the tail of the container log when the file is empty and the container failed); defaults to File. Cannot be updated.' },
      { json: 'imagePullPolicy', proto: 14, type: 'string', description: 'When the image is pulled. One of Always, Never, IfNotPresent; defaults to Always for a :latest or untagged image and IfNotPresent otherwise. Cannot be updated.' },
      { json: 'securityContext', proto: 15, type: { ref: 'io.k8s.api.core.v1.SecurityContext' }, description: 'Security settings for this container, overriding the pod-level securityContext where both set a value.' },
      { json: 'stdin', proto: 16, type: 'boolean', description: 'Whether the runtime keeps a stdin buffer open for the container; if false, reads from stdin see end-of-file. Defaults to false.' },
      { json: 'stdinOnce', proto: 17, type: 'boolean', description: 'Whether stdin is closed after the first attach session disconnects, so that stdin is only ever read by one attach. Only meaningful with stdin set. Defaults to false.' },
      { json: 'tty', proto: 18, type: 'boolean', description: 'Whether the container gets a terminal; requires stdin. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.EphemeralContainer': {
    description: 'A temporary container added to a running pod, for example for debugging. It has no resource or scheduling guarantees, is never restarted, and may not use ports, probes or lifecycle hooks.',
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.EphemeralContainerCommon' }, description: 'The container fields shared with Container (name, image, command, env and so on). They appear directly on this object in JSON; in protobuf they are nested in a message at field 1.' },
      { json: 'targetContainerName', proto: 2, type: 'string', description: "The name of a container in the pod whose namespaces (process, IPC and so on) the ephemeral container should join. When unset the pod's namespaces are used; the runtime must support namespace targeting." },
    ],
  },
  'io.k8s.api.core.v1.EphemeralContainerCommon': {
    description: 'The set of container fields an ephemeral container shares with Container; it is embedded inline in EphemeralContainer so the two convert easily.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The ephemeral container's name, a DNS label that no other container of the pod (regular, init or ephemeral) may share." },
      { json: 'image', proto: 2, type: 'string', description: 'The container image to run.' },
      { json: 'command', proto: 3, type: { list: 'string' }, listType: 'atomic', description: "The executable and its leading arguments, replacing the image's ENTRYPOINT; not run through a shell. $(VAR) references are expanded and $$ escapes a literal $." },
      { json: 'args', proto: 4, type: { list: 'string' }, listType: 'atomic', description: "Arguments passed to the entrypoint, replacing the image's CMD. $(VAR) references are expanded." },
      { json: 'workingDir', proto: 5, type: 'string', description: "The directory the container starts in; when unset the runtime's or image's default is used." },
      { json: 'ports', proto: 6, type: { list: { ref: 'io.k8s.api.core.v1.ContainerPort' } }, patchMergeKey: 'containerPort', patchStrategy: 'merge', listType: 'map', listMapKeys: ['containerPort', 'protocol'], description: 'Not allowed for ephemeral containers.' },
      { json: 'envFrom', proto: 19, type: { list: { ref: 'io.k8s.api.core.v1.EnvFromSource' } }, listType: 'atomic', description: 'ConfigMaps and Secrets whose keys are all turned into environment variables; the last source wins on duplicates and env takes precedence.' },
      { json: 'env', proto: 7, type: { list: { ref: 'io.k8s.api.core.v1.EnvVar' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Environment variables to set in the container.' },
      { json: 'resources', proto: 8, type: { ref: 'io.k8s.api.core.v1.ResourceRequirements' }, description: 'Not allowed for ephemeral containers; they use spare resources already given to the pod.' },
      { json: 'resizePolicy', proto: 23, type: { list: { ref: 'io.k8s.api.core.v1.ContainerResizePolicy' } }, listType: 'atomic', description: 'Not allowed for ephemeral containers.' },
      { json: 'restartPolicy', proto: 24, type: 'string', description: 'Not allowed for ephemeral containers. One of Always, OnFailure, Never on other container types.' },
      { json: 'restartPolicyRules', proto: 25, type: { list: { ref: 'io.k8s.api.core.v1.ContainerRestartRule' } }, listType: 'atomic', description: 'Not allowed for ephemeral containers.' },
      { json: 'volumeMounts', proto: 9, type: { list: { ref: 'io.k8s.api.core.v1.VolumeMount' } }, patchMergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'], description: 'Pod volumes mounted into the container; subPath mounts are not allowed.' },
      { json: 'volumeDevices', proto: 21, type: { list: { ref: 'io.k8s.api.core.v1.VolumeDevice' } }, patchMergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'], description: 'Block-mode volumes exposed to the container as raw devices.' },
      { json: 'livenessProbe', proto: 10, type: { ref: 'io.k8s.api.core.v1.Probe' }, description: 'Not allowed for ephemeral containers.' },
      { json: 'readinessProbe', proto: 11, type: { ref: 'io.k8s.api.core.v1.Probe' }, description: 'Not allowed for ephemeral containers.' },
      { json: 'startupProbe', proto: 22, type: { ref: 'io.k8s.api.core.v1.Probe' }, description: 'Not allowed for ephemeral containers.' },
      { json: 'lifecycle', proto: 12, type: { ref: 'io.k8s.api.core.v1.Lifecycle' }, description: 'Not allowed for ephemeral containers.' },
      { json: 'terminationMessagePath', proto: 13, type: 'string', description: 'The file inside the container whose contents become the termination message. Defaults to /dev/termination-log.' },
      { json: 'terminationMessagePolicy', proto: 20, type: 'string', description: 'Where the termination message comes from. One of File, FallbackToLogsOnError; defaults to File.' },
      { json: 'imagePullPolicy', proto: 14, type: 'string', description: 'When the image is pulled. One of Always, Never, IfNotPresent; defaults to Always for a :latest or untagged image and IfNotPresent otherwise.' },
      { json: 'securityContext', proto: 15, type: { ref: 'io.k8s.api.core.v1.SecurityContext' }, description: 'Security settings for the ephemeral container, overriding the pod-level securityContext.' },
      { json: 'stdin', proto: 16, type: 'boolean', description: 'Whether the runtime keeps a stdin buffer open for the container. Defaults to false.' },
      { json: 'stdinOnce', proto: 17, type: 'boolean', description: 'Whether stdin is closed after the first attach session disconnects. Defaults to false.' },
      { json: 'tty', proto: 18, type: 'boolean', description: 'Whether the container gets a terminal; requires stdin. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerPort': {
    description: 'A network port a container listens on.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: 'An optional IANA service name for the port, unique within the pod, that services can refer to instead of the number.' },
      { json: 'hostPort', proto: 2, type: 'int32', description: 'A port on the node to forward to this container port, between 1 and 65535. With hostNetwork it must equal containerPort. Rarely needed.' },
      { json: 'containerPort', proto: 3, type: 'int32', required: true, description: "The port number on the pod's IP address, between 1 and 65535." },
      { json: 'protocol', proto: 4, type: 'string', description: 'The transport protocol. One of TCP, UDP, SCTP; defaults to TCP.' },
      { json: 'hostIP', proto: 5, type: 'string', description: 'The node IP address to bind hostPort on.' },
    ],
  },
  'io.k8s.api.core.v1.EnvVar': {
    description: 'One environment variable to set in a container.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The variable's name; any printable ASCII characters except '='." },
      { json: 'value', proto: 2, type: 'string', description: 'A literal value. $(VAR) references to variables defined earlier in the list or to service variables are expanded, $$ escapes a literal $, and unresolvable references are left as they are. Defaults to the empty string.' },
      { json: 'valueFrom', proto: 3, type: { ref: 'io.k8s.api.core.v1.EnvVarSource' }, description: 'Takes the value from another source instead of a literal; cannot be combined with a non-empty value.' },
    ],
  },
  'io.k8s.api.core.v1.EnvVarSource': {
    description: "Where an environment variable's value comes from. Exactly one field should be set.",
    fields: [
      { json: 'fieldRef', proto: 1, type: { ref: 'io.k8s.api.core.v1.ObjectFieldSelector' }, description: "A field of the pod: metadata.name, metadata.namespace, metadata.uid, a label or annotation via metadata.labels['key'] / metadata.annotations['key'], spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP or status.podIPs." },
      { json: 'resourceFieldRef', proto: 2, type: { ref: 'io.k8s.api.core.v1.ResourceFieldSelector' }, description: 'A request or limit of a container, e.g. limits.cpu or requests.memory (including ephemeral-storage).' },
      { json: 'configMapKeyRef', proto: 3, type: { ref: 'io.k8s.api.core.v1.ConfigMapKeySelector' }, description: "A key of a ConfigMap in the pod's namespace." },
      { json: 'secretKeyRef', proto: 4, type: { ref: 'io.k8s.api.core.v1.SecretKeySelector' }, description: 'Reads the value from one key of a Secret in the same namespace.' },
      { json: 'fileKeyRef', proto: 5, type: { ref: 'io.k8s.api.core.v1.FileKeySelector' }, description: "A key in an env-format file found in one of the pod's volumes. Requires the EnvFiles feature." },
    ],
  },
  'io.k8s.api.core.v1.ConfigMapKeySelector': {
    description: 'Picks one key out of a ConfigMap.',
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The ConfigMap to read, given by name. Its name field appears directly on this object in JSON; in protobuf it is nested at field 1.' },
      { json: 'key', proto: 2, type: 'string', required: true, description: "The key in the ConfigMap's data to use. Keys in binaryData are not usable here." },
      { json: 'optional', proto: 3, type: 'boolean', description: 'If true, a missing ConfigMap or key is tolerated instead of blocking the container.' },
    ],
  },
  'io.k8s.api.core.v1.SecretKeySelector': {
    description: 'Picks one key out of a Secret.',
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The Secret to read, given by name. Its name field appears directly on this object in JSON; in protobuf it is nested at field 1.' },
      { json: 'key', proto: 2, type: 'string', required: true, description: "The key in the Secret's data to use." },
      { json: 'optional', proto: 3, type: 'boolean', description: 'If true, a missing Secret or key is tolerated instead of blocking the container.' },
    ],
  },
  'io.k8s.api.core.v1.ObjectFieldSelector': {
    description: 'Selects one field of an object by path, in terms of a particular API version.',
    fields: [
      { json: 'apiVersion', proto: 1, type: 'string', description: 'The API version the fieldPath refers to; defaults to v1.' },
      { json: 'fieldPath', proto: 2, type: 'string', required: true, description: 'The path of the field to select, e.g. metadata.name.' },
    ],
  },
  'io.k8s.api.core.v1.ResourceFieldSelector': {
    description: "Selects one of a container's resource requests or limits, with an optional unit to express it in.",
    fields: [
      { json: 'containerName', proto: 1, type: 'string', description: 'The container whose resources are read. Required in volumes, optional in environment variables (defaults to the current container).' },
      { json: 'resource', proto: 2, type: 'string', required: true, description: 'Which value to expose, e.g. limits.cpu, requests.memory or limits.ephemeral-storage.' },
      { json: 'divisor', proto: 3, type: 'Quantity', description: 'The unit the value is divided by before it is exposed, e.g. 1m or 1Mi; defaults to 1.' },
    ],
  },
  'io.k8s.api.core.v1.EnvFromSource': {
    description: 'A ConfigMap or Secret whose keys become environment variables. Exactly one of configMapRef and secretRef should be set.',
    fields: [
      { json: 'prefix', proto: 1, type: 'string', description: "Text prepended to every variable name taken from this source; printable ASCII characters except '='." },
      { json: 'configMapRef', proto: 2, type: { ref: 'io.k8s.api.core.v1.ConfigMapEnvSource' }, description: 'The ConfigMap to take variables from.' },
      { json: 'secretRef', proto: 3, type: { ref: 'io.k8s.api.core.v1.SecretEnvSource' }, description: 'The Secret to take variables from.' },
    ],
  },
  'io.k8s.api.core.v1.ConfigMapEnvSource': {
    description: 'A ConfigMap whose data entries become environment variables. Keys in binaryData are not used.',
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The ConfigMap, given by name. Its name field appears directly on this object in JSON; in protobuf it is nested at field 1.' },
      { json: 'optional', proto: 2, type: 'boolean', description: 'If true, the container may start even if the ConfigMap does not exist.' },
    ],
  },
  'io.k8s.api.core.v1.SecretEnvSource': {
    description: 'A Secret whose data entries become environment variables.',
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The Secret, given by name. Its name field appears directly on this object in JSON; in protobuf it is nested at field 1.' },
      { json: 'optional', proto: 2, type: 'boolean', description: 'If true, the container may start even if the Secret does not exist.' },
    ],
  },
  'io.k8s.api.core.v1.ResourceRequirements': {
    description: 'Compute resource requests and limits, plus any dynamically allocated resources in use.',
    fields: [
      { json: 'limits', proto: 1, type: { map: 'Quantity' }, description: 'The most of each resource the container (or pod) may use, e.g. cpu: 500m, memory: 128Mi.' },
      { json: 'requests', proto: 2, type: { map: 'Quantity' }, description: 'The amount of each resource reserved for scheduling. Defaults to the limit when only a limit is given and may not exceed it.' },
      { json: 'claims', proto: 3, type: { list: { ref: 'io.k8s.api.core.v1.ResourceClaim' } }, listType: 'map', listMapKeys: ['name'], description: "Entries of the pod's spec.resourceClaims that this container uses. Only for containers, requires the DynamicResourceAllocation feature, and cannot be changed." },
    ],
  },
  'io.k8s.api.core.v1.ResourceClaim': {
    description: "A reference from a container to one of the pod's resource claims.",
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The name of an entry in the pod's spec.resourceClaims." },
      { json: 'request', proto: 2, type: 'string', description: 'The name of a single request inside that claim to expose; when empty everything allocated for the claim is made available.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerResizePolicy': {
    description: 'How a container reacts when one of its resources is changed in place.',
    fields: [
      { json: 'resourceName', proto: 1, type: 'string', required: true, description: 'The resource the policy applies to. Supported values are cpu and memory.' },
      { json: 'restartPolicy', proto: 2, type: 'string', required: true, description: 'What happens when that resource is resized. One of NotRequired, RestartContainer; defaults to NotRequired.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerRestartRule': {
    description: 'A rule deciding whether an exited container is restarted, based on how it exited.',
    fields: [
      { json: 'action', proto: 1, type: 'string', required: true, description: 'What to do when the rule matches. One of Restart, RestartAllContainers.' },
      { json: 'exitCodes', proto: 2, type: { ref: 'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes' }, description: 'The exit codes that make the rule match.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes': {
    description: "Matches a container's exit code against a set of values.",
    fields: [
      { json: 'operator', proto: 1, type: 'string', required: true, description: 'How the exit code is compared to values. One of In, NotIn.' },
      { json: 'values', proto: 2, type: { list: 'int32' }, listType: 'set', description: 'The exit codes to compare against; at most 255 entries.' },
    ],
  },
  'io.k8s.api.core.v1.VolumeMount': {
    description: "Mounts one of the pod's volumes into a container's filesystem.",
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The name of the pod volume to mount.' },
      { json: 'readOnly', proto: 2, type: 'boolean', description: 'Mount the volume read-only. Defaults to false.' },
      { json: 'recursiveReadOnly', proto: 7, type: 'string', description: 'Whether a read-only mount is also made read-only for submounts beneath it. One of Disabled, IfPossible, Enabled; only allowed when readOnly is true, where it defaults to Disabled.' },
      { json: 'mountPath', proto: 3, type: 'string', required: true, description: "The path inside the container to mount at; may not contain ':'." },
      { json: 'subPath', proto: 4, type: 'string', description: 'A path inside the volume to mount instead of its root. Defaults to the root.' },
      { json: 'mountPropagation', proto: 5, type: 'string', description: 'How mounts propagate between host and container. One of None, HostToContainer, Bidirectional; defaults to None. Must be None or unset when recursiveReadOnly is IfPossible or Enabled.' },
      { json: 'subPathExpr', proto: 6, type: 'string', description: "Like subPath, but $(VAR) references to the container's environment are expanded. Mutually exclusive with subPath. Defaults to the root." },
      { json: 'bindMountOptions', proto: 8, type: { list: 'string' }, listType: 'set', description: 'Extra Linux bind-mount options applied to the mount. Allowed values are noexec, nodev and nosuid; ignored on Windows.' },
    ],
  },
  'io.k8s.api.core.v1.VolumeDevice': {
    description: 'Exposes a block-mode volume to a container as a raw device.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The name of the pod volume, which must be a block-mode persistentVolumeClaim.' },
      { json: 'devicePath', proto: 2, type: 'string', required: true, description: 'The path inside the container where the device appears.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerStatus': {
    description: 'The observed state of one container in a pod.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The container's name, as given in the pod spec." },
      { json: 'state', proto: 2, type: { ref: 'io.k8s.api.core.v1.ContainerState' }, description: 'What the container is doing now.' },
      { json: 'lastState', proto: 3, type: { ref: 'io.k8s.api.core.v1.ContainerState' }, description: "The container's previous termination, kept to help debug restarts; empty while the container has never restarted." },
      { json: 'ready', proto: 4, type: 'boolean', required: true, description: 'Whether the container currently passes its readiness probe. Without a readiness probe it becomes true once the container has started.' },
      { json: 'restartCount', proto: 5, type: 'int32', required: true, description: 'How many times the container has been restarted. The kubelet tries to keep counting, but the value may reset after a node restart; it is never negative.' },
      { json: 'image', proto: 6, type: 'string', required: true, description: 'The image the container is running, which may differ from the spec after the runtime resolved it.' },
      { json: 'imageID', proto: 7, type: 'string', required: true, description: 'The ID (usually a digest) of the image the container is running.' },
      { json: 'containerID', proto: 8, type: 'string', description: "The runtime's ID for the container, written as <runtime>://<id>, e.g. containerd://abc123." },
      { json: 'started', proto: 9, type: 'boolean', description: 'Whether the container has passed its postStart hook and startup probe. Resets to false when the container restarts.' },
      { json: 'allocatedResources', proto: 10, type: { map: 'Quantity' }, description: 'The resources the node has allocated to this container; set to the requests when the pod is admitted or a resize is accepted.' },
      { json: 'resources', proto: 11, type: { ref: 'io.k8s.api.core.v1.ResourceRequirements' }, description: 'The requests and limits actually in effect for the running container, including after a successful in-place resize.' },
      { json: 'volumeMounts', proto: 12, type: { list: { ref: 'io.k8s.api.core.v1.VolumeMountStatus' } }, patchMergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'], description: 'The state of each volume mount in the container.' },
      { json: 'user', proto: 13, type: { ref: 'io.k8s.api.core.v1.ContainerUser' }, description: "The user and group identity the container's first process started with." },
      { json: 'allocatedResourcesStatus', proto: 14, type: { list: { ref: 'io.k8s.api.core.v1.ResourceStatus' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Health of the devices and other resources allocated to the container.' },
      { json: 'stopSignal', proto: 15, type: 'string', description: 'The signal that will actually be sent to stop this container, e.g. SIGTERM.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerState': {
    description: 'What a container is doing now. At most one field is set; if none is, the container is waiting.',
    fields: [
      { json: 'waiting', proto: 1, type: { ref: 'io.k8s.api.core.v1.ContainerStateWaiting' }, description: 'Set while the container has not started yet.' },
      { json: 'running', proto: 2, type: { ref: 'io.k8s.api.core.v1.ContainerStateRunning' }, description: 'Set while the container is running.' },
      { json: 'terminated', proto: 3, type: { ref: 'io.k8s.api.core.v1.ContainerStateTerminated' }, description: 'Set once the container has exited.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerStateWaiting': {
    description: 'A container that has not started yet.',
    fields: [
      { json: 'reason', proto: 1, type: 'string', description: 'A short CamelCase reason, e.g. ContainerCreating, ImagePullBackOff or CrashLoopBackOff.' },
      { json: 'message', proto: 2, type: 'string', description: 'Human-readable detail about why the container is waiting.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerStateRunning': {
    description: 'A container that is running.',
    fields: [
      { json: 'startedAt', proto: 1, type: 'Time', description: 'When the container was most recently started.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerStateTerminated': {
    description: 'A container that has exited.',
    fields: [
      { json: 'exitCode', proto: 1, type: 'int32', required: true, description: "The exit status of the container's process." },
      { json: 'signal', proto: 2, type: 'int32', description: 'The signal that ended the process, if any.' },
      { json: 'reason', proto: 3, type: 'string', description: 'A short CamelCase reason, e.g. Completed, Error or OOMKilled.' },
      { json: 'message', proto: 4, type: 'string', description: 'Human-readable detail about the termination.' },
      { json: 'startedAt', proto: 5, type: 'Time', description: 'When the run that ended began.' },
      { json: 'finishedAt', proto: 6, type: 'Time', description: 'When the container exited.' },
      { json: 'containerID', proto: 7, type: 'string', description: "The runtime's ID for the container, written as <runtime>://<id>." },
    ],
  },
  'io.k8s.api.core.v1.ContainerUser': {
    description: "The identity a container's first process started with.",
    fields: [
      { json: 'linux', proto: 1, type: { ref: 'io.k8s.api.core.v1.LinuxContainerUser' }, description: 'The identity on Linux: uid, gid and supplementary groups.' },
    ],
  },
  'io.k8s.api.core.v1.LinuxContainerUser': {
    description: "The Linux user and groups a container's first process started with. The process may change them later if it is privileged enough.",
    fields: [
      { json: 'uid', proto: 1, type: 'int64', required: true, description: 'The primary user ID.' },
      { json: 'gid', proto: 2, type: 'int64', required: true, description: 'The primary group ID.' },
      { json: 'supplementalGroups', proto: 3, type: { list: 'int64' }, listType: 'atomic', description: 'The supplementary group IDs.' },
    ],
  },
  'io.k8s.api.core.v1.ResourceStatus': {
    description: 'The health of one resource allocated to a container.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The resource's name: for ordinary resources the name used in the pod spec, for dynamically allocated ones claim:<claim name>/<request name> (or claim:<claim name> when no request is named)." },
      { json: 'resources', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.ResourceHealth' } }, listType: 'map', listMapKeys: ['resourceID'], description: 'The health of each individual device or unit backing the resource, keyed by resourceID.' },
    ],
  },
  'io.k8s.api.core.v1.ResourceHealth': {
    description: 'The health of one device or unit backing a resource.',
    fields: [
      { json: 'resourceID', proto: 1, type: 'string', required: true, description: 'An identifier for the device, unique among the resources allocated to the pod.' },
      { json: 'health', proto: 2, type: 'string', description: "The device's health. One of Healthy, Unhealthy, Unknown." },
      { json: 'message', proto: 6, type: 'string', description: 'Human-readable context for the health value, passed on from the resource plugin when available.' },
    ],
  },
  'io.k8s.api.core.v1.VolumeMountStatus': {
    description: "The observed state of one of a container's volume mounts.",
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The name of the VolumeMount this reports on.' },
      { json: 'mountPath', proto: 2, type: 'string', required: true, description: 'The mountPath of that VolumeMount.' },
      { json: 'readOnly', proto: 3, type: 'boolean', description: 'Whether the mount is read-only.' },
      { json: 'recursiveReadOnly', proto: 4, type: 'string', description: 'Whether the mount ended up recursively read-only. One of Disabled, Enabled, or unset for writable mounts; IfPossible in the spec is reported as whichever applied.' },
      { json: 'volumeStatus', proto: 5, type: { ref: 'io.k8s.api.core.v1.VolumeStatus' }, description: 'Status specific to the type of volume mounted.' },
    ],
  },
  'io.k8s.api.core.v1.VolumeStatus': {
    description: 'Type-specific status of a mounted volume; at most one field is set.',
    fields: [
      { json: 'image', proto: 1, type: { ref: 'io.k8s.api.core.v1.ImageVolumeStatus' }, description: 'Status of an image volume.' },
    ],
  },
  'io.k8s.api.core.v1.ImageVolumeStatus': {
    description: 'Status of a volume backed by an OCI image or artifact.',
    fields: [
      { json: 'imageRef', proto: 1, type: 'string', required: true, description: 'The digest of the image that was mounted, comparable to a container status imageID; at most 256 characters.' },
    ],
  },
  'io.k8s.api.core.v1.Probe': {
    description: 'A periodic health check run against a container, used for liveness, readiness and startup detection.',
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.ProbeHandler' }, description: 'The check to perform (one of exec, httpGet, tcpSocket, grpc). Those fields appear directly on the Probe object in JSON; in protobuf they are nested in a ProbeHandler message at field 1.' },
      { json: 'initialDelaySeconds', proto: 2, type: 'int32', description: 'Seconds to wait after the container starts before the first probe.' },
      { json: 'timeoutSeconds', proto: 3, type: 'int32', description: 'Seconds after which a single probe attempt counts as failed. Defaults to 1; minimum 1.' },
      { json: 'periodSeconds', proto: 4, type: 'int32', description: 'Seconds between probe attempts. Defaults to 10; minimum 1.' },
      { json: 'successThreshold', proto: 5, type: 'int32', description: 'Consecutive successes needed, after a failure, for the probe to count as passing again. Defaults to 1 and must be 1 for liveness and startup probes.' },
      { json: 'failureThreshold', proto: 6, type: 'int32', description: 'Consecutive failures needed for the probe to count as failed. Defaults to 3; minimum 1.' },
      { json: 'terminationGracePeriodSeconds', proto: 7, type: 'int64', description: "A grace period, in seconds, used instead of the pod's terminationGracePeriodSeconds when the container is killed because this probe failed. Zero means kill immediately. Not allowed on readiness probes." },
    ],
  },
  'io.k8s.api.core.v1.ProbeHandler': {
    description: 'The action a probe performs. Exactly one field must be set.',
    fields: [
      { json: 'exec', proto: 1, type: { ref: 'io.k8s.api.core.v1.ExecAction' }, description: 'Run a command inside the container; exit status 0 means healthy.' },
      { json: 'httpGet', proto: 2, type: { ref: 'io.k8s.api.core.v1.HTTPGetAction' }, description: 'Send an HTTP GET request; a status code from 200 to 399 means healthy.' },
      { json: 'tcpSocket', proto: 3, type: { ref: 'io.k8s.api.core.v1.TCPSocketAction' }, description: 'Open a TCP connection; success means healthy.' },
      { json: 'grpc', proto: 4, type: { ref: 'io.k8s.api.core.v1.GRPCAction' }, description: 'Call the standard gRPC health-checking service.' },
    ],
  },
  'io.k8s.api.core.v1.ExecAction': {
    description: 'Runs a command inside the container.',
    fields: [
      { json: 'command', proto: 1, type: { list: 'string' }, listType: 'atomic', description: 'The command and its arguments. It runs directly, not through a shell, with / as working directory; to use shell features call a shell explicitly. Exit status 0 means success.' },
    ],
  },
  'io.k8s.api.core.v1.HTTPGetAction': {
    description: 'Sends an HTTP GET request.',
    fields: [
      { json: 'path', proto: 1, type: 'string', description: 'The request path on the server.' },
      { json: 'port', proto: 2, type: 'IntOrString', required: true, description: 'The port to connect to, by number (1 to 65535) or by the name of a container port.' },
      { json: 'host', proto: 3, type: 'string', description: 'The host to connect to; defaults to the pod IP. To set a virtual host, use an HTTP Host header instead.' },
      { json: 'scheme', proto: 4, type: 'string', description: 'The scheme to use. One of HTTP, HTTPS; defaults to HTTP. HTTPS does not verify the certificate.' },
      { json: 'httpHeaders', proto: 5, type: { list: { ref: 'io.k8s.api.core.v1.HTTPHeader' } }, listType: 'atomic', description: 'Extra headers to send; a header name may repeat.' },
      { json: 'protocol', proto: 6, type: 'string', description: 'The HTTP protocol version used for the probe connection. One of HTTP1, HTTP2; defaults to HTTP1.' },
    ],
  },
  'io.k8s.api.core.v1.HTTPHeader': {
    description: 'A header sent with an HTTP probe.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The header name; matched case-insensitively.' },
      { json: 'value', proto: 2, type: 'string', required: true, description: 'The header value.' },
    ],
  },
  'io.k8s.api.core.v1.TCPSocketAction': {
    description: 'Opens a TCP connection.',
    fields: [
      { json: 'port', proto: 1, type: 'IntOrString', required: true, description: 'The port to connect to, by number (1 to 65535) or by the name of a container port.' },
      { json: 'host', proto: 2, type: 'string', description: 'The host to connect to; defaults to the pod IP.' },
    ],
  },
  'io.k8s.api.core.v1.GRPCAction': {
    description: 'Calls the gRPC health-checking protocol.',
    fields: [
      { json: 'port', proto: 1, type: 'int32', required: true, description: 'The port number of the gRPC server, between 1 and 65535.' },
      { json: 'service', proto: 2, type: 'string', description: "The service name to put in the health check request; when unset, gRPC's default behaviour (overall server health) applies." },
      { json: 'mode', proto: 3, type: 'string', description: 'How to connect. One of Plaintext, TLS (without certificate verification); defaults to Plaintext.' },
    ],
  },
  'io.k8s.api.core.v1.Lifecycle': {
    description: "Actions run in response to a container's lifecycle events. The container's management blocks until the hook finishes, unless the container process exits first.",
    fields: [
      { json: 'postStart', proto: 1, type: { ref: 'io.k8s.api.core.v1.LifecycleHandler' }, description: 'Runs right after the container is created. If it fails the container is killed and handled by its restart policy.' },
      { json: 'preStop', proto: 2, type: { ref: 'io.k8s.api.core.v1.LifecycleHandler' }, description: "Runs just before the container is stopped by an API request or a management event (probe failure, preemption and so on), not when the container exits by itself. The pod's termination grace period keeps counting while it runs." },
      { json: 'stopSignal', proto: 3, type: 'string', description: "The signal sent to stop the container, e.g. SIGTERM, SIGINT, SIGKILL or one of the other standard or real-time POSIX signals (SIGRTMIN+n, SIGRTMAX-n). When unset the runtime's default is used; setting it requires spec.os.name." },
    ],
  },
  'io.k8s.api.core.v1.LifecycleHandler': {
    description: 'The action taken by a lifecycle hook. Exactly one of exec, httpGet and sleep should be set.',
    fields: [
      { json: 'exec', proto: 1, type: { ref: 'io.k8s.api.core.v1.ExecAction' }, description: 'Run a command inside the container.' },
      { json: 'httpGet', proto: 2, type: { ref: 'io.k8s.api.core.v1.HTTPGetAction' }, description: 'Send an HTTP GET request.' },
      { json: 'tcpSocket', proto: 3, type: { ref: 'io.k8s.api.core.v1.TCPSocketAction' }, description: 'Deprecated and not supported for lifecycle hooks; kept only so old objects still decode, and hooks using it fail at runtime.' },
      { json: 'sleep', proto: 4, type: { ref: 'io.k8s.api.core.v1.SleepAction' }, description: 'Pause for a number of seconds.' },
    ],
  },
  'io.k8s.api.core.v1.SleepAction': {
    description: 'Pauses for a fixed time.',
    fields: [
      { json: 'seconds', proto: 1, type: 'int64', required: true, description: 'How many seconds to sleep.' },
    ],
  },
  'io.k8s.api.core.v1.SecurityContext': {
    description: "Security settings for one container. Where a setting also exists in the pod's securityContext, the container value wins.",
    fields: [
      { json: 'capabilities', proto: 1, type: { ref: 'io.k8s.api.core.v1.Capabilities' }, description: "POSIX capabilities to add to or drop from the runtime's default set. Not allowed on Windows pods." },
      { json: 'privileged', proto: 2, type: 'boolean', description: 'Run the container privileged, which is essentially root on the host. Defaults to false. Not allowed on Windows pods.' },
      { json: 'seLinuxOptions', proto: 3, type: { ref: 'io.k8s.api.core.v1.SELinuxOptions' }, description: 'The SELinux context for the container; when unset the runtime picks one. Not allowed on Windows pods.' },
      { json: 'windowsOptions', proto: 10, type: { ref: 'io.k8s.api.core.v1.WindowsSecurityContextOptions' }, description: 'Windows-specific settings for the container. Not allowed on Linux pods.' },
      { json: 'runAsUser', proto: 4, type: 'int64', description: "The user ID the container's process runs as; defaults to the image's user. Not allowed on Windows pods." },
      { json: 'runAsGroup', proto: 8, type: 'int64', description: "The primary group ID the container's process runs as; defaults to the runtime's choice. Not allowed on Windows pods." },
      { json: 'runAsNonRoot', proto: 5, type: 'boolean', description: 'Require the container to run as a non-root user; the kubelet refuses to start it if it would run as UID 0.' },
      { json: 'readOnlyRootFilesystem', proto: 6, type: 'boolean', description: "Mount the container's root filesystem read-only. Defaults to false. Not allowed on Windows pods." },
      { json: 'allowPrivilegeEscalation', proto: 7, type: 'boolean', description: 'Whether a process may gain more privileges than its parent (controls the no_new_privs flag). It is always true when the container is privileged or has CAP_SYS_ADMIN. Not allowed on Windows pods.' },
      { json: 'procMount', proto: 9, type: 'string', description: "Which /proc mount the container gets. One of Default (the runtime's masked and read-only paths), Unmasked (no masking; needs a user namespace). Not allowed on Windows pods." },
      { json: 'seccompProfile', proto: 11, type: { ref: 'io.k8s.api.core.v1.SeccompProfile' }, description: "The seccomp profile for the container, overriding the pod's. Not allowed on Windows pods." },
      { json: 'appArmorProfile', proto: 12, type: { ref: 'io.k8s.api.core.v1.AppArmorProfile' }, description: "The AppArmor profile for the container, overriding the pod's. Not allowed on Windows pods." },
    ],
  },
  'io.k8s.api.core.v1.PodSecurityContext': {
    description: 'Pod-wide security settings and defaults for every container. Container securityContext values take precedence where both are set.',
    fields: [
      { json: 'seLinuxOptions', proto: 1, type: { ref: 'io.k8s.api.core.v1.SELinuxOptions' }, description: 'The SELinux context applied to all containers unless a container sets its own. Not allowed on Windows pods.' },
      { json: 'windowsOptions', proto: 8, type: { ref: 'io.k8s.api.core.v1.WindowsSecurityContextOptions' }, description: 'Windows-specific settings applied to all containers unless a container sets its own. Not allowed on Linux pods.' },
      { json: 'runAsUser', proto: 2, type: 'int64', description: "The default user ID for container processes; defaults to the image's user. Not allowed on Windows pods." },
      { json: 'runAsGroup', proto: 6, type: 'int64', description: 'The default primary group ID for container processes. Not allowed on Windows pods.' },
      { json: 'runAsNonRoot', proto: 3, type: 'boolean', description: 'Require all containers to run as a non-root user; the kubelet refuses to start any that would run as UID 0.' },
      { json: 'supplementalGroups', proto: 4, type: { list: 'int64' }, listType: 'atomic', description: 'Extra group IDs given to the first process of every container, in addition to its primary group and fsGroup. Not allowed on Windows pods.' },
      { json: 'supplementalGroupsPolicy', proto: 12, type: 'string', description: 'How the supplementary groups of container processes are computed. One of Merge (also include groups the image defines for the user), Strict (only the groups set here); defaults to Merge. Not allowed on Windows pods.' },
      { json: 'fsGroup', proto: 5, type: 'int64', description: "A group ID applied to volumes that support ownership management: files are chowned to it, made group-writable and given the setgid bit, and it is added to every container's groups. Not allowed on Windows pods." },
      { json: 'sysctls', proto: 7, type: { list: { ref: 'io.k8s.api.core.v1.Sysctl' } }, listType: 'atomic', description: 'Namespaced kernel parameters to set for the pod. Pods using sysctls the runtime does not support may fail to start. Not allowed on Windows pods.' },
      { json: 'fsGroupChangePolicy', proto: 9, type: 'string', description: 'When volume ownership is changed to match fsGroup. One of OnRootMismatch (only when the volume root does not already match), Always; defaults to Always. Not allowed on Windows pods.' },
      { json: 'seccompProfile', proto: 10, type: { ref: 'io.k8s.api.core.v1.SeccompProfile' }, description: "The seccomp profile used by the pod's containers. Not allowed on Windows pods." },
      { json: 'appArmorProfile', proto: 11, type: { ref: 'io.k8s.api.core.v1.AppArmorProfile' }, description: "The AppArmor profile used by the pod's containers. Not allowed on Windows pods." },
      { json: 'seLinuxChangePolicy', proto: 13, type: 'string', description: "How the pod's SELinux label is applied to its volumes. One of Recursive (relabel every file), MountOption (mount with the label, when all of the pod's volumes support it). Not allowed on Windows pods." },
    ],
  },
  'io.k8s.api.core.v1.Capabilities': {
    description: 'POSIX capabilities to add to and remove from a container.',
    fields: [
      { json: 'add', proto: 1, type: { list: 'string' }, listType: 'atomic', description: 'Capabilities to add, e.g. NET_ADMIN.' },
      { json: 'drop', proto: 2, type: { list: 'string' }, listType: 'atomic', description: 'Capabilities to remove, e.g. ALL.' },
    ],
  },
  'io.k8s.api.core.v1.SELinuxOptions': {
    description: 'SELinux labels to apply to a container.',
    fields: [
      { json: 'user', proto: 1, type: 'string', description: 'The SELinux user label.' },
      { json: 'role', proto: 2, type: 'string', description: 'The SELinux role label.' },
      { json: 'type', proto: 3, type: 'string', description: 'The SELinux type label.' },
      { json: 'level', proto: 4, type: 'string', description: 'The SELinux level label.' },
    ],
  },
  'io.k8s.api.core.v1.SeccompProfile': {
    description: 'Which seccomp profile to apply. Only one profile source may be set.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: "The kind of profile. One of RuntimeDefault (the runtime's default), Unconfined (no filtering), Localhost (a profile file on the node)." },
      { json: 'localhostProfile', proto: 2, type: 'string', description: "The profile file to use when type is Localhost, as a path relative to the kubelet's seccomp profile directory. Must be set for Localhost and only then." },
    ],
  },
  'io.k8s.api.core.v1.AppArmorProfile': {
    description: 'Which AppArmor profile to apply.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: "The kind of profile. One of RuntimeDefault (the runtime's default), Unconfined (no AppArmor enforcement), Localhost (a profile already loaded on the node)." },
      { json: 'localhostProfile', proto: 2, type: 'string', description: 'The name of the loaded profile to use when type is Localhost. Must be set for Localhost and only then.' },
    ],
  },
  'io.k8s.api.core.v1.WindowsSecurityContextOptions': {
    description: 'Windows-specific security settings.',
    fields: [
      { json: 'gmsaCredentialSpecName', proto: 1, type: 'string', description: 'The name of the GMSA credential spec resource to use.' },
      { json: 'gmsaCredentialSpec', proto: 2, type: 'string', description: 'The contents of the GMSA credential spec, normally filled in by the GMSA admission webhook from gmsaCredentialSpecName.' },
      { json: 'runAsUserName', proto: 3, type: 'string', description: "The Windows user name to run the container's entrypoint as; defaults to the image's user." },
      { json: 'hostProcess', proto: 4, type: 'boolean', description: 'Run the container as a Windows HostProcess container, directly on the host. All containers of the pod must agree, and hostNetwork must also be true.' },
    ],
  },
  'io.k8s.api.core.v1.Sysctl': {
    description: 'A kernel parameter to set.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The sysctl's name, e.g. net.ipv4.ip_local_port_range." },
      { json: 'value', proto: 2, type: 'string', required: true, description: 'The value to set.' },
    ],
  },
  'io.k8s.api.core.v1.Volume': {
    description: 'A named volume in a pod that any of its containers may mount.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The volume's name, a DNS label unique within the pod; volume mounts refer to it." },
      { json: '', proto: 2, type: { ref: 'io.k8s.api.core.v1.VolumeSource' }, description: "Where the volume's data comes from (hostPath, emptyDir, secret, configMap, persistentVolumeClaim, ...). Those fields appear directly on the Volume object in JSON; in protobuf they are nested in a VolumeSource message at field 2. If no source is given the volume is treated as an emptyDir, a deprecated behaviour." },
    ],
  },
  'io.k8s.api.core.v1.VolumeSource': {
    description: 'The backing of a volume. Exactly one field should be set.',
    fields: [
      { json: 'hostPath', proto: 1, type: { ref: 'io.k8s.api.core.v1.HostPathVolumeSource' }, description: 'A file or directory on the node, exposed directly to the pod. Meant for privileged system agents; most workloads should not use it.' },
      { json: 'emptyDir', proto: 2, type: { ref: 'io.k8s.api.core.v1.EmptyDirVolumeSource' }, description: 'A scratch directory that starts empty and lives as long as the pod.' },
      { json: 'gcePersistentDisk', proto: 3, type: { ref: 'io.k8s.api.core.v1.GCEPersistentDiskVolumeSource' }, description: 'Deprecated in-tree Google Compute Engine persistent disk; handled by the GCE PD CSI driver.' },
      { json: 'awsElasticBlockStore', proto: 4, type: { ref: 'io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource' }, description: 'Deprecated in-tree AWS EBS volume; handled by the EBS CSI driver.' },
      { json: 'gitRepo', proto: 5, type: { ref: 'io.k8s.api.core.v1.GitRepoVolumeSource' }, description: 'Deprecated: a directory populated from a git repository. Prefer cloning into an emptyDir from an init container.' },
      { json: 'secret', proto: 6, type: { ref: 'io.k8s.api.core.v1.SecretVolumeSource' }, description: "A Secret's entries projected as files." },
      { json: 'nfs', proto: 7, type: { ref: 'io.k8s.api.core.v1.NFSVolumeSource' }, description: 'An NFS export mounted from a server.' },
      { json: 'iscsi', proto: 8, type: { ref: 'io.k8s.api.core.v1.ISCSIVolumeSource' }, description: 'An iSCSI disk attached to the node and exposed to the pod.' },
      { json: 'glusterfs', proto: 9, type: { ref: 'io.k8s.api.core.v1.GlusterfsVolumeSource' }, description: 'Deprecated and no longer supported: a Glusterfs mount.' },
      { json: 'persistentVolumeClaim', proto: 10, type: { ref: 'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource' }, description: "A PersistentVolumeClaim in the pod's namespace, mounting whatever volume it is bound to." },
      { json: 'rbd', proto: 11, type: { ref: 'io.k8s.api.core.v1.RBDVolumeSource' }, description: 'Deprecated and no longer supported: a Ceph RADOS block device.' },
      { json: 'flexVolume', proto: 12, type: { ref: 'io.k8s.api.core.v1.FlexVolumeSource' }, description: 'Deprecated: a volume handled by an exec-based FlexVolume driver. Use CSI instead.' },
      { json: 'cinder', proto: 13, type: { ref: 'io.k8s.api.core.v1.CinderVolumeSource' }, description: 'Deprecated in-tree OpenStack Cinder volume; handled by the Cinder CSI driver.' },
      { json: 'cephfs', proto: 14, type: { ref: 'io.k8s.api.core.v1.CephFSVolumeSource' }, description: 'Deprecated and no longer supported: a CephFS mount.' },
      { json: 'flocker', proto: 15, type: { ref: 'io.k8s.api.core.v1.FlockerVolumeSource' }, description: 'Deprecated and no longer supported: a Flocker dataset.' },
      { json: 'downwardAPI', proto: 16, type: { ref: 'io.k8s.api.core.v1.DownwardAPIVolumeSource' }, description: 'Files containing information about the pod itself.' },
      { json: 'fc', proto: 17, type: { ref: 'io.k8s.api.core.v1.FCVolumeSource' }, description: 'A Fibre Channel disk attached to the node and exposed to the pod.' },
      { json: 'azureFile', proto: 18, type: { ref: 'io.k8s.api.core.v1.AzureFileVolumeSource' }, description: 'Deprecated in-tree Azure Files share; handled by the Azure Files CSI driver.' },
      { json: 'configMap', proto: 19, type: { ref: 'io.k8s.api.core.v1.ConfigMapVolumeSource' }, description: "A ConfigMap's entries projected as files." },
      { json: 'vsphereVolume', proto: 20, type: { ref: 'io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource' }, description: 'Deprecated in-tree vSphere disk; handled by the vSphere CSI driver.' },
      { json: 'quobyte', proto: 21, type: { ref: 'io.k8s.api.core.v1.QuobyteVolumeSource' }, description: 'Deprecated and no longer supported: a Quobyte volume.' },
      { json: 'azureDisk', proto: 22, type: { ref: 'io.k8s.api.core.v1.AzureDiskVolumeSource' }, description: 'Deprecated in-tree Azure data disk; handled by the Azure Disk CSI driver.' },
      { json: 'photonPersistentDisk', proto: 23, type: { ref: 'io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource' }, description: 'Deprecated and no longer supported: a Photon Controller persistent disk.' },
      { json: 'projected', proto: 26, type: { ref: 'io.k8s.api.core.v1.ProjectedVolumeSource' }, description: 'Several sources (secrets, config maps, downward API, service account tokens and more) combined into one directory.' },
      { json: 'portworxVolume', proto: 24, type: { ref: 'io.k8s.api.core.v1.PortworxVolumeSource' }, description: 'Deprecated in-tree Portworx volume; handled by the Portworx CSI driver.' },
      { json: 'scaleIO', proto: 25, type: { ref: 'io.k8s.api.core.v1.ScaleIOVolumeSource' }, description: 'Deprecated and no longer supported: a ScaleIO volume.' },
      { json: 'storageos', proto: 27, type: { ref: 'io.k8s.api.core.v1.StorageOSVolumeSource' }, description: 'Deprecated and no longer supported: a StorageOS volume.' },
      { json: 'csi', proto: 28, type: { ref: 'io.k8s.api.core.v1.CSIVolumeSource' }, description: 'An inline ephemeral volume provided by a CSI driver that supports it.' },
      { json: 'ephemeral', proto: 29, type: { ref: 'io.k8s.api.core.v1.EphemeralVolumeSource' }, description: 'A volume provisioned through a PersistentVolumeClaim that is created from a template together with the pod and deleted with it.' },
      { json: 'image', proto: 30, type: { ref: 'io.k8s.api.core.v1.ImageVolumeSource' }, description: 'An OCI image or artifact pulled by the kubelet and mounted read-only.' },
    ],
  },
  'io.k8s.api.core.v1.HostPathVolumeSource': {
    description: 'A file or directory on the node mapped into the pod. No ownership management or SELinux relabelling is done.',
    fields: [
      { json: 'path', proto: 1, type: 'string', required: true, description: 'The path on the node; symlinks are followed.' },
      { json: 'type', proto: 2, type: 'string', description: 'What is expected to exist at the path. One of "" (no check, the default), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.' },
    ],
  },
  'io.k8s.api.core.v1.EmptyDirVolumeSource': {
    description: 'A scratch directory that starts empty and is deleted with the pod. Supports ownership management and SELinux relabelling.',
    fields: [
      { json: 'medium', proto: 1, type: 'string', description: 'What backs the directory. One of "" (the node\'s default storage), Memory (a tmpfs), HugePages or HugePages-<size>.' },
      { json: 'sizeLimit', proto: 2, type: 'Quantity', description: "The most local storage the directory may use; for Memory it is further capped by the pod's memory limits. Unset means no explicit limit." },
      { json: 'mode', proto: 3, type: 'int32', description: 'Permission bits for the directory itself, from 0 to 01777 (decimal in JSON); defaults to 0777. May interact with fsGroup.' },
    ],
  },
  'io.k8s.api.core.v1.SecretVolumeSource': {
    description: 'Projects a Secret into a volume, one file per key. Supports ownership management and SELinux relabelling.',
    fields: [
      { json: 'secretName', proto: 1, type: 'string', description: 'Which Secret to project, by name; it must live in the same namespace as the pod.' },
      { json: 'items', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.KeyToPath' } }, listType: 'atomic', description: 'Which keys to project and under which paths. When set, only the listed keys appear; when unset every key becomes a file named after it. Listing a key that does not exist is an error unless optional is true.' },
      { json: 'defaultMode', proto: 3, type: 'int32', description: 'Permission bits for the created files, from 0 to 0777 (decimal in JSON); defaults to 0644. Per-item mode overrides it; fsGroup may add bits.' },
      { json: 'optional', proto: 4, type: 'boolean', description: 'If true, the pod may start even when the Secret or a listed key is missing.' },
      { json: 'defaultUser', proto: 5, type: 'int64', description: 'The owner UID of created files when an item does not set its own. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.ConfigMapVolumeSource': {
    description: 'Projects a ConfigMap into a volume, one file per key. Supports ownership management and SELinux relabelling.',
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The ConfigMap, given by name. Its name field appears directly on this object in JSON; in protobuf it is nested at field 1.' },
      { json: 'items', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.KeyToPath' } }, listType: 'atomic', description: 'Which keys to project and under which paths. When set, only the listed keys appear; when unset every key becomes a file named after it. Listing a key that does not exist is an error unless optional is true.' },
      { json: 'defaultMode', proto: 3, type: 'int32', description: 'Permission bits for the created files, from 0 to 0777 (decimal in JSON); defaults to 0644. Per-item mode overrides it; fsGroup may add bits.' },
      { json: 'optional', proto: 4, type: 'boolean', description: 'If true, the pod may start even when the ConfigMap or a listed key is missing.' },
      { json: 'defaultUser', proto: 5, type: 'int64', description: 'The owner UID of created files when an item does not set its own. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.KeyToPath': {
    description: 'Maps one key of a Secret or ConfigMap to a file path in the volume.',
    fields: [
      { json: 'key', proto: 1, type: 'string', required: true, description: 'The key to project.' },
      { json: 'path', proto: 2, type: 'string', required: true, description: "The relative file path to write it to. Must not be absolute, contain a '..' element or start with '..'." },
      { json: 'mode', proto: 3, type: 'int32', description: "Permission bits for this file, from 0 to 0777 (decimal in JSON); defaults to the volume's defaultMode." },
      { json: 'user', proto: 4, type: 'int64', description: "The owner UID for this file, overriding the volume's defaultUser. Alpha, behind the AtomicWriteVolumeUserFields feature." },
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource': {
    description: "Mounts the volume bound to a PersistentVolumeClaim in the pod's namespace.",
    fields: [
      { json: 'claimName', proto: 1, type: 'string', required: true, description: 'The name of the PersistentVolumeClaim.' },
      { json: 'readOnly', proto: 2, type: 'boolean', description: 'Force every mount of this volume to be read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.DownwardAPIVolumeSource': {
    description: 'A volume of files describing the pod itself. Supports ownership management and SELinux relabelling.',
    fields: [
      { json: 'items', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.DownwardAPIVolumeFile' } }, listType: 'atomic', description: 'The files to create and what each contains.' },
      { json: 'defaultMode', proto: 2, type: 'int32', description: 'Permission bits for the created files, from 0 to 0777 (decimal in JSON); defaults to 0644. Per-item mode overrides it.' },
      { json: 'defaultUser', proto: 3, type: 'int64', description: 'The owner UID of created files when an item does not set its own. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.DownwardAPIVolumeFile': {
    description: 'One file in a downward API volume, holding a pod field or a container resource value.',
    fields: [
      { json: 'path', proto: 1, type: 'string', required: true, description: "The relative path of the file. Must not be absolute or contain '..', and must be UTF-8." },
      { json: 'fieldRef', proto: 2, type: { ref: 'io.k8s.api.core.v1.ObjectFieldSelector' }, description: 'A pod field to write; supported are metadata.name, metadata.namespace, metadata.uid, metadata.labels and metadata.annotations (whole or by key).' },
      { json: 'resourceFieldRef', proto: 3, type: { ref: 'io.k8s.api.core.v1.ResourceFieldSelector' }, description: 'A container request or limit to write, e.g. limits.cpu or requests.memory.' },
      { json: 'mode', proto: 4, type: 'int32', description: "Permission bits for this file, from 0 to 0777 (decimal in JSON); defaults to the volume's defaultMode." },
      { json: 'user', proto: 5, type: 'int64', description: 'The owner UID for this file. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.ProjectedVolumeSource': {
    description: 'Several volume sources combined into one directory.',
    fields: [
      { json: 'sources', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.VolumeProjection' } }, listType: 'atomic', description: 'The projections to combine, each handling one source.' },
      { json: 'defaultMode', proto: 2, type: 'int32', description: 'Permission bits for the created files, from 0 to 0777 (decimal in JSON); defaults to 0644. Per-item mode overrides it.' },
      { json: 'defaultUser', proto: 3, type: 'int64', description: 'The owner UID of created files when an item does not set its own. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.VolumeProjection': {
    description: 'One source within a projected volume. Exactly one field must be set.',
    fields: [
      { json: 'secret', proto: 1, type: { ref: 'io.k8s.api.core.v1.SecretProjection' }, description: 'Entries of a Secret.' },
      { json: 'downwardAPI', proto: 2, type: { ref: 'io.k8s.api.core.v1.DownwardAPIProjection' }, description: 'Information about the pod itself.' },
      { json: 'configMap', proto: 3, type: { ref: 'io.k8s.api.core.v1.ConfigMapProjection' }, description: 'Entries of a ConfigMap.' },
      { json: 'serviceAccountToken', proto: 4, type: { ref: 'io.k8s.api.core.v1.ServiceAccountTokenProjection' }, description: 'A service account token, rotated automatically.' },
      { json: 'clusterTrustBundle', proto: 5, type: { ref: 'io.k8s.api.core.v1.ClusterTrustBundleProjection' }, description: 'Certificates from ClusterTrustBundle objects, kept up to date, selected by name or by signer name and labels.' },
      { json: 'podCertificate', proto: 6, type: { ref: 'io.k8s.api.core.v1.PodCertificateProjection' }, description: 'A private key and certificate chain for the pod, issued by a named signer through PodCertificateRequests and rotated automatically.' },
    ],
  },
  'io.k8s.api.core.v1.SecretProjection': {
    description: "A Secret's entries projected into a projected volume. Like a secret volume but without its own defaultMode.",
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The Secret, given by name. Its name field appears directly on this object in JSON; in protobuf it is nested at field 1.' },
      { json: 'items', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.KeyToPath' } }, listType: 'atomic', description: 'Which keys to project and under which paths; when unset every key becomes a file named after it. Listing a missing key is an error unless optional is true.' },
      { json: 'optional', proto: 4, type: 'boolean', description: 'If true, a missing Secret or key is tolerated.' },
    ],
  },
  'io.k8s.api.core.v1.ConfigMapProjection': {
    description: "A ConfigMap's entries projected into a projected volume. Like a configMap volume but without its own defaultMode.",
    fields: [
      { json: '', proto: 1, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The ConfigMap, given by name. Its name field appears directly on this object in JSON; in protobuf it is nested at field 1.' },
      { json: 'items', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.KeyToPath' } }, listType: 'atomic', description: 'Which keys to project and under which paths; when unset every key becomes a file named after it. Listing a missing key is an error unless optional is true.' },
      { json: 'optional', proto: 4, type: 'boolean', description: 'If true, a missing ConfigMap or key is tolerated.' },
    ],
  },
  'io.k8s.api.core.v1.DownwardAPIProjection': {
    description: 'Downward API files projected into a projected volume. Like a downwardAPI volume but without its own defaultMode.',
    fields: [
      { json: 'items', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.DownwardAPIVolumeFile' } }, listType: 'atomic', description: 'The files to create and what each contains.' },
    ],
  },
  'io.k8s.api.core.v1.ServiceAccountTokenProjection': {
    description: "A token for the pod's service account, written to a file and refreshed by the kubelet before it expires.",
    fields: [
      { json: 'audience', proto: 1, type: 'string', description: "The audience the token is issued for; recipients should reject tokens not meant for them. Defaults to the API server's audience." },
      { json: 'expirationSeconds', proto: 2, type: 'int64', description: 'The requested lifetime of the token in seconds; defaults to one hour and must be at least ten minutes. The kubelet rotates the token when 80% of its lifetime has passed or it is older than 24 hours.' },
      { json: 'path', proto: 3, type: 'string', required: true, description: 'The file path, relative to the mount point, to write the token to.' },
      { json: 'user', proto: 4, type: 'int64', description: 'The owner UID of the token file. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.ClusterTrustBundleProjection': {
    description: 'Writes the certificates of selected ClusterTrustBundle objects to a file, kept up to date.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: 'Select one ClusterTrustBundle by name. Mutually exclusive with signerName and labelSelector.' },
      { json: 'signerName', proto: 2, type: 'string', description: 'Select every ClusterTrustBundle for this signer; their contents are merged and de-duplicated. Mutually exclusive with name.' },
      { json: 'labelSelector', proto: 3, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector' }, description: 'Narrows the bundles selected by signerName. Unset matches nothing; an empty selector matches everything. Mutually exclusive with name.' },
      { json: 'optional', proto: 5, type: 'boolean', description: 'If true, pod startup is not blocked when no matching bundle exists; an empty file is written instead.' },
      { json: 'path', proto: 4, type: 'string', required: true, description: 'The file path, relative to the volume root, to write the certificates to.' },
      { json: 'user', proto: 6, type: 'int64', description: 'The owner UID of the file. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.PodCertificateProjection': {
    description: 'Provides the pod with a private key and a certificate issued for it, rotated automatically by the kubelet.',
    fields: [
      { json: 'signerName', proto: 1, type: 'string', required: true, description: "The signer the kubelet's certificate requests are addressed to." },
      { json: 'keyType', proto: 2, type: 'string', required: true, description: 'The key pair algorithm the kubelet generates. One of RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521, ED25519.' },
      { json: 'maxExpirationSeconds', proto: 3, type: 'int32', description: 'The longest certificate lifetime the pod will accept; copied into each request. Defaults to 86400 (24 hours).' },
      { json: 'credentialBundlePath', proto: 4, type: 'string', description: 'Where to write a single PEM file containing the private key followed by the certificate chain. The recommended way to consume the credentials.' },
      { json: 'keyPath', proto: 5, type: 'string', description: 'Where to write the private key on its own. Must be combined with certificateChainPath.' },
      { json: 'certificateChainPath', proto: 6, type: 'string', description: 'Where to write the certificate chain on its own. Must be combined with keyPath.' },
      { json: 'userAnnotations', proto: 7, type: { map: 'string' }, description: 'Extra key/value information passed unvalidated to the signer in each request.' },
      { json: 'user', proto: 8, type: 'int64', description: 'The owner UID of the created files. Alpha, behind the AtomicWriteVolumeUserFields feature.' },
    ],
  },
  'io.k8s.api.core.v1.NFSVolumeSource': {
    description: "An NFS export mounted for the pod's lifetime. No ownership management or SELinux relabelling is done.",
    fields: [
      { json: 'server', proto: 1, type: 'string', required: true, description: 'The host name or IP address of the NFS server.' },
      { json: 'path', proto: 2, type: 'string', required: true, description: 'The path exported by the server.' },
      { json: 'readOnly', proto: 3, type: 'boolean', description: 'Mount the export read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.GCEPersistentDiskVolumeSource': {
    description: 'A Google Compute Engine persistent disk. It must already exist in the same project and zone as the node, and can be attached read-write to one node or read-only to many.',
    fields: [
      { json: 'pdName', proto: 1, type: 'string', required: true, description: 'The name of the disk in GCE.' },
      { json: 'fsType', proto: 2, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'partition', proto: 3, type: 'int32', description: 'The partition number to mount; when unset or 0 the whole device is mounted.' },
      { json: 'readOnly', proto: 4, type: 'boolean', description: 'Force every mount of the disk to be read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource': {
    description: 'An AWS EBS volume. It must already exist in the same availability zone as the node and can be attached read-write to one node at a time.',
    fields: [
      { json: 'volumeID', proto: 1, type: 'string', required: true, description: 'The ID of the EBS volume.' },
      { json: 'fsType', proto: 2, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'partition', proto: 3, type: 'int32', description: 'The partition number to mount; when unset or 0 the whole device is mounted.' },
      { json: 'readOnly', proto: 4, type: 'boolean', description: 'Force every mount of the volume to be read-only.' },
    ],
  },
  'io.k8s.api.core.v1.GitRepoVolumeSource': {
    description: 'Deprecated: a directory filled with a clone of a git repository. No ownership management is done; SELinux relabelling is.',
    fields: [
      { json: 'repository', proto: 1, type: 'string', required: true, description: 'The URL of the repository.' },
      { json: 'revision', proto: 2, type: 'string', description: 'The commit to check out.' },
      { json: 'directory', proto: 3, type: 'string', description: "The directory to clone into. '.' puts the repository at the volume root; otherwise a subdirectory with this name is used. Must not contain or start with '..'." },
    ],
  },
  'io.k8s.api.core.v1.ISCSIVolumeSource': {
    description: 'An iSCSI disk. It can be attached read-write to one node at a time.',
    fields: [
      { json: 'targetPortal', proto: 1, type: 'string', required: true, description: 'The target portal, an IP address or ip:port when the port is not the default (860 or 3260).' },
      { json: 'iqn', proto: 2, type: 'string', required: true, description: 'The iSCSI Qualified Name of the target.' },
      { json: 'lun', proto: 3, type: 'int32', required: true, description: 'The LUN number on the target.' },
      { json: 'iscsiInterface', proto: 4, type: 'string', description: 'The iSCSI interface to use; defaults to default (TCP).' },
      { json: 'fsType', proto: 5, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'readOnly', proto: 6, type: 'boolean', description: 'Force every mount of the disk to be read-only. Defaults to false.' },
      { json: 'portals', proto: 7, type: { list: 'string' }, listType: 'atomic', description: 'Additional target portals, each an IP address or ip:port.' },
      { json: 'chapAuthDiscovery', proto: 8, type: 'boolean', description: 'Whether CHAP authentication is used for discovery.' },
      { json: 'chapAuthSession', proto: 11, type: 'boolean', description: 'Whether CHAP authentication is used for sessions.' },
      { json: 'secretRef', proto: 10, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'The Secret holding the CHAP credentials.' },
      { json: 'initiatorName', proto: 12, type: 'string', description: 'A custom initiator name. If given together with iscsiInterface, a new interface named <target portal>:<volume name> is created for the connection.' },
    ],
  },
  'io.k8s.api.core.v1.GlusterfsVolumeSource': {
    description: 'A Glusterfs mount. No ownership management or SELinux relabelling is done. Deprecated and no longer supported.',
    fields: [
      { json: 'endpoints', proto: 1, type: 'string', required: true, description: 'The name of the Endpoints object listing the Glusterfs servers.' },
      { json: 'path', proto: 2, type: 'string', required: true, description: 'The Glusterfs volume path.' },
      { json: 'readOnly', proto: 3, type: 'boolean', description: 'Mount the volume read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.RBDVolumeSource': {
    description: 'A Ceph RADOS block device. Deprecated and no longer supported.',
    fields: [
      { json: 'monitors', proto: 1, type: { list: 'string' }, required: true, listType: 'atomic', description: 'The Ceph monitors to contact.' },
      { json: 'image', proto: 2, type: 'string', required: true, description: 'The name of the RADOS image.' },
      { json: 'fsType', proto: 3, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'pool', proto: 4, type: 'string', description: 'The RADOS pool; defaults to rbd.' },
      { json: 'user', proto: 5, type: 'string', description: 'The RADOS user; defaults to admin.' },
      { json: 'keyring', proto: 6, type: 'string', description: 'The path of the keyring for the user; defaults to /etc/ceph/keyring.' },
      { json: 'secretRef', proto: 7, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: "A Secret with the user's credentials, used instead of keyring." },
      { json: 'readOnly', proto: 8, type: 'boolean', description: 'Force every mount of the device to be read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.FlexVolumeSource': {
    description: 'A volume handled by an exec-based FlexVolume driver. Deprecated in favour of CSI.',
    fields: [
      { json: 'driver', proto: 1, type: 'string', required: true, description: 'The name of the driver.' },
      { json: 'fsType', proto: 2, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; the default depends on the driver.' },
      { json: 'secretRef', proto: 3, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'A Secret whose entries are passed to the driver scripts.' },
      { json: 'readOnly', proto: 4, type: 'boolean', description: 'Force every mount of the volume to be read-only. Defaults to false.' },
      { json: 'options', proto: 5, type: { map: 'string' }, description: 'Extra driver-specific options.' },
    ],
  },
  'io.k8s.api.core.v1.CinderVolumeSource': {
    description: 'An OpenStack Cinder volume. It must already exist in the same region as the node.',
    fields: [
      { json: 'volumeID', proto: 1, type: 'string', required: true, description: 'The ID of the Cinder volume.' },
      { json: 'fsType', proto: 2, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'readOnly', proto: 3, type: 'boolean', description: 'Force every mount of the volume to be read-only. Defaults to false.' },
      { json: 'secretRef', proto: 4, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'A Secret with the parameters used to connect to OpenStack.' },
    ],
  },
  'io.k8s.api.core.v1.CephFSVolumeSource': {
    description: 'A CephFS mount. No ownership management or SELinux relabelling is done. Deprecated and no longer supported.',
    fields: [
      { json: 'monitors', proto: 1, type: { list: 'string' }, required: true, listType: 'atomic', description: 'The Ceph monitors to contact.' },
      { json: 'path', proto: 2, type: 'string', description: 'The path within the Ceph filesystem to mount as the root; defaults to /.' },
      { json: 'user', proto: 3, type: 'string', description: 'The RADOS user; defaults to admin.' },
      { json: 'secretFile', proto: 4, type: 'string', description: 'The path of the keyring for the user; defaults to /etc/ceph/user.secret.' },
      { json: 'secretRef', proto: 5, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: "A Secret with the user's credentials, used instead of secretFile." },
      { json: 'readOnly', proto: 6, type: 'boolean', description: 'Force every mount of the volume to be read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.FlockerVolumeSource': {
    description: 'A dataset managed by the Flocker control service. Set exactly one of datasetName and datasetUUID. Deprecated and no longer supported.',
    fields: [
      { json: 'datasetName', proto: 1, type: 'string', description: "The dataset's name, as stored in its metadata. Deprecated." },
      { json: 'datasetUUID', proto: 2, type: 'string', description: "The dataset's UUID." },
    ],
  },
  'io.k8s.api.core.v1.FCVolumeSource': {
    description: 'A Fibre Channel disk. It can be attached read-write to one node at a time. Set either wwids or targetWWNs with lun.',
    fields: [
      { json: 'targetWWNs', proto: 1, type: { list: 'string' }, listType: 'atomic', description: 'The worldwide names of the FC targets.' },
      { json: 'lun', proto: 2, type: 'int32', description: 'The LUN number on the targets.' },
      { json: 'fsType', proto: 3, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'readOnly', proto: 4, type: 'boolean', description: 'Force every mount of the disk to be read-only. Defaults to false.' },
      { json: 'wwids', proto: 5, type: { list: 'string' }, listType: 'atomic', description: 'The worldwide identifiers of the volume; use instead of targetWWNs and lun.' },
    ],
  },
  'io.k8s.api.core.v1.AzureFileVolumeSource': {
    description: 'An Azure Files share.',
    fields: [
      { json: 'secretName', proto: 1, type: 'string', required: true, description: 'The Secret holding the storage account name and key.' },
      { json: 'shareName', proto: 2, type: 'string', required: true, description: 'The name of the file share.' },
      { json: 'readOnly', proto: 3, type: 'boolean', description: 'Force every mount of the share to be read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource': {
    description: 'A vSphere virtual disk.',
    fields: [
      { json: 'volumePath', proto: 1, type: 'string', required: true, description: "The path identifying the disk's vmdk file." },
      { json: 'fsType', proto: 2, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'storagePolicyName', proto: 3, type: 'string', description: 'The name of the storage policy (SPBM profile) to use.' },
      { json: 'storagePolicyID', proto: 4, type: 'string', description: 'The ID of the storage policy (SPBM profile) named by storagePolicyName.' },
    ],
  },
  'io.k8s.api.core.v1.QuobyteVolumeSource': {
    description: 'A Quobyte volume. No ownership management or SELinux relabelling is done. Deprecated and no longer supported.',
    fields: [
      { json: 'registry', proto: 1, type: 'string', required: true, description: 'One or more Quobyte registry services, as comma-separated host:port pairs.' },
      { json: 'volume', proto: 2, type: 'string', required: true, description: 'The name of an existing Quobyte volume.' },
      { json: 'readOnly', proto: 3, type: 'boolean', description: 'Mount the volume read-only. Defaults to false.' },
      { json: 'user', proto: 4, type: 'string', description: 'The user to map volume access to; defaults to the service account user.' },
      { json: 'group', proto: 5, type: 'string', description: 'The group to map volume access to; defaults to none.' },
      { json: 'tenant', proto: 6, type: 'string', description: 'The tenant owning the volume, set by the plugin for dynamically provisioned volumes.' },
    ],
  },
  'io.k8s.api.core.v1.AzureDiskVolumeSource': {
    description: 'An Azure data disk.',
    fields: [
      { json: 'diskName', proto: 1, type: 'string', required: true, description: 'The name of the data disk in blob storage.' },
      { json: 'diskURI', proto: 2, type: 'string', required: true, description: 'The URI of the data disk in blob storage.' },
      { json: 'cachingMode', proto: 3, type: 'string', description: 'The host caching mode. One of None, ReadOnly, ReadWrite.' },
      { json: 'fsType', proto: 4, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'readOnly', proto: 5, type: 'boolean', description: 'Force every mount of the disk to be read-only. Defaults to false.' },
      { json: 'kind', proto: 6, type: 'string', description: 'How the disk is stored. One of Shared (several blob disks per storage account), Dedicated (one blob disk per storage account), Managed (an Azure managed disk); defaults to Shared.' },
    ],
  },
  'io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource': {
    description: 'A Photon Controller persistent disk. Deprecated and no longer supported.',
    fields: [
      { json: 'pdID', proto: 1, type: 'string', required: true, description: 'The ID of the disk.' },
      { json: 'fsType', proto: 2, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
    ],
  },
  'io.k8s.api.core.v1.PortworxVolumeSource': {
    description: 'A Portworx volume.',
    fields: [
      { json: 'volumeID', proto: 1, type: 'string', required: true, description: 'The ID of the Portworx volume.' },
      { json: 'fsType', proto: 2, type: 'string', description: 'The filesystem type to mount, e.g. ext4 or xfs; defaults to ext4.' },
      { json: 'readOnly', proto: 3, type: 'boolean', description: 'Force every mount of the volume to be read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.ScaleIOVolumeSource': {
    description: 'A ScaleIO volume. Deprecated and no longer supported.',
    fields: [
      { json: 'gateway', proto: 1, type: 'string', required: true, description: 'The address of the ScaleIO API gateway.' },
      { json: 'system', proto: 2, type: 'string', required: true, description: 'The name of the ScaleIO storage system.' },
      { json: 'secretRef', proto: 3, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, required: true, description: 'A Secret with the ScaleIO user credentials; without it login fails.' },
      { json: 'sslEnabled', proto: 4, type: 'boolean', description: 'Whether to use SSL when talking to the gateway. Defaults to false.' },
      { json: 'protectionDomain', proto: 5, type: 'string', description: 'The ScaleIO protection domain to use.' },
      { json: 'storagePool', proto: 6, type: 'string', description: 'The storage pool within the protection domain.' },
      { json: 'storageMode', proto: 7, type: 'string', description: 'How storage is provisioned. One of ThickProvisioned, ThinProvisioned; defaults to ThinProvisioned.' },
      { json: 'volumeName', proto: 8, type: 'string', description: 'The name of an existing ScaleIO volume to use.' },
      { json: 'fsType', proto: 9, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to xfs.' },
      { json: 'readOnly', proto: 10, type: 'boolean', description: 'Force every mount of the volume to be read-only. Defaults to false.' },
    ],
  },
  'io.k8s.api.core.v1.StorageOSVolumeSource': {
    description: 'A StorageOS volume. Deprecated and no longer supported.',
    fields: [
      { json: 'volumeName', proto: 1, type: 'string', description: "The StorageOS volume's name, unique within its StorageOS namespace." },
      { json: 'volumeNamespace', proto: 2, type: 'string', description: "The StorageOS namespace of the volume; defaults to the pod's namespace. Use default for volumes created outside this mapping." },
      { json: 'fsType', proto: 3, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; defaults to ext4.' },
      { json: 'readOnly', proto: 4, type: 'boolean', description: 'Force every mount of the volume to be read-only. Defaults to false.' },
      { json: 'secretRef', proto: 5, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: 'A Secret with the StorageOS API credentials; defaults are tried when unset.' },
    ],
  },
  'io.k8s.api.core.v1.CSIVolumeSource': {
    description: 'An inline ephemeral volume provided by a CSI driver.',
    fields: [
      { json: 'driver', proto: 1, type: 'string', required: true, description: 'The name of the CSI driver, as registered in the cluster.' },
      { json: 'readOnly', proto: 2, type: 'boolean', description: 'Request a read-only volume. Defaults to false.' },
      { json: 'fsType', proto: 3, type: 'string', description: 'The filesystem type to mount, e.g. ext4, xfs or ntfs; when unset the driver chooses.' },
      { json: 'volumeAttributes', proto: 4, type: { map: 'string' }, description: 'Driver-specific parameters passed to the driver.' },
      { json: 'nodePublishSecretRef', proto: 5, type: { ref: 'io.k8s.api.core.v1.LocalObjectReference' }, description: "A Secret passed to the driver's NodePublishVolume and NodeUnpublishVolume calls. The Secret must contain every key the driver expects." },
    ],
  },
  'io.k8s.api.core.v1.EphemeralVolumeSource': {
    description: 'A volume backed by a PersistentVolumeClaim that is created from a template when the pod starts and deleted together with it.',
    fields: [
      { json: 'volumeClaimTemplate', proto: 1, type: { ref: 'io.k8s.api.core.v1.PersistentVolumeClaimTemplate' }, description: 'The template for the claim. The claim is named <pod name>-<volume name> and owned by the pod; an existing claim of that name not owned by the pod blocks pod startup. Required in practice.' },
    ],
  },
  'io.k8s.api.core.v1.ImageVolumeSource': {
    description: 'An OCI image or artifact mounted read-only into the pod.',
    fields: [
      { json: 'reference', proto: 1, type: 'string', description: 'The image or artifact reference, resolved and pulled like a container image (using the same pull secrets). Required in practice.' },
      { json: 'pullPolicy', proto: 2, type: 'string', description: 'When the reference is pulled. One of Always, Never, IfNotPresent; defaults to Always for a :latest reference and IfNotPresent otherwise.' },
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimTemplate': {
    description: 'A template from which a PersistentVolumeClaim is created for an ephemeral volume.',
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Labels and annotations copied onto the created claim; other metadata fields are rejected.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.core.v1.PersistentVolumeClaimSpec' }, required: true, description: 'The spec copied unchanged into the created claim.' },
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaim': {
    description: "A user's request for storage: a claim that is bound to a PersistentVolume satisfying it, and that pods mount by name.",
    gvk: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.core.v1.PersistentVolumeClaimSpec' }, description: 'The storage wanted: size, access modes, class.' },
      { json: 'status', proto: 3, type: { ref: 'io.k8s.api.core.v1.PersistentVolumeClaimStatus' }, description: 'The observed state of the claim; read-only.' },
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': {
    description: 'The observed state of a persistent volume claim.',
    fields: [
      { json: 'phase', proto: 1, type: 'string', description: 'Pending (not bound yet), Bound, or Lost (its volume is gone).' },
      { json: 'accessModes', proto: 2, type: { list: 'string' }, listType: 'atomic', description: 'The access modes the bound volume actually has.' },
      { json: 'capacity', proto: 3, type: { map: 'Quantity' }, description: 'The resources of the bound volume, such as its storage size.' },
      { json: 'conditions', proto: 4, type: { list: { ref: 'io.k8s.api.core.v1.PersistentVolumeClaimCondition' } }, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'Observations about the claim, such as Resizing while its volume grows.' },
      { json: 'allocatedResources', proto: 5, type: { map: 'Quantity' }, description: 'The resources allocated to the claim, including a capacity being expanded to; may exceed the actual capacity during an expansion.' },
      { json: 'allocatedResourceStatuses', proto: 7, type: { map: 'string' }, description: 'For each resource being resized, where the resize stands: ControllerResizeInProgress, ControllerResizeFailed, NodeResizePending, NodeResizeInProgress or NodeResizeFailed.' },
      { json: 'currentVolumeAttributesClassName', proto: 8, type: 'string', description: 'The VolumeAttributesClass the volume currently has; unset means none.' },
      { json: 'modifyVolumeStatus', proto: 9, type: { ref: 'io.k8s.api.core.v1.ModifyVolumeStatus' }, description: 'The state of a change of VolumeAttributesClass in progress; unset when none is.' },
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimCondition': {
    description: 'One observation about a persistent volume claim.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The kind of condition, such as Resizing or FileSystemResizePending.' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Whether the condition holds. One of True, False, Unknown.' },
      { json: 'lastProbeTime', proto: 3, type: 'Time', description: 'When the condition was last checked.' },
      { json: 'lastTransitionTime', proto: 4, type: 'Time', description: 'When the status last changed.' },
      { json: 'reason', proto: 5, type: 'string', description: 'A short machine-readable word saying why the status last changed.' },
      { json: 'message', proto: 6, type: 'string', description: 'A human-readable explanation of the last change.' },
    ],
  },
  'io.k8s.api.core.v1.ModifyVolumeStatus': {
    description: "The state of changing a claim's VolumeAttributesClass.",
    fields: [
      { json: 'targetVolumeAttributesClassName', proto: 1, type: 'string', description: 'The class the volume is being changed to.' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Pending (waiting, e.g. for the class to exist), InProgress, or Infeasible (the driver rejected it).' },
    ],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': {
    description: 'The desired properties of a persistent volume claim.',
    fields: [
      { json: 'accessModes', proto: 1, type: { list: 'string' }, listType: 'atomic', description: 'The access modes the volume must support. Each one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.' },
      { json: 'selector', proto: 4, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector' }, description: 'A label query restricting which existing volumes may be bound.' },
      { json: 'resources', proto: 2, type: { ref: 'io.k8s.api.core.v1.VolumeResourceRequirements' }, description: "The minimum storage the volume must provide. It may later be raised, but not below the capacity already recorded in the claim's status." },
      { json: 'volumeName', proto: 3, type: 'string', description: 'The name of the PersistentVolume to bind to.' },
      { json: 'storageClassName', proto: 5, type: 'string', description: 'The StorageClass the claim asks for; an empty string requests a volume without a class.' },
      { json: 'volumeMode', proto: 6, type: 'string', description: 'How the volume is consumed. One of Filesystem, Block; defaults to Filesystem.' },
      { json: 'dataSource', proto: 7, type: { ref: 'io.k8s.api.core.v1.TypedLocalObjectReference' }, description: 'An existing object (a VolumeSnapshot or another PersistentVolumeClaim) to pre-populate the volume from. Kept consistent with dataSourceRef.' },
      { json: 'dataSourceRef', proto: 8, type: { ref: 'io.k8s.api.core.v1.TypedObjectReference' }, description: 'Any object, from a non-core group or a PersistentVolumeClaim, to populate the volume from, possibly in another namespace (which then needs a ReferenceGrant). Supersedes dataSource.' },
      { json: 'volumeAttributesClassName', proto: 9, type: 'string', description: 'The VolumeAttributesClass whose attributes the CSI driver should apply to the volume. Unset means none; empty-string handling depends on the cluster default.' },
    ],
  },
  'io.k8s.api.core.v1.VolumeResourceRequirements': {
    description: 'Storage requests and limits for a volume.',
    fields: [
      { json: 'limits', proto: 1, type: { map: 'Quantity' }, description: 'The most storage the volume may use.' },
      { json: 'requests', proto: 2, type: { map: 'Quantity' }, description: 'The minimum storage the volume must provide; defaults to the limit when only a limit is given.' },
    ],
  },
  'io.k8s.api.core.v1.TypedLocalObjectReference': {
    description: 'A reference to an object of a given kind in the same namespace.',
    fields: [
      { json: 'apiGroup', proto: 1, type: 'string', description: 'The API group of the referenced kind; leave empty for the core group.' },
      { json: 'kind', proto: 2, type: 'string', required: true, description: 'The kind of the referenced object.' },
      { json: 'name', proto: 3, type: 'string', required: true, description: 'The name of the referenced object.' },
    ],
  },
  'io.k8s.api.core.v1.TypedObjectReference': {
    description: 'A reference to an object of a given kind, possibly in another namespace.',
    fields: [
      { json: 'apiGroup', proto: 1, type: 'string', description: 'The API group of the referenced kind; leave empty for the core group.' },
      { json: 'kind', proto: 2, type: 'string', required: true, description: 'The kind of the referenced object.' },
      { json: 'name', proto: 3, type: 'string', required: true, description: 'The name of the referenced object.' },
      { json: 'namespace', proto: 4, type: 'string', description: 'The namespace of the referenced object. Referring to another namespace requires a ReferenceGrant there and the CrossNamespaceVolumeDataSource feature.' },
    ],
  },
  'io.k8s.api.core.v1.Toleration': {
    description: 'Allows a pod onto nodes with matching taints. A toleration matches a taint with the same key and effect whose value satisfies the operator.',
    fields: [
      { json: 'key', proto: 1, type: 'string', description: 'The taint key to match. Empty matches every key, which requires operator Exists.' },
      { json: 'operator', proto: 2, type: 'string', description: "How value is compared with the taint's value. One of Exists (any value), Equal, Lt, Gt (numeric comparisons); defaults to Equal." },
      { json: 'value', proto: 3, type: 'string', description: 'The value to compare with; must be empty for Exists.' },
      { json: 'effect', proto: 4, type: 'string', description: 'The taint effect to match. One of NoSchedule, PreferNoSchedule, NoExecute; empty matches every effect.' },
      { json: 'tolerationSeconds', proto: 5, type: 'int64', description: 'For NoExecute taints, how long the pod may keep running on the node after the taint appears before it is evicted. Unset means forever; zero or less means evict at once. Ignored for other effects.' },
    ],
  },
  'io.k8s.api.core.v1.Affinity': {
    description: 'The affinity rules the scheduler takes into account for a pod.',
    fields: [
      { json: 'nodeAffinity', proto: 1, type: { ref: 'io.k8s.api.core.v1.NodeAffinity' }, description: 'Rules about which nodes the pod may or should run on, based on node labels.' },
      { json: 'podAffinity', proto: 2, type: { ref: 'io.k8s.api.core.v1.PodAffinity' }, description: 'Rules for placing the pod near other pods, e.g. in the same zone or on the same node.' },
      { json: 'podAntiAffinity', proto: 3, type: { ref: 'io.k8s.api.core.v1.PodAntiAffinity' }, description: 'Rules for keeping the pod away from other pods, e.g. not on the same node.' },
    ],
  },
  'io.k8s.api.core.v1.NodeAffinity': {
    description: 'Rules about which nodes a pod may or should run on.',
    fields: [
      { json: 'requiredDuringSchedulingIgnoredDuringExecution', proto: 1, type: { ref: 'io.k8s.api.core.v1.NodeSelector' }, description: 'Hard requirements a node must meet for the pod to be scheduled there. Nodes that stop meeting them later keep the pod.' },
      { json: 'preferredDuringSchedulingIgnoredDuringExecution', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.PreferredSchedulingTerm' } }, listType: 'atomic', description: 'Soft preferences: the scheduler favours nodes whose matching terms have the highest total weight but may choose others.' },
    ],
  },
  'io.k8s.api.core.v1.NodeSelector': {
    description: 'A set of node selector terms combined with OR: a node matches if any term matches.',
    fields: [
      { json: 'nodeSelectorTerms', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.NodeSelectorTerm' } }, required: true, listType: 'atomic', description: 'The terms; at least one is required.' },
    ],
  },
  'io.k8s.api.core.v1.NodeSelectorTerm': {
    description: "Requirements on a node's labels and fields, combined with AND. A null or empty term matches no node.",
    fields: [
      { json: 'matchExpressions', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.NodeSelectorRequirement' } }, listType: 'atomic', description: 'Requirements on node labels.' },
      { json: 'matchFields', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.NodeSelectorRequirement' } }, listType: 'atomic', description: 'Requirements on node fields (only metadata.name is supported).' },
    ],
  },
  'io.k8s.api.core.v1.NodeSelectorRequirement': {
    description: 'One requirement relating a node label or field to a list of values.',
    fields: [
      { json: 'key', proto: 1, type: 'string', required: true, description: 'The label or field name.' },
      { json: 'operator', proto: 2, type: 'string', required: true, description: 'How the key relates to the values. One of In, NotIn, Exists, DoesNotExist, Gt, Lt.' },
      { json: 'values', proto: 3, type: { list: 'string' }, listType: 'atomic', description: 'The values to compare against. Must be non-empty for In and NotIn, empty for Exists and DoesNotExist, and a single integer for Gt and Lt.' },
    ],
  },
  'io.k8s.api.core.v1.PreferredSchedulingTerm': {
    description: 'A weighted node preference. An empty term matches every node with weight 0; a null term matches none.',
    fields: [
      { json: 'weight', proto: 1, type: 'int32', required: true, description: 'How much a matching node is favoured, from 1 to 100.' },
      { json: 'preference', proto: 2, type: { ref: 'io.k8s.api.core.v1.NodeSelectorTerm' }, required: true, description: 'The node selector term to match.' },
    ],
  },
  'io.k8s.api.core.v1.PodAffinity': {
    description: 'Rules for placing a pod close to other pods.',
    fields: [
      { json: 'requiredDuringSchedulingIgnoredDuringExecution', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.PodAffinityTerm' } }, listType: 'atomic', description: 'Terms that must all be satisfied when the pod is scheduled. If they stop being satisfied later the pod is not moved.' },
      { json: 'preferredDuringSchedulingIgnoredDuringExecution', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.WeightedPodAffinityTerm' } }, listType: 'atomic', description: 'Soft preferences: the scheduler favours nodes where matching terms have the highest total weight but may choose others.' },
    ],
  },
  'io.k8s.api.core.v1.PodAntiAffinity': {
    description: 'Rules for keeping a pod away from other pods.',
    fields: [
      { json: 'requiredDuringSchedulingIgnoredDuringExecution', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.PodAffinityTerm' } }, listType: 'atomic', description: 'Terms that must all be satisfied when the pod is scheduled. If they stop being satisfied later the pod is not moved.' },
      { json: 'preferredDuringSchedulingIgnoredDuringExecution', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.WeightedPodAffinityTerm' } }, listType: 'atomic', description: 'Soft preferences: the scheduler favours nodes where matching terms have the highest total weight but may choose others.' },
    ],
  },
  'io.k8s.api.core.v1.PodAffinityTerm': {
    description: 'Identifies a set of pods and a topology key; co-located means running on a node whose value for the topology key equals that of a node running one of those pods.',
    fields: [
      { json: 'labelSelector', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector' }, description: 'Which pods the term is about. Null matches no pods.' },
      { json: 'namespaces', proto: 2, type: { list: 'string' }, listType: 'atomic', description: "Namespaces the selected pods may be in, combined with namespaceSelector. When both are empty the pod's own namespace is used." },
      { json: 'topologyKey', proto: 3, type: 'string', required: true, description: 'The node label defining the topology domain (e.g. kubernetes.io/hostname or topology.kubernetes.io/zone). Must not be empty.' },
      { json: 'namespaceSelector', proto: 4, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector' }, description: 'A label query over namespaces whose pods the term considers, combined with namespaces. An empty selector means every namespace.' },
      { json: 'matchLabelKeys', proto: 5, type: { list: 'string' }, listType: 'atomic', description: 'Label keys whose values are copied from the incoming pod into the selector as key in (value) requirements. Keys must not also appear in labelSelector, and labelSelector must be set.' },
      { json: 'mismatchLabelKeys', proto: 6, type: { list: 'string' }, listType: 'atomic', description: 'Label keys whose values are copied from the incoming pod into the selector as key notin (value) requirements. Keys must not also appear in labelSelector, and labelSelector must be set.' },
    ],
  },
  'io.k8s.api.core.v1.WeightedPodAffinityTerm': {
    description: 'A pod affinity term with a weight, used for soft preferences.',
    fields: [
      { json: 'weight', proto: 1, type: 'int32', required: true, description: 'How much a node satisfying the term is favoured, from 1 to 100.' },
      { json: 'podAffinityTerm', proto: 2, type: { ref: 'io.k8s.api.core.v1.PodAffinityTerm' }, required: true, description: 'The pod affinity term to evaluate.' },
    ],
  },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    description: 'How pods matching a selector should be spread across the domains of a topology key.',
    fields: [
      { json: 'maxSkew', proto: 1, type: 'int32', required: true, description: 'The largest allowed difference between the number of matching pods in any eligible domain and the minimum over all eligible domains. Must be greater than zero.' },
      { json: 'topologyKey', proto: 2, type: 'string', required: true, description: 'The node label whose distinct values define the domains, e.g. topology.kubernetes.io/zone. Nodes without the label are not counted.' },
      { json: 'whenUnsatisfiable', proto: 3, type: 'string', required: true, description: 'What to do when the constraint cannot be met. One of DoNotSchedule (keep the pod pending), ScheduleAnyway (schedule it while preferring placements that reduce skew).' },
      { json: 'labelSelector', proto: 4, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector' }, description: 'Which pods are counted in each domain.' },
      { json: 'minDomains', proto: 5, type: 'int32', description: 'The minimum number of eligible domains. While fewer exist, the global minimum is taken as zero, so new pods are pushed towards new domains. Only valid with whenUnsatisfiable DoNotSchedule.' },
      { json: 'nodeAffinityPolicy', proto: 6, type: 'string', description: "Whether the pod's nodeAffinity and nodeSelector limit which nodes are counted. One of Honor (only matching nodes count), Ignore (all nodes count); defaults to Honor." },
      { json: 'nodeTaintsPolicy', proto: 7, type: 'string', description: 'Whether node taints limit which nodes are counted. One of Honor (untainted nodes and tainted nodes the pod tolerates count), Ignore (all nodes count); defaults to Ignore.' },
      { json: 'matchLabelKeys', proto: 8, type: { list: 'string' }, listType: 'atomic', description: 'Label keys whose values are copied from the incoming pod and ANDed with labelSelector when counting pods. Keys must not also appear in labelSelector.' },
    ],
  },
  'io.k8s.api.core.v1.HostAlias': {
    description: "An extra entry for the pod's hosts file.",
    fields: [
      { json: 'ip', proto: 1, type: 'string', required: true, description: 'The IP address of the entry.' },
      { json: 'hostnames', proto: 2, type: { list: 'string' }, listType: 'atomic', description: 'The host names mapped to that address.' },
    ],
  },
  'io.k8s.api.core.v1.PodDNSConfig': {
    description: 'DNS settings for a pod, merged with those generated from its dnsPolicy.',
    fields: [
      { json: 'nameservers', proto: 1, type: { list: 'string' }, listType: 'atomic', description: 'DNS server addresses appended to the generated list; duplicates are removed.' },
      { json: 'searches', proto: 2, type: { list: 'string' }, listType: 'atomic', description: 'Search domains appended to the generated list; duplicates are removed.' },
      { json: 'options', proto: 3, type: { list: { ref: 'io.k8s.api.core.v1.PodDNSConfigOption' } }, listType: 'atomic', description: 'Resolver options merged with the generated ones; these override options of the same name.' },
    ],
  },
  'io.k8s.api.core.v1.PodDNSConfigOption': {
    description: 'A resolver option, as in the options line of resolv.conf.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: "The option's name, e.g. ndots. Required in practice." },
      { json: 'value', proto: 2, type: 'string', description: "The option's value, if it takes one." },
    ],
  },
  'io.k8s.api.core.v1.LocalObjectReference': {
    description: 'A reference to an object by name in the same namespace.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: 'The name of the referenced object. Effectively required, although an empty value is accepted for compatibility.' },
    ],
  },
  'io.k8s.api.core.v1.PodReadinessGate': {
    description: 'An extra condition that must be True for the pod to be considered ready.',
    fields: [
      { json: 'conditionType', proto: 1, type: 'string', required: true, description: 'The type of the pod condition to check, usually a custom condition written by a controller; it is not limited to the built-in pod condition types.' },
    ],
  },
  'io.k8s.api.core.v1.PodSchedulingGate': {
    description: 'A named gate that keeps a pod from being scheduled until it is removed.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "The gate's name, unique among the pod's gates." },
    ],
  },
  'io.k8s.api.core.v1.PodOS': {
    description: 'The operating system a pod runs on.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The operating system. One of linux, windows; other OCI platform names may be added later.' },
    ],
  },
  'io.k8s.api.core.v1.PodSchedulingGroup': {
    description: 'The scheduling group a pod belongs to, used for workload-aware (gang) scheduling. Exactly one field must be set.',
    fields: [
      { json: 'podGroupName', proto: 1, type: 'string', description: 'The name of the standalone PodGroup object representing the group; a DNS subdomain.' },
    ],
  },
  'io.k8s.api.core.v1.EvictionResponder': {
    description: 'A component to be notified, through the Eviction API, before a pod is evicted so it can react gracefully.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: "A domain-prefixed key identifying the responder (e.g. acme.io/foo), unique among the pod's responders. Names under k8s.io and kubernetes.io are reserved." },
      { json: 'priority', proto: 2, type: 'int32', required: true, description: 'The order in which responders are picked; higher values go first, with ties broken by name.' },
    ],
  },
  'io.k8s.api.core.v1.PodResourceClaim': {
    description: 'Gives a pod-local name to one ResourceClaim, either an existing claim or one to be generated from a ResourceClaimTemplate. Containers refer to it by that name.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The name that identifies the claim within the pod; a DNS label.' },
      { json: 'resourceClaimName', proto: 3, type: 'string', description: "An existing ResourceClaim, in the pod's namespace, to use directly. Set this or resourceClaimTemplateName, never both." },
      { json: 'resourceClaimTemplateName', proto: 4, type: 'string', description: "A ResourceClaimTemplate, in the pod's namespace, used to generate a claim owned by this pod that is removed along with it. Set this or resourceClaimName, never both." },
    ],
  },
  'io.k8s.api.core.v1.PodResourceClaimStatus': {
    description: "Records the ResourceClaim generated for one of the pod's template-based claims.",
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The name of the entry in pod.spec.resourceClaims this status belongs to.' },
      { json: 'resourceClaimName', proto: 2, type: 'string', description: "The name of the generated ResourceClaim in the pod's namespace. Unset when no claim needed to be generated." },
    ],
  },
  'io.k8s.api.core.v1.PodExtendedResourceClaimStatus': {
    description: 'Records the ResourceClaim the scheduler created to satisfy extended resource requests through dynamic resource allocation.',
    fields: [
      { json: 'requestMappings', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.ContainerExtendedResourceRequest' } }, required: true, listType: 'atomic', description: "How each container's extended resource request maps onto a request in the generated claim." },
      { json: 'resourceClaimName', proto: 2, type: 'string', required: true, description: "The name of the generated ResourceClaim in the pod's namespace." },
    ],
  },
  'io.k8s.api.core.v1.ContainerExtendedResourceRequest': {
    description: "Maps one container's extended resource request onto a request in a generated ResourceClaim.",
    fields: [
      { json: 'containerName', proto: 1, type: 'string', required: true, description: 'The container making the request.' },
      { json: 'resourceName', proto: 2, type: 'string', required: true, description: 'The extended resource name that is backed by dynamic resource allocation.' },
      { json: 'requestName', proto: 3, type: 'string', required: true, description: 'The corresponding request name in the generated claim.' },
    ],
  },
  'io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus': {
    description: 'How much ordinary node-allocatable resource (such as CPU or memory) a dynamic resource claim handed to a pod, used by the kubelet for cgroup sizing.',
    fields: [
      { json: 'resourceClaimName', proto: 1, type: 'string', required: true, description: 'The claim, as referenced by the pod, that produced the allocation.' },
      { json: 'containers', proto: 2, type: { list: 'string' }, listType: 'set', description: 'The containers of the pod that use the claim.' },
      { json: 'mapping', proto: 4, type: { list: { ref: 'io.k8s.api.core.v1.NodeAllocatableMappedResources' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Allocations that come from devices mapping their capacity onto node resources.' },
      { json: 'overhead', proto: 5, type: { list: { ref: 'io.k8s.api.core.v1.NodeAllocatableOverheadResources' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Additional overhead allocations that come with the devices.' },
    ],
  },
  'io.k8s.api.core.v1.NodeAllocatableMappedResources': {
    description: "A node resource amount allocated through a claim's devices.",
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The node resource, e.g. cpu or memory.' },
      { json: 'quantity', proto: 2, type: 'Quantity', required: true, description: 'The total amount allocated for the claim, shared by every container that uses it.' },
    ],
  },
  'io.k8s.api.core.v1.NodeAllocatableOverheadResources': {
    description: "Overhead amounts of a node resource allocated alongside a claim's devices.",
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The node resource, e.g. cpu or memory.' },
      { json: 'perPod', proto: 2, type: 'Quantity', description: 'A flat amount added once for the pod.' },
      { json: 'perContainer', proto: 3, type: 'Quantity', description: 'An amount added for each container that uses the claim.' },
    ],
  },
  'io.k8s.api.core.v1.PodVolumeHealth': {
    description: "Health reported by the node's storage plugin for one of a pod's volumes.",
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The name of the volume in pod.spec.volumes.' },
      { json: 'healthConditions', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.VolumeHealthCondition' } }, patchMergeKey: 'status', patchStrategy: 'merge', listType: 'map', listMapKeys: ['status', 'reason'], description: 'The adverse conditions currently reported for the volume, at most 16.' },
      { json: 'lastTransitionTime', proto: 3, type: 'Time', description: 'When the current set of conditions first appeared.' },
    ],
  },
  'io.k8s.api.core.v1.VolumeHealthCondition': {
    description: 'One adverse health condition reported for a volume.',
    fields: [
      { json: 'status', proto: 1, type: 'string', required: true, description: 'The category of problem. One of Inaccessible, DataLoss, Degraded.' },
      { json: 'reason', proto: 2, type: 'string', required: true, description: 'A short CamelCase reason, unique together with status; at most 256 bytes.' },
      { json: 'message', proto: 3, type: 'string', description: 'Human-readable detail; at most 1024 bytes.' },
    ],
  },
  'io.k8s.api.core.v1.FileKeySelector': {
    description: "Selects one key from an env-format file stored in one of the pod's volumes.",
    fields: [
      { json: 'volumeName', proto: 1, type: 'string', required: true, description: 'The name of the volume holding the file.' },
      { json: 'path', proto: 2, type: 'string', required: true, description: "The file's path within the volume; relative, not containing or starting with '..'." },
      { json: 'key', proto: 3, type: 'string', required: true, description: "The key to read from the file; printable ASCII except '='. A malformed key prevents the pod from starting." },
      { json: 'optional', proto: 4, type: 'boolean', description: 'If true, a missing file or key leaves the variable unset instead of failing the pod.' },
    ],
  },
  'io.k8s.api.core.v1.ConfigMap': {
    description: 'Non-confidential configuration data, as key/value pairs, for pods to consume as environment variables, command-line arguments or files.',
    gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'immutable', proto: 4, type: 'boolean', description: 'If true, data and binaryData can never be changed again (only metadata can); the setting itself cannot be undone. Unset means mutable.' },
      { json: 'data', proto: 2, type: { map: 'string' }, description: "Configuration entries with UTF-8 string values. Keys may contain letters, digits, '-', '_' and '.', and must not also appear in binaryData." },
      { json: 'binaryData', proto: 3, type: { map: 'bytes' }, description: 'Configuration entries with arbitrary byte values (base64 in JSON). Keys follow the same rules as data and must not also appear there.' },
    ],
  },
  'io.k8s.api.core.v1.Secret': {
    description: 'Confidential data such as passwords, tokens or keys, as key/value pairs. The total size of all values is limited (1 MiB).',
    gvk: { group: '', version: 'v1', kind: 'Secret' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'immutable', proto: 5, type: 'boolean', description: 'If true, data can never be changed again (only metadata can); the setting itself cannot be undone. Unset means mutable.' },
      { json: 'data', proto: 2, type: { map: 'bytes' }, description: "The secret entries with arbitrary byte values, base64-encoded in JSON. Keys may contain letters, digits, '-', '_' and '.'." },
      { json: 'stringData', proto: 4, type: { map: 'string' }, description: 'A write-only convenience for giving values as plain strings. On write they are merged into data, overriding entries with the same key; it is never returned on read.' },
      { json: 'type', proto: 3, type: 'string', description: 'What kind of secret this is, which determines the keys it must contain. Common values are Opaque (the default), kubernetes.io/service-account-token, kubernetes.io/dockercfg, kubernetes.io/dockerconfigjson, kubernetes.io/basic-auth, kubernetes.io/ssh-auth, kubernetes.io/tls and bootstrap.kubernetes.io/token.' },
    ],
  },
  'io.k8s.api.core.v1.ServiceAccount': {
    description: 'An identity for processes running in pods, which can be authenticated and granted permissions, along with the secrets its pods may use.',
    gvk: { group: '', version: 'v1', kind: 'ServiceAccount' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'secrets', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.ObjectReference' } }, patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], description: 'Secrets that pods using this account may use. The restriction is only enforced when the account carries the annotation kubernetes.io/enforce-mountable-secrets=true; that annotation and auto-generated token secrets are deprecated.' },
      { json: 'imagePullSecrets', proto: 3, type: { list: { ref: 'io.k8s.api.core.v1.LocalObjectReference' } }, listType: 'atomic', description: 'Registry credential secrets added to every pod that uses this account. Unlike secrets, they are only used by the kubelet for pulling images, not mounted into containers.' },
      { json: 'automountServiceAccountToken', proto: 4, type: 'boolean', description: 'Whether pods using this account get an API token mounted automatically. A pod may override it.' },
    ],
  },
  'io.k8s.api.core.v1.ObjectReference': {
    description: 'A reference to any object, with optional extra detail such as a field path within it. New APIs should prefer more specific reference types.',
    fields: [
      { json: 'kind', proto: 1, type: 'string', description: 'The kind of the referenced object.' },
      { json: 'namespace', proto: 2, type: 'string', description: 'The namespace of the referenced object.' },
      { json: 'name', proto: 3, type: 'string', description: 'The name of the referenced object.' },
      { json: 'uid', proto: 4, type: 'string', description: 'The uid of the referenced object.' },
      { json: 'apiVersion', proto: 5, type: 'string', description: 'The API version of the referenced object.' },
      { json: 'resourceVersion', proto: 6, type: 'string', description: 'The resource version of the referenced object at the time of the reference, if relevant.' },
      { json: 'fieldPath', proto: 7, type: 'string', description: 'A path to a part of the object rather than the whole, e.g. spec.containers{app} for a container of a pod.' },
    ],
  },
  'io.k8s.api.core.v1.Service': {
    description: 'A stable network endpoint for a set of pods (picked by a label selector) or for an external name, with a virtual IP, ports and load-balancing settings.',
    gvk: { group: '', version: 'v1', kind: 'Service' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.core.v1.ServiceSpec' }, description: 'The desired behaviour of the service: its type, ports, selector and addressing.' },
      { json: 'status', proto: 3, type: { ref: 'io.k8s.api.core.v1.ServiceStatus' }, description: 'The observed state of the service, such as load balancer addresses. Written by the system.' },
    ],
  },
  'io.k8s.api.core.v1.ServiceSpec': {
    description: 'The desired behaviour of a service.',
    fields: [
      { json: 'ports', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.ServicePort' } }, patchMergeKey: 'port', patchStrategy: 'merge', listType: 'map', listMapKeys: ['port', 'protocol'], description: 'The ports the service exposes.' },
      { json: 'selector', proto: 2, type: { map: 'string' }, description: "The pod labels that define the service's backends. When empty the service's endpoints are assumed to be managed externally. Ignored for ExternalName services." },
      { json: 'clusterIP', proto: 3, type: 'string', description: "The service's primary virtual IP, normally allocated automatically; None makes a headless service. Can only be changed when the type changes, and must be empty for ExternalName." },
      { json: 'clusterIPs', proto: 18, type: { list: 'string' }, listType: 'atomic', description: 'All virtual IPs of the service, at most one per IP family; the first entry equals clusterIP. Normally allocated automatically.' },
      { json: 'type', proto: 4, type: 'string', description: 'How the service is exposed. One of ClusterIP (a virtual IP inside the cluster), NodePort (also a port on every node), LoadBalancer (also an external load balancer), ExternalName (a DNS alias to externalName); defaults to ClusterIP.' },
      { json: 'externalIPs', proto: 5, type: { list: 'string' }, listType: 'atomic', description: 'Extra IP addresses, not managed by Kubernetes, on which nodes accept traffic for the service.' },
      { json: 'sessionAffinity', proto: 7, type: 'string', description: 'Whether connections from the same client go to the same backend. One of ClientIP, None; defaults to None.' },
      { json: 'loadBalancerIP', proto: 8, type: 'string', description: 'Deprecated request for a particular load balancer IP; support depends on the cloud provider and implementation-specific annotations are preferred.' },
      { json: 'loadBalancerSourceRanges', proto: 9, type: { list: 'string' }, listType: 'atomic', description: 'Client IP ranges allowed through the load balancer, where the platform supports it.' },
      { json: 'externalName', proto: 10, type: 'string', description: 'The DNS name returned as a CNAME for an ExternalName service; a lowercase RFC 1123 host name.' },
      { json: 'externalTrafficPolicy', proto: 11, type: 'string', description: 'How traffic arriving on external addresses (node ports, external IPs, load balancer IPs) is routed. One of Cluster (any ready endpoint, possibly hiding the client IP), Local (only endpoints on the receiving node, preserving the client IP); defaults to Cluster.' },
      { json: 'healthCheckNodePort', proto: 12, type: 'int32', description: 'The node port serving health checks for a LoadBalancer service with externalTrafficPolicy Local. Allocated automatically when unset.' },
      { json: 'publishNotReadyAddresses', proto: 13, type: 'boolean', description: "Publish endpoints for pods even when they are not ready, e.g. so a StatefulSet's headless service has DNS records for peer discovery before readiness." },
      { json: 'sessionAffinityConfig', proto: 14, type: { ref: 'io.k8s.api.core.v1.SessionAffinityConfig' }, description: 'Settings for session affinity, such as its timeout.' },
      { json: 'ipFamilies', proto: 19, type: { list: 'string' }, listType: 'atomic', description: "The IP families of the service's addresses, in order, each one of IPv4, IPv6. Normally filled in from the cluster configuration and ipFamilyPolicy." },
      { json: 'ipFamilyPolicy', proto: 17, type: 'string', description: 'How many IP families the service gets. One of SingleStack, PreferDualStack, RequireDualStack; defaults to SingleStack.' },
      { json: 'allocateLoadBalancerNodePorts', proto: 20, type: 'boolean', description: 'Whether node ports are allocated for a LoadBalancer service. Defaults to true; set false when the load balancer sends traffic straight to pods.' },
      { json: 'loadBalancerClass', proto: 21, type: 'string', description: 'The load balancer implementation responsible for this LoadBalancer service, as a label-style name such as example.com/internal-vip; unset means the default implementation. Cannot be changed.' },
      { json: 'internalTrafficPolicy', proto: 22, type: 'string', description: "How traffic sent to the cluster IP is routed. One of Cluster (any ready endpoint), Local (only endpoints on the client's node, dropping traffic if there are none); defaults to Cluster." },
      { json: 'trafficDistribution', proto: 23, type: 'string', description: 'A hint for how traffic should be spread over endpoints, e.g. PreferClose (favour topologically close endpoints), PreferSameZone or PreferSameNode. Implementations may ignore it.' },
    ],
  },
  'io.k8s.api.core.v1.ServicePort': {
    description: 'One port exposed by a service.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: "The port's name, a DNS label unique within the service; must match the port names in endpoints. Required when the service has more than one port." },
      { json: 'protocol', proto: 2, type: 'string', description: 'The IP protocol. One of TCP, UDP, SCTP; defaults to TCP.' },
      { json: 'appProtocol', proto: 6, type: 'string', description: 'The application protocol, as a hint to implementations: an IANA service name, a Kubernetes-defined name such as kubernetes.io/h2c or kubernetes.io/ws, or a domain-prefixed custom name.' },
      { json: 'port', proto: 3, type: 'int32', required: true, description: 'The port number the service exposes.' },
      { json: 'targetPort', proto: 4, type: 'IntOrString', description: 'The port on the backend pods, by number or by the name of a container port. Defaults to port. Ignored for headless services.' },
      { json: 'nodePort', proto: 5, type: 'int32', description: 'The port on every node for NodePort and LoadBalancer services. Allocated automatically when unset; a requested value must be in range and free.' },
    ],
  },
  'io.k8s.api.core.v1.ServiceStatus': {
    description: 'The observed state of a service.',
    fields: [
      { json: 'loadBalancer', proto: 1, type: { ref: 'io.k8s.api.core.v1.LoadBalancerStatus' }, description: 'The state of the load balancer, if the service has one.' },
      { json: 'conditions', proto: 2, type: { list: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.Condition' } }, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'The most recent observations about the service.' },
    ],
  },
  'io.k8s.api.core.v1.LoadBalancerStatus': {
    description: 'The state of a load balancer.',
    fields: [
      { json: 'ingress', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.LoadBalancerIngress' } }, listType: 'atomic', description: 'The addresses on which the load balancer accepts traffic for the service.' },
    ],
  },
  'io.k8s.api.core.v1.LoadBalancerIngress': {
    description: 'One address on which a load balancer accepts traffic.',
    fields: [
      { json: 'ip', proto: 1, type: 'string', description: 'The IP address, for IP-based load balancers.' },
      { json: 'hostname', proto: 2, type: 'string', description: 'The DNS name, for DNS-based load balancers.' },
      { json: 'ipMode', proto: 3, type: 'string', description: 'How traffic addressed to ip reaches the node. One of VIP (delivered with the load balancer IP as destination), Proxy (delivered with the node or pod IP as destination). May only be set together with ip.' },
      { json: 'ports', proto: 4, type: { list: { ref: 'io.k8s.api.core.v1.PortStatus' } }, listType: 'atomic', description: 'The state of each service port on this address.' },
    ],
  },
  'io.k8s.api.core.v1.PortStatus': {
    description: 'The state of one service port on a load balancer.',
    fields: [
      { json: 'port', proto: 1, type: 'int32', required: true, description: 'The service port number.' },
      { json: 'protocol', proto: 2, type: 'string', required: true, description: 'The service port protocol. One of TCP, UDP, SCTP.' },
      { json: 'error', proto: 3, type: 'string', description: 'A problem with the port, as a CamelCase value (built-in) or a domain-prefixed value (cloud-provider specific), e.g. example.com/CustomError. Empty when there is none.' },
    ],
  },
  'io.k8s.api.core.v1.SessionAffinityConfig': {
    description: "Settings for a service's session affinity.",
    fields: [
      { json: 'clientIP', proto: 1, type: { ref: 'io.k8s.api.core.v1.ClientIPConfig' }, description: "Settings for affinity based on the client's IP address." },
    ],
  },
  'io.k8s.api.core.v1.ClientIPConfig': {
    description: 'Settings for session affinity by client IP.',
    fields: [
      { json: 'timeoutSeconds', proto: 1, type: 'int32', description: 'How long, in seconds, a client stays pinned to the same backend. Must be above 0 and at most 86400; defaults to 10800 (three hours).' },
    ],
  },
  'io.k8s.api.core.v1.Endpoints': {
    description: 'The network addresses backing a service, grouped into subsets that share a set of ports. Deprecated in favour of EndpointSlice.',
    gvk: { group: '', version: 'v1', kind: 'Endpoints' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'subsets', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.EndpointSubset' } }, listType: 'atomic', description: "The groups of addresses and ports; the service's endpoints are the union of all subsets." },
    ],
  },
  'io.k8s.api.core.v1.EndpointSubset': {
    description: 'A group of addresses that all serve the same ports; the endpoints are every address paired with every port.',
    fields: [
      { json: 'addresses', proto: 1, type: { list: { ref: 'io.k8s.api.core.v1.EndpointAddress' } }, listType: 'atomic', description: 'Addresses of backends that are ready and may receive traffic.' },
      { json: 'notReadyAddresses', proto: 2, type: { list: { ref: 'io.k8s.api.core.v1.EndpointAddress' } }, listType: 'atomic', description: 'Addresses of backends that serve the ports but are not ready, e.g. still starting or failing a readiness check.' },
      { json: 'ports', proto: 3, type: { list: { ref: 'io.k8s.api.core.v1.EndpointPort' } }, listType: 'atomic', description: 'The ports offered on every address of the subset.' },
    ],
  },
  'io.k8s.api.core.v1.EndpointAddress': {
    description: 'One backend IP address of an endpoints subset.',
    fields: [
      { json: 'ip', proto: 1, type: 'string', required: true, description: 'The IP address. Must not be loopback, link-local or link-local multicast.' },
      { json: 'hostname', proto: 3, type: 'string', description: 'The host name of the backend.' },
      { json: 'nodeName', proto: 4, type: 'string', description: 'The node running the backend.' },
      { json: 'targetRef', proto: 2, type: { ref: 'io.k8s.api.core.v1.ObjectReference' }, description: 'The object, usually a pod, that provides this endpoint.' },
    ],
  },
  'io.k8s.api.core.v1.EndpointPort': {
    description: 'One port of an endpoints subset.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: "The port's name, matching the corresponding ServicePort name. Optional when there is only one port." },
      { json: 'port', proto: 2, type: 'int32', required: true, description: 'The port number.' },
      { json: 'protocol', proto: 3, type: 'string', description: 'The IP protocol. One of TCP, UDP, SCTP; defaults to TCP.' },
      { json: 'appProtocol', proto: 4, type: 'string', description: 'The application protocol: an IANA service name, a Kubernetes-defined name such as kubernetes.io/h2c, or a domain-prefixed custom name.' },
    ],
  },
  'io.k8s.api.core.v1.Event': {
    description: 'A report of something that happened to an object in the cluster. Events are kept only for a limited time and their wording may change, so they should not be relied on programmatically.',
    gvk: { group: '', version: 'v1', kind: 'Event' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, required: true, description: 'Standard object metadata.' },
      { json: 'involvedObject', proto: 2, type: { ref: 'io.k8s.api.core.v1.ObjectReference' }, required: true, description: 'The object the event is about.' },
      { json: 'reason', proto: 3, type: 'string', description: 'A short, machine-readable CamelCase reason for what happened, e.g. Scheduled or BackOff.' },
      { json: 'message', proto: 4, type: 'string', description: 'A human-readable description of what happened.' },
      { json: 'source', proto: 5, type: { ref: 'io.k8s.api.core.v1.EventSource' }, description: 'The component that reported the event.' },
      { json: 'firstTimestamp', proto: 6, type: 'Time', description: 'When the event was first recorded.' },
      { json: 'lastTimestamp', proto: 7, type: 'Time', description: 'When the event was most recently recorded.' },
      { json: 'count', proto: 8, type: 'int32', description: 'How many times the event has occurred.' },
      { json: 'type', proto: 9, type: 'string', description: "The event's type. One of Normal, Warning; more may be added." },
      { json: 'eventTime', proto: 10, type: 'MicroTime', description: 'When the event was first observed, with microsecond precision.' },
      { json: 'series', proto: 11, type: { ref: 'io.k8s.api.core.v1.EventSeries' }, description: 'Information about a series of repeated occurrences; null for a one-off event.' },
      { json: 'action', proto: 12, type: 'string', description: 'What action was taken, or failed, with respect to the involved object.' },
      { json: 'related', proto: 13, type: { ref: 'io.k8s.api.core.v1.ObjectReference' }, description: 'A secondary object involved in the event, if any.' },
      { json: 'reportingComponent', proto: 14, type: 'string', description: 'The controller that emitted the event, e.g. kubernetes.io/kubelet.' },
      { json: 'reportingInstance', proto: 15, type: 'string', description: 'The instance of that controller, e.g. kubelet-node1.' },
    ],
  },
  'io.k8s.api.core.v1.EventSource': {
    description: 'The component that generated an event.',
    fields: [
      { json: 'component', proto: 1, type: 'string', description: 'The name of the component.' },
      { json: 'host', proto: 2, type: 'string', description: 'The node on which the event was generated.' },
    ],
  },
  'io.k8s.api.core.v1.EventSeries': {
    description: 'Summary of an event that keeps recurring.',
    fields: [
      { json: 'count', proto: 1, type: 'int32', description: 'How many times it has occurred up to the last heartbeat.' },
      { json: 'lastObservedTime', proto: 2, type: 'MicroTime', description: 'When it was last seen.' },
    ],
  },
  'io.k8s.api.core.v1.Node': {
    description: 'A worker machine in the cluster, registered by its kubelet, on which pods run.',
    gvk: { group: '', version: 'v1', kind: 'Node' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.core.v1.NodeSpec' }, description: 'The desired configuration of the node, such as taints and pod CIDRs.' },
      { json: 'status', proto: 3, type: { ref: 'io.k8s.api.core.v1.NodeStatus' }, description: 'The observed state of the node: capacity, conditions, addresses and system information. Written by the system.' },
    ],
  },
  'io.k8s.api.core.v1.NodeSpec': {
    description: 'The configuration a node is given.',
    fields: [
      { json: 'podCIDR', proto: 1, type: 'string', description: 'The IP range assigned to the node for pod addresses.' },
      { json: 'podCIDRs', proto: 7, type: { list: 'string' }, patchStrategy: 'merge', listType: 'set', description: 'The IP ranges assigned to the node for pod addresses, at most one per IP family; the first entry equals podCIDR.' },
      { json: 'providerID', proto: 3, type: 'string', description: "The cloud provider's ID for the node, as <provider name>://<provider-specific id>." },
      { json: 'unschedulable', proto: 4, type: 'boolean', description: 'Whether new pods are kept off the node (cordoned). Defaults to false.' },
      { json: 'taints', proto: 5, type: { list: { ref: 'io.k8s.api.core.v1.Taint' } }, listType: 'atomic', description: 'Taints on the node that repel pods which do not tolerate them.' },
      { json: 'configSource', proto: 6, type: { ref: 'io.k8s.api.core.v1.NodeConfigSource' }, description: "Deprecated and unused: formerly selected the node's dynamic kubelet configuration." },
      { json: 'externalID', proto: 2, type: 'string', description: 'Deprecated and not set by all kubelets.' },
      { json: 'podPreemptionPolicy', proto: 8, type: { ref: 'io.k8s.api.core.v1.NodePodPreemptionPolicy' }, description: 'Node-level settings controlling preemption of pods on this node. Alpha.' },
    ],
  },
  'io.k8s.api.core.v1.NodeStatus': {
    description: 'The observed state of a node.',
    fields: [
      { json: 'capacity', proto: 1, type: { map: 'Quantity' }, description: 'The total amount of each resource the node has.' },
      { json: 'allocatable', proto: 2, type: { map: 'Quantity' }, description: 'The amount of each resource available to pods, after system reservations. Defaults to capacity.' },
      { json: 'phase', proto: 3, type: 'string', description: 'Deprecated and never set. One of Pending, Running, Terminated.' },
      { json: 'conditions', proto: 4, type: { list: { ref: 'io.k8s.api.core.v1.NodeCondition' } }, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'Current observations of the node, such as Ready, MemoryPressure, DiskPressure and PIDPressure.' },
      { json: 'addresses', proto: 5, type: { list: { ref: 'io.k8s.api.core.v1.NodeAddress' } }, patchMergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'], description: 'Addresses at which the node can be reached, with their types. Merging by type is imperfect because a type may occur more than once.' },
      { json: 'daemonEndpoints', proto: 6, type: { ref: 'io.k8s.api.core.v1.NodeDaemonEndpoints' }, description: 'Ports on which daemons on the node, such as the kubelet, listen.' },
      { json: 'nodeInfo', proto: 7, type: { ref: 'io.k8s.api.core.v1.NodeSystemInfo' }, description: 'Identifiers and version information reported by the node.' },
      { json: 'images', proto: 8, type: { list: { ref: 'io.k8s.api.core.v1.ContainerImage' } }, listType: 'atomic', description: 'Container images present on the node.' },
      { json: 'volumesInUse', proto: 9, type: { list: 'string' }, listType: 'atomic', description: 'Attachable volumes currently mounted by the node.' },
      { json: 'volumesAttached', proto: 10, type: { list: { ref: 'io.k8s.api.core.v1.AttachedVolume' } }, listType: 'atomic', description: 'Volumes attached to the node.' },
      { json: 'config', proto: 11, type: { ref: 'io.k8s.api.core.v1.NodeConfigStatus' }, description: 'Deprecated status of the removed dynamic kubelet configuration feature.' },
      { json: 'runtimeHandlers', proto: 12, type: { list: { ref: 'io.k8s.api.core.v1.NodeRuntimeHandler' } }, listType: 'atomic', description: 'The container runtime handlers available on the node and their features.' },
      { json: 'features', proto: 13, type: { ref: 'io.k8s.api.core.v1.NodeFeatures' }, description: "Features supported by the node's container runtime." },
      { json: 'declaredFeatures', proto: 14, type: { list: 'string' }, listType: 'atomic', description: 'Feature-gate-related features the node declares it supports.' },
    ],
  },
  'io.k8s.api.core.v1.NodeCondition': {
    description: 'One observation about a node.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The kind of condition. Well-known types are Ready, MemoryPressure, DiskPressure, PIDPressure and NetworkUnavailable, reported by the kubelet, plus GracefulNodeShutdownInProgress, DrainInProgress, Drained, MaintenancePlanned and MaintenanceInProgress, which administrators set and clear; cloud providers may add others.' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Whether the condition holds. One of True, False, Unknown.' },
      { json: 'lastHeartbeatTime', proto: 3, type: 'Time', description: 'When the condition was last reported.' },
      { json: 'lastTransitionTime', proto: 4, type: 'Time', description: 'When status last changed value.' },
      { json: 'reason', proto: 5, type: 'string', description: 'A CamelCase, machine-readable word explaining the last transition.' },
      { json: 'message', proto: 6, type: 'string', description: 'Human-readable detail about the last transition.' },
    ],
  },
  'io.k8s.api.core.v1.NodeAddress': {
    description: 'One address of a node.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The kind of address. One of Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS.' },
      { json: 'address', proto: 2, type: 'string', required: true, description: 'The address itself.' },
    ],
  },
  'io.k8s.api.core.v1.NodeSystemInfo': {
    description: 'Identifiers and version information reported by a node.',
    fields: [
      { json: 'machineID', proto: 1, type: 'string', required: true, description: 'The machine ID (see machine-id(5)); the preferred way to identify the machine.' },
      { json: 'systemUUID', proto: 2, type: 'string', required: true, description: 'The system UUID reported by the firmware.' },
      { json: 'bootID', proto: 3, type: 'string', required: true, description: 'An ID that changes on every boot.' },
      { json: 'kernelVersion', proto: 4, type: 'string', required: true, description: 'The kernel version, as from uname -r.' },
      { json: 'osImage', proto: 5, type: 'string', required: true, description: 'The operating system image, as from /etc/os-release.' },
      { json: 'containerRuntimeVersion', proto: 6, type: 'string', required: true, description: 'The container runtime and its version, e.g. containerd://1.7.0.' },
      { json: 'kubeletVersion', proto: 7, type: 'string', required: true, description: 'The kubelet version.' },
      { json: 'kubeProxyVersion', proto: 8, type: 'string', required: true, description: 'Deprecated: the kube-proxy version.' },
      { json: 'operatingSystem', proto: 9, type: 'string', required: true, description: 'The operating system, e.g. linux.' },
      { json: 'architecture', proto: 10, type: 'string', required: true, description: 'The CPU architecture, e.g. amd64.' },
      { json: 'swap', proto: 11, type: { ref: 'io.k8s.api.core.v1.NodeSwapStatus' }, description: 'Swap memory on the node.' },
    ],
  },
  'io.k8s.api.core.v1.NodeSwapStatus': {
    description: 'Swap memory on a node.',
    fields: [
      { json: 'capacity', proto: 1, type: 'int64', description: 'The total swap space in bytes.' },
    ],
  },
  'io.k8s.api.core.v1.NodeDaemonEndpoints': {
    description: 'Ports on which daemons on a node listen.',
    fields: [
      { json: 'kubeletEndpoint', proto: 1, type: { ref: 'io.k8s.api.core.v1.DaemonEndpoint' }, description: 'Where the kubelet listens.' },
    ],
  },
  'io.k8s.api.core.v1.DaemonEndpoint': {
    description: 'A port on which a daemon listens.',
    fields: [
      { json: 'Port', proto: 1, type: 'int32', required: true, description: 'The port number. Note the capitalised JSON name.' },
    ],
  },
  'io.k8s.api.core.v1.ContainerImage': {
    description: 'A container image present on a node.',
    fields: [
      { json: 'names', proto: 1, type: { list: 'string' }, listType: 'atomic', description: 'The names by which the image is known, including tags and digests.' },
      { json: 'sizeBytes', proto: 2, type: 'int64', description: "The image's size in bytes." },
    ],
  },
  'io.k8s.api.core.v1.Taint': {
    description: 'A mark on a node that repels pods which do not tolerate it.',
    fields: [
      { json: 'key', proto: 1, type: 'string', required: true, description: 'The taint key.' },
      { json: 'value', proto: 2, type: 'string', description: 'The taint value.' },
      { json: 'effect', proto: 3, type: 'string', required: true, description: 'What happens to pods that do not tolerate the taint. One of NoSchedule, PreferNoSchedule, NoExecute.' },
      { json: 'timeAdded', proto: 4, type: 'Time', description: 'When the taint was added; only set for NoExecute taints.' },
    ],
  },
  'io.k8s.api.core.v1.AttachedVolume': {
    description: 'A volume attached to a node.',
    fields: [
      { json: 'name', proto: 1, type: 'string', required: true, description: 'The name of the attached volume.' },
      { json: 'devicePath', proto: 2, type: 'string', required: true, description: 'The device path at which the volume is available on the node.' },
    ],
  },
  'io.k8s.api.core.v1.NodeConfigSource': {
    description: "Deprecated: the source of a node's dynamic kubelet configuration. Exactly one field must be set.",
    fields: [
      { json: 'configMap', proto: 2, type: { ref: 'io.k8s.api.core.v1.ConfigMapNodeConfigSource' }, description: 'A ConfigMap holding the configuration.' },
    ],
  },
  'io.k8s.api.core.v1.ConfigMapNodeConfigSource': {
    description: "Deprecated: refers to a ConfigMap holding a node's kubelet configuration.",
    fields: [
      { json: 'namespace', proto: 1, type: 'string', required: true, description: 'The namespace of the ConfigMap.' },
      { json: 'name', proto: 2, type: 'string', required: true, description: 'The name of the ConfigMap.' },
      { json: 'uid', proto: 3, type: 'string', description: 'The uid of the ConfigMap; forbidden in the spec and required in the status.' },
      { json: 'resourceVersion', proto: 4, type: 'string', description: 'The resource version of the ConfigMap; forbidden in the spec and required in the status.' },
      { json: 'kubeletConfigKey', proto: 5, type: 'string', required: true, description: 'The key of the ConfigMap that holds the kubelet configuration.' },
    ],
  },
  'io.k8s.api.core.v1.NodeConfigStatus': {
    description: "Deprecated: status of a node's dynamic kubelet configuration.",
    fields: [
      { json: 'assigned', proto: 1, type: { ref: 'io.k8s.api.core.v1.NodeConfigSource' }, description: 'The configuration the node has recorded as intended.' },
      { json: 'active', proto: 2, type: { ref: 'io.k8s.api.core.v1.NodeConfigSource' }, description: 'The configuration the node is running with.' },
      { json: 'lastKnownGood', proto: 3, type: { ref: 'io.k8s.api.core.v1.NodeConfigSource' }, description: 'The configuration the node falls back to when the assigned one fails.' },
      { json: 'error', proto: 4, type: 'string', description: 'Problems encountered while applying the configuration.' },
    ],
  },
  'io.k8s.api.core.v1.NodePodPreemptionPolicy': {
    description: 'Node-level settings for preemption of pods on a node.',
    fields: [
      { json: 'disableResizePreemption', proto: 1, type: { list: 'string' }, listType: 'set', description: 'The owners (e.g. autoscalers or operators) that have asked for preemption triggered by in-place pod resizes to be disabled on this node; while the list is non-empty such preemption is off. Alpha.' },
    ],
  },
  'io.k8s.api.core.v1.NodeRuntimeHandler': {
    description: 'A container runtime handler available on a node.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: "The handler's name; empty for the default handler." },
      { json: 'features', proto: 2, type: { ref: 'io.k8s.api.core.v1.NodeRuntimeHandlerFeatures' }, description: 'Features the handler supports.' },
    ],
  },
  'io.k8s.api.core.v1.NodeRuntimeHandlerFeatures': {
    description: 'Features supported by a runtime handler.',
    fields: [
      { json: 'recursiveReadOnlyMounts', proto: 1, type: 'boolean', description: 'Whether recursive read-only mounts are supported.' },
      { json: 'userNamespaces', proto: 2, type: 'boolean', description: 'Whether user namespaces, including for volumes, are supported.' },
    ],
  },
  'io.k8s.api.core.v1.NodeFeatures': {
    description: "Features supported by a node's container runtime, independent of handler.",
    fields: [
      { json: 'supplementalGroupsPolicy', proto: 1, type: 'boolean', description: 'Whether the runtime supports supplementalGroupsPolicy and reporting the container user.' },
    ],
  },
  'io.k8s.api.core.v1.Binding': {
    description: 'Ties a pod to a node: what a scheduler posts to pods/NAME/binding once it has chosen where the pod runs.',
    gvk: { group: '', version: 'v1', kind: 'Binding' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata; the name is the pod\'s.' },
      { json: 'target', proto: 2, type: { ref: 'io.k8s.api.core.v1.ObjectReference' }, required: true, description: 'The node the pod is bound to.' },
    ],
  },
};
