// The Node object a kubelet registers and keeps current: upstream's labels
// (plus k3s's control-plane roles on a server), capacity and allocatable,
// the four conditions a healthy kubelet reports, addresses and node info.
// Real and simulated nodes both describe themselves through here.
import { withTransitionTime } from '../apiserver/registry/core/conditions.js';
import { timestamp } from '../apiserver/registry/generic-store.js';
import type { Node, NodeCondition, Taint } from '../apiserver/registry/core/types.js';

export const KUBELET_VERSION = 'v1.32.0+peapod';

export interface NodeDescription {
  name: string;
  internalIP: string;
  capacity: Record<string, string>;
  /** What pods may use; capacity when unset. */
  allocatable?: Record<string, string>;
  podCIDR?: string;
  controlPlane?: boolean;
  labels?: Record<string, string>;
  taints?: Taint[];
  runtimeVersion: string;
  /** Extra annotations (how the node was made). */
  annotations?: Record<string, string>;
  /** Images on the node, as status.images lists them (largest first); none for simulated nodes. */
  images?: { names: string[]; sizeBytes: number }[];
  /** What the machine says of itself (kernel, OS, IDs); empty for simulated nodes. */
  machine?: { kernelVersion: string; osImage: string; machineID: string; bootID: string; systemUUID: string };
}

const ARCH = process.arch === 'x64' ? 'amd64' : process.arch;

export function nodeLabels(d: NodeDescription): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': ARCH,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': ARCH,
    'kubernetes.io/hostname': d.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': 'peapod',
    ...(d.controlPlane ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/master': 'true' } : {}),
    ...d.labels,
  };
}

/** The conditions of a node whose kubelet is healthy, in upstream's order and words. */
const HEALTHY: Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** Healthy conditions with this heartbeat; a transition time moves only when a status changes. */
export function healthyConditions(previous: NodeCondition[] | undefined, now: Date): NodeCondition[] {
  const at = timestamp(now);
  return HEALTHY.map((c) => ({ ...withTransitionTime<NodeCondition>(previous, c, at), lastHeartbeatTime: at }));
}

export function nodeStatus(d: NodeDescription, previous: Node | undefined, now: Date): NonNullable<Node['status']> {
  return {
    capacity: d.capacity,
    allocatable: d.allocatable ?? d.capacity,
    conditions: healthyConditions(previous?.status?.conditions, now),
    addresses: [
      { type: 'InternalIP', address: d.internalIP },
      { type: 'Hostname', address: d.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    ...(d.images ? { images: d.images } : {}),
    nodeInfo: {
      machineID: d.machine?.machineID ?? '',
      systemUUID: d.machine?.systemUUID ?? '',
      bootID: d.machine?.bootID ?? '',
      kernelVersion: d.machine?.kernelVersion ?? '',
      osImage: d.machine?.osImage ?? 'peapod',
      containerRuntimeVersion: d.runtimeVersion,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: ARCH,
    },
  };
}

/** The Node to create on first registration. */
export function newNode(d: NodeDescription, now: Date): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: d.name, labels: nodeLabels(d), annotations: { 'node.alpha.kubernetes.io/ttl': '0', ...d.annotations } },
    spec: { ...(d.podCIDR ? { podCIDR: d.podCIDR, podCIDRs: [d.podCIDR] } : {}), ...(d.taints ? { taints: d.taints } : {}) },
    status: nodeStatus(d, undefined, now),
  };
}
