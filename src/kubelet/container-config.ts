// The CRI configs the kubelet hands containerd: one for a pod's sandbox
// (names, hostname, log directory, DNS, host ports, namespaces, cgroup parent)
// and one per container (image, command and args — containerd merges them
// with the image's ENTRYPOINT/CMD by Kubernetes' rules —, env, mounts,
// resources as cgroup settings, security context). Labels carry the pod
// UID and container name, so a restarted kubelet finds its containers.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ContainerSpec, Pod } from '../apiserver/registry/core/types.js';
import { amount } from '../scheduler/resources.js';
import { expand } from './env.js';
import type { ClusterDnsSettings, DnsConfig } from './pod-dns.js';
import { CONTAINER_HASH_ANNOTATION, CONTAINER_NAME_LABEL, POD_NAME_LABEL, POD_NAMESPACE_LABEL, POD_UID_LABEL } from './runtime.js';

/** Identifies a container's spec; of a pod's containers only the image may change, and a change means a restart. */
export function containerHash(c: ContainerSpec): string {
  return createHash('sha256').update(JSON.stringify(c)).digest('hex').slice(0, 16);
}

export interface SandboxSettings {
  /** Where pods' logs go: LOGS/NAMESPACE_NAME_UID/CONTAINER/N.log, as upstream's /var/log/pods. */
  logsDir: string;
  cgroupParent: string;
  dns: ClusterDnsSettings;
}

const CPU_PERIOD_US = 100_000;
const MIN_SHARES = 2;

export function podLogDirectory(logsDir: string, pod: Pod): string {
  return path.join(logsDir, `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`);
}

function podLabels(pod: Pod): Record<string, string> {
  return { [POD_UID_LABEL]: pod.metadata.uid!, [POD_NAME_LABEL]: pod.metadata.name!, [POD_NAMESPACE_LABEL]: pod.metadata.namespace! };
}

function namespaceOptions(pod: Pod) {
  return {
    network: pod.spec.hostNetwork ? 'NODE' : 'POD',
    pid: pod.spec.hostPID ? 'NODE' : 'CONTAINER',
    ipc: pod.spec.hostIPC ? 'NODE' : 'POD',
  };
}

/** `dns` is the pod's resolver config (pod-dns.ts); containerd writes it as the resolv.conf every container mounts. */
export function sandboxConfig(pod: Pod, attempt: number, settings: SandboxSettings, dns: DnsConfig): object {
  const ports = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].flatMap((c) => c.ports ?? []).filter((p) => p.hostPort);
  const privileged = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c) => c.securityContext?.privileged);
  return {
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid, attempt },
    // A host-network sandbox keeps the node's hostname (setting one there fails, see RUNTIME-NOTES).
    ...(pod.spec.hostNetwork ? {} : { hostname: (pod.spec.hostname ?? pod.metadata.name!).slice(0, 63) }),
    logDirectory: podLogDirectory(settings.logsDir, pod),
    dnsConfig: dns,
    portMappings: ports.map((p) => ({ protocol: p.protocol ?? 'TCP', containerPort: p.containerPort, hostPort: p.hostPort, hostIp: p.hostIP ?? '' })),
    labels: { ...pod.metadata.labels, ...podLabels(pod) },
    annotations: { ...pod.metadata.annotations },
    linux: {
      cgroupParent: settings.cgroupParent,
      sysctls: Object.fromEntries((pod.spec.securityContext?.sysctls ?? []).map((s) => [s.name, s.value])),
      securityContext: {
        namespaceOptions: namespaceOptions(pod),
        privileged,
        ...(pod.spec.securityContext?.runAsUser !== undefined ? { runAsUser: { value: pod.spec.securityContext.runAsUser } } : {}),
        supplementalGroups: pod.spec.securityContext?.supplementalGroups ?? [],
      },
    },
  };
}

/** cpu requests → shares, cpu limits → quota, memory limits → limit in bytes (upstream's conversions). */
export function linuxResources(c: ContainerSpec): object {
  const requestsCpu = amount('cpu', c.resources?.requests?.cpu ?? c.resources?.limits?.cpu);
  const limitCpu = amount('cpu', c.resources?.limits?.cpu);
  const limitMemory = amount('memory', c.resources?.limits?.memory);
  return {
    cpuShares: requestsCpu ? Math.max(MIN_SHARES, Math.floor((requestsCpu * 1024) / 1000)) : MIN_SHARES,
    ...(limitCpu ? { cpuPeriod: CPU_PERIOD_US, cpuQuota: Math.max(1000, Math.floor((limitCpu * CPU_PERIOD_US) / 1000)) } : {}),
    ...(limitMemory ? { memoryLimitInBytes: limitMemory } : {}),
  };
}

export interface ContainerInputs {
  attempt: number;
  env: { key: string; value: string }[];
  /** Host paths of the pod's volumes, by name. */
  volumes: Map<string, string>;
  /** Extra files the kubelet manages (termination log, /etc/hosts). */
  extraMounts: { containerPath: string; hostPath: string; readonly?: boolean }[];
}

export function containerConfig(pod: Pod, c: ContainerSpec, inputs: ContainerInputs): object {
  const vars = new Map(inputs.env.map((e) => [e.key, e.value]));
  const security = c.securityContext ?? {};
  const runAsUser = security.runAsUser ?? pod.spec.securityContext?.runAsUser;
  const runAsGroup = security.runAsGroup ?? pod.spec.securityContext?.runAsGroup;
  return {
    metadata: { name: c.name, attempt: inputs.attempt },
    image: { image: c.image },
    command: (c.command ?? []).map((s) => expand(s, vars)),
    args: (c.args ?? []).map((s) => expand(s, vars)),
    workingDir: c.workingDir ?? '',
    // KeyValue.value is `bytes` in this CRI version (wire-compatible with older runtimes' `string`).
    envs: inputs.env.map((e) => ({ key: e.key, value: Buffer.from(e.value) })),
    mounts: [
      ...(c.volumeMounts ?? []).map((m) => ({
        containerPath: m.mountPath,
        hostPath: m.subPath ? path.join(inputs.volumes.get(m.name)!, m.subPath) : inputs.volumes.get(m.name),
        readonly: m.readOnly ?? false,
      })),
      ...inputs.extraMounts,
    ],
    labels: { ...podLabels(pod), [CONTAINER_NAME_LABEL]: c.name },
    annotations: {
      [CONTAINER_HASH_ANNOTATION]: containerHash(c),
      'io.kubernetes.container.restartCount': String(inputs.attempt),
      'io.kubernetes.container.terminationMessagePath': c.terminationMessagePath ?? '',
      'io.kubernetes.pod.terminationGracePeriod': String(pod.spec.terminationGracePeriodSeconds ?? 30),
    },
    logPath: `${c.name}/${inputs.attempt}.log`,
    stdin: c.stdin ?? false,
    stdinOnce: c.stdinOnce ?? false,
    tty: c.tty ?? false,
    linux: {
      resources: linuxResources(c),
      securityContext: {
        privileged: security.privileged ?? false,
        ...(runAsUser !== undefined ? { runAsUser: { value: runAsUser } } : {}),
        ...(runAsGroup !== undefined ? { runAsGroup: { value: runAsGroup } } : {}),
        readonlyRootfs: security.readOnlyRootFilesystem ?? false,
        ...(security.capabilities ? { capabilities: { addCapabilities: security.capabilities.add ?? [], dropCapabilities: security.capabilities.drop ?? [] } } : {}),
        namespaceOptions: namespaceOptions(pod),
        supplementalGroups: pod.spec.securityContext?.supplementalGroups ?? [],
      },
    },
  };
}
