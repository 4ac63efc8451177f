// The node's containers as the kubelet sees them through CRI: typed views of
// sandboxes and containers, found again by the labels the kubelet puts on
// them (pod UID, container name — the same label keys upstream uses, so the
// kubelet can adopt what an earlier run of it started), and the few calls
// the pod sync makes.
import type { CriClient } from './cri/client.js';

export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const CONTAINER_NAME_LABEL = 'io.kubernetes.container.name';
/** A hash of the container's spec when it was made: a different one means the spec changed (a new image). */
export const CONTAINER_HASH_ANNOTATION = 'io.kubernetes.container.hash';

export interface SandboxInfo {
  id: string;
  podUid: string;
  attempt: number;
  ready: boolean;
  createdAt: number;
}

export interface ContainerInfo {
  id: string;
  podUid: string;
  sandboxId: string;
  name: string;
  attempt: number;
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
  createdAt: number;
  specHash: string | undefined;
}

export interface ContainerDetail extends ContainerInfo {
  /** Milliseconds since the epoch; 0 when not yet. */
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  image: string;
  imageRef: string;
  logPath: string;
}

interface CriMetadata {
  name: string;
  attempt: number;
}

const nanosToMillis = (ns: string | number | undefined) => Math.floor(Number(ns ?? 0) / 1e6);

export class PodRuntime {
  /** `imports`: image imports still running (the node's start-up ones); an image missing until they end may be on its way. */
  constructor(
    readonly cri: CriClient,
    private readonly imports: Promise<void> = Promise.resolve(),
  ) {}

  /** Every sandbox the kubelet made, or only one pod's (filtered by containerd). */
  async sandboxes(podUid?: string): Promise<SandboxInfo[]> {
    const filter = podUid ? { filter: { labelSelector: { [POD_UID_LABEL]: podUid } } } : {};
    const { items } = (await this.cri.runtime.ListPodSandbox!(filter)) as {
      items: { id: string; metadata: CriMetadata; state: string; createdAt: string; labels: Record<string, string> }[];
    };
    return items
      .filter((s) => s.labels[POD_UID_LABEL])
      .map((s) => ({ id: s.id, podUid: s.labels[POD_UID_LABEL]!, attempt: s.metadata.attempt, ready: s.state === 'SANDBOX_READY', createdAt: nanosToMillis(s.createdAt) }));
  }

  /** Every container the kubelet made, or only one pod's (filtered by containerd). */
  async containers(podUid?: string): Promise<ContainerInfo[]> {
    const filter = podUid ? { filter: { labelSelector: { [POD_UID_LABEL]: podUid } } } : {};
    const { containers } = (await this.cri.runtime.ListContainers!(filter)) as {
      containers: {
        id: string;
        podSandboxId: string;
        metadata: CriMetadata;
        state: ContainerInfo['state'];
        createdAt: string;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      }[];
    };
    return containers
      .filter((c) => c.labels[POD_UID_LABEL] && c.labels[CONTAINER_NAME_LABEL])
      .map((c) => ({
        id: c.id,
        podUid: c.labels[POD_UID_LABEL]!,
        sandboxId: c.podSandboxId,
        name: c.labels[CONTAINER_NAME_LABEL]!,
        attempt: c.metadata.attempt,
        state: c.state,
        createdAt: nanosToMillis(c.createdAt),
        specHash: c.annotations[CONTAINER_HASH_ANNOTATION],
      }));
  }

  async detail(info: ContainerInfo): Promise<ContainerDetail> {
    const { status } = (await this.cri.runtime.ContainerStatus!({ containerId: info.id })) as {
      status: {
        state: ContainerInfo['state'];
        startedAt: string;
        finishedAt: string;
        exitCode: number;
        reason: string;
        message: string;
        image?: { image: string };
        imageRef: string;
        logPath: string;
      };
    };
    return {
      ...info,
      state: status.state,
      startedAt: nanosToMillis(status.startedAt),
      finishedAt: nanosToMillis(status.finishedAt),
      exitCode: status.exitCode,
      reason: status.reason,
      message: status.message,
      image: status.image?.image ?? '',
      imageRef: status.imageRef,
      logPath: status.logPath,
    };
  }

  async sandboxIP(sandboxId: string): Promise<string | undefined> {
    const { status } = (await this.cri.runtime.PodSandboxStatus!({ podSandboxId: sandboxId })) as { status: { network?: { ip?: string } } };
    return status.network?.ip || undefined;
  }

  async runSandbox(config: object): Promise<string> {
    return ((await this.cri.runtime.RunPodSandbox!({ config })) as { podSandboxId: string }).podSandboxId;
  }

  async stopSandbox(id: string): Promise<void> {
    await this.cri.runtime.StopPodSandbox!({ podSandboxId: id });
  }

  async removeSandbox(id: string): Promise<void> {
    await this.cri.runtime.RemovePodSandbox!({ podSandboxId: id });
  }

  async createContainer(sandboxId: string, sandboxConfig: object, config: object): Promise<string> {
    return ((await this.cri.runtime.CreateContainer!({ podSandboxId: sandboxId, config, sandboxConfig })) as { containerId: string }).containerId;
  }

  async startContainer(id: string): Promise<void> {
    await this.cri.runtime.StartContainer!({ containerId: id });
  }

  /** SIGTERM, then SIGKILL after `graceSeconds` (containerd does the waiting). */
  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    await this.cri.runtime.StopContainer!({ containerId: id, timeout: graceSeconds });
  }

  async removeContainer(id: string): Promise<void> {
    await this.cri.runtime.RemoveContainer!({ containerId: id });
  }

  /** The image's ID when it is on the node. */
  async imagePresent(image: string): Promise<string | undefined> {
    const status = async () => ((await this.cri.image.ImageStatus!({ image: { image } })) as { image?: { id: string } | null }).image?.id || undefined;
    const id = await status();
    if (id) return id;
    await this.imports;
    return status();
  }

  /** The node's images as node status lists them: largest first, at most 50 (upstream's nodeStatusMaxImages). */
  async images(): Promise<{ names: string[]; sizeBytes: number }[]> {
    const { images } = (await this.cri.image.ListImages!({})) as { images: { repoTags: string[]; repoDigests: string[]; size: string }[] };
    return images
      .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: Number(i.size) }))
      .filter((i) => i.names.length)
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, 50);
  }

  async pullImage(image: string, sandboxConfig: object): Promise<string> {
    return ((await this.cri.image.PullImage!({ image: { image }, sandboxConfig })) as { imageRef: string }).imageRef;
  }

  async execSync(containerId: string, cmd: string[], timeoutSeconds: number): Promise<{ exitCode: number; output: string }> {
    const reply = (await this.cri.runtime.ExecSync!({ containerId, cmd, timeout: Math.ceil(timeoutSeconds) })) as { stdout: Buffer; stderr: Buffer; exitCode: number };
    return { exitCode: reply.exitCode, output: Buffer.concat([reply.stdout, reply.stderr]).toString() };
  }

  /** A URL on the runtime's streaming server for one exec/attach/port-forward session. */
  async streamUrl(kind: 'Exec' | 'Attach' | 'PortForward', request: object): Promise<string> {
    return ((await this.cri.runtime[kind]!(request)) as { url: string }).url;
  }
}
