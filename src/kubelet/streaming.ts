// What this node answers the API server for a pod's log, exec, attach and
// port-forward (upstream's kubelet server endpoints): the container a
// request means, chosen from the pod's status as upstream's kubelet
// chooses it, and the runtime's streaming-server URL for a session.
import type { Writable } from 'node:stream';
import type { NodeConnection, PodLogOptions, StreamKind } from '../apiserver/pod-streams.js';
import type { Pod } from '../apiserver/registry/core/types.js';
import { errors } from '../apiserver/status.js';
import { ContainerLogError, writeContainerLog } from './container-logs.js';
import { terminatedOf, type ContainerStatus } from './pod-status.js';
import type { PodRuntime } from './runtime.js';

const stripScheme = (id: string) => id.replace(/^[a-z]+:\/\//, '');

/** Which run of the container a log request means (upstream's validateContainerLogStatus). */
export function logContainerId(pod: Pod, container: string, previous: boolean): string {
  const statuses = [...((pod.status?.containerStatuses as ContainerStatus[] | undefined) ?? []), ...((pod.status?.initContainerStatuses as ContainerStatus[] | undefined) ?? [])];
  const status = statuses.find((s) => s.name === container);
  const podName = pod.metadata.name;
  if (!status) throw errors.badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
  const last = terminatedOf(status.lastState);
  if (previous) {
    if (!last?.containerID) throw errors.badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return stripScheme(last.containerID);
  }
  if ('running' in status.state && status.containerID) return stripScheme(status.containerID);
  const ended = terminatedOf(status.state);
  if (ended?.containerID) return stripScheme(ended.containerID);
  if (last?.containerID) return stripScheme(last.containerID);
  const waiting = 'waiting' in status.state ? status.state.waiting.reason : 'ContainerCreating';
  const why = waiting === 'ErrImagePull' ? "image can't be pulled" : waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting;
  throw errors.badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${why}`);
}

export class KubeletStreaming implements NodeConnection {
  constructor(private readonly runtime: PodRuntime) {}

  async logs(pod: Pod, options: PodLogOptions, out: Writable, signal: AbortSignal): Promise<void> {
    const id = logContainerId(pod, options.container, options.previous);
    const info = (await this.runtime.containers(pod.metadata.uid)).find((c) => c.id === id);
    if (!info) throw errors.badRequest(`container "${options.container}" in pod "${pod.metadata.name}" is not available`);
    const detail = await this.runtime.detail(info);
    const since = options.sinceTime ?? (options.sinceSeconds !== undefined ? new Date(Date.now() - options.sinceSeconds * 1000) : undefined);
    const stillRunning = async () => {
      const now = (await this.runtime.containers(pod.metadata.uid)).find((c) => c.id === id);
      return now?.state === 'CONTAINER_RUNNING' || now?.state === 'CONTAINER_CREATED';
    };
    try {
      await writeContainerLog(
        detail.logPath,
        { follow: options.follow, tailLines: options.tailLines, since, timestamps: options.timestamps, limitBytes: options.limitBytes },
        out,
        stillRunning,
        signal,
      );
    } catch (err) {
      if (err instanceof ContainerLogError && err.code === 'ENOENT') return; // nothing written yet
      throw err;
    }
  }

  async streamUrl(kind: StreamKind, pod: Pod, container: string, query: URLSearchParams): Promise<string> {
    const flag = (name: string) => query.get(name) === 'true' || query.get(name) === '1';
    if (kind === 'portforward') {
      const sandbox = (await this.runtime.sandboxes(pod.metadata.uid)).find((s) => s.ready);
      if (!sandbox) throw errors.badRequest(`pod ${pod.metadata.name} has no running sandbox`);
      return this.runtime.streamUrl('PortForward', { podSandboxId: sandbox.id, port: query.getAll('ports').map(Number) });
    }
    const running = (await this.runtime.containers(pod.metadata.uid)).find((c) => c.name === container && c.state === 'CONTAINER_RUNNING');
    if (!running) throw errors.badRequest(`container not found ("${container}")`);
    const tty = flag('tty');
    const streams = { stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr') && !tty, tty };
    if (kind === 'exec') return this.runtime.streamUrl('Exec', { containerId: running.id, cmd: query.getAll('command'), ...streams });
    return this.runtime.streamUrl('Attach', { containerId: running.id, ...streams });
  }
}
