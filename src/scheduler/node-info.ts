// The scheduler's picture of each node: the node object and the pods bound
// to it (or assumed bound: chosen, binding in flight), with their summed
// requests and host ports, so each filter and score is a lookup.
import { keyOf } from '../client/informer.js';
import { Amounts, nonZeroRequests, podRequests } from './resources.js';
import type { Node, Pod } from '../apiserver/registry/core/types.js';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export function hostPortsOf(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort) ports.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
    }
  }
  return ports;
}

interface PodEntry {
  pod: Pod;
  requests: Amounts;
  nonZero: { cpu: number; memory: number };
  ports: HostPort[];
}

export class NodeInfo {
  readonly pods = new Map<string, PodEntry>();
  readonly requested = new Amounts();
  readonly nonZeroRequested = { cpu: 0, memory: 0 };
  allocatable = new Amounts();
  /** Pods here per controlling owner (uid), for spreading the pods of one owner. */
  readonly byOwner = new Map<string, number>();

  constructor(public node: Node | undefined) {
    if (node) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata.name ?? '';
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = Amounts.of(node.status?.allocatable);
  }

  addPod(pod: Pod): void {
    const key = keyOf(pod);
    this.removePod(key);
    const entry: PodEntry = { pod, requests: podRequests(pod), nonZero: nonZeroRequests(pod), ports: hostPortsOf(pod) };
    this.pods.set(key, entry);
    this.requested.add(entry.requests);
    this.nonZeroRequested.cpu += entry.nonZero.cpu;
    this.nonZeroRequested.memory += entry.nonZero.memory;
    const owner = controllerOf(pod);
    if (owner) this.byOwner.set(owner, (this.byOwner.get(owner) ?? 0) + 1);
  }

  removePod(key: string): void {
    const entry = this.pods.get(key);
    if (!entry) return;
    this.pods.delete(key);
    this.requested.add(entry.requests, -1);
    this.nonZeroRequested.cpu -= entry.nonZero.cpu;
    this.nonZeroRequested.memory -= entry.nonZero.memory;
    const owner = controllerOf(entry.pod);
    if (owner) {
      const left = (this.byOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.byOwner.set(owner, left);
      else this.byOwner.delete(owner);
    }
  }

  usedPorts(): HostPort[] {
    return [...this.pods.values()].flatMap((e) => e.ports);
  }
}

/** The uid of the pod's controlling owner (its ReplicaSet, Job...), if any. */
export function controllerOf(pod: Pod): string | undefined {
  const refs = (pod.metadata.ownerReferences ?? []) as { uid?: string; controller?: boolean }[];
  return refs.find((r) => r.controller)?.uid;
}
