// One pod on this node, brought one step closer to its spec each time it is
// synced (upstream's computePodActions, in our shape): a sandbox with its
// volumes, init containers strictly in order, then the app containers;
// restarts by the pod's restartPolicy with back-off; liveness failures
// restart; activeDeadlineSeconds fails the pod; deletion stops everything
// gracefully (preStop, SIGTERM, grace period, SIGKILL) and then removes the
// pod object. After each step the pod's status is computed from CRI and
// written when it changed.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { ContainerSpec, Pod } from '../apiserver/registry/core/types.js';
import { timestamp } from '../apiserver/registry/generic-store.js';
import { isConflict, isNotFound, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { Backoff } from './backoff.js';
import { containerConfig, containerHash, sandboxConfig, type SandboxSettings } from './container-config.js';
import { containerEnv, EnvError, type KeyedSources } from './env.js';
import { hostDnsConfig, podDnsConfig, type DnsConfig } from './pod-dns.js';
import { podStatus, terminatedOf, type ContainerState, type ContainerStatus } from './pod-status.js';
import type { ContainerDetail, ContainerInfo, PodRuntime, SandboxInfo } from './runtime.js';
import { PodVolumes, VolumeError } from './volumes.js';

/** Probes and hooks of running containers, kept by the kubelet (see health.ts). */
export interface ContainerHealth {
  /** Whether probes run for this container already (not after a restart of the kubelet). */
  watching(containerId: string): boolean;
  watch(pod: Pod, spec: ContainerSpec, containerId: string, startedAt: Date, podIP: string): void;
  forget(containerId: string): void;
  ready(containerId: string): boolean;
  started(containerId: string): boolean;
  /** A liveness or startup probe has failed past its threshold: the container must be restarted. */
  unhealthy(containerId: string): string | undefined;
  /** Runs a postStart/preStop handler; resolves with an error message when it failed. */
  runHook(handler: Record<string, unknown>, pod: Pod, spec: ContainerSpec, containerId: string, podIP: string): Promise<string | undefined>;
}

/** What the kubelet remembers about a pod between syncs. */
export class PodState {
  /** Why a container is waiting, when the runtime cannot say (image pulls, back-off, config errors). */
  readonly waiting = new Map<string, { reason: string; message?: string }>();
  sandboxId: string | undefined;
  sandboxConfig: object | undefined;
  podIP: string | undefined;
  volumes: Map<string, string> | undefined;
  terminating: Promise<void> | undefined;
  /** When the kubelet first took the pod on (status.startTime). */
  startTime: string | undefined;
  /** Succeeded or Failed, its sandbox stopped: nothing more to do until it is deleted. */
  finished = false;
  /** The resourceVersions our latest status writes produced: the watch events they cause need no sync. */
  readonly writtenVersions: string[] = [];
  deadlineExceeded = false;

  constructor(
    readonly uid: string,
    readonly key: string,
  ) {}
}

export interface NodeInfo {
  name: string;
  ip: string;
  allocatable: Record<string, string>;
}

interface Snapshot {
  sandboxes: SandboxInfo[];
  /** Newest first, per container name. */
  byName: Map<string, ContainerInfo[]>;
}

const DEFAULT_GRACE_S = 30;
const podRef = (pod: Pod) => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
const fieldPath = (pod: Pod, name: string) =>
  (pod.spec.initContainers ?? []).some((c) => c.name === name) ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
const errorText = (err: unknown) => (err as { details?: string }).details || (err instanceof Error ? err.message : String(err));
/** A delay as Go prints a time.Duration of whole seconds: 10s, 1m20s, 5m0s. */
const goDuration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
};

export class PodSyncer {
  private readonly restarts = new Backoff();
  private readonly pulls = new Backoff();

  constructor(
    private readonly runtime: PodRuntime,
    private readonly volumes: PodVolumes,
    private readonly sources: KeyedSources,
    private readonly health: ContainerHealth,
    private readonly pods: ResourceClient<Pod>,
    private readonly recorder: EventRecorder,
    private readonly node: NodeInfo,
    private readonly settings: SandboxSettings,
    private readonly log: (message: string) => void,
  ) {}

  private event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
    this.recorder.record(pod, type, reason, message, container ? fieldPath(pod, container) : undefined);
  }

  private async snapshot(uid: string): Promise<Snapshot> {
    const [sandboxes, containers] = await Promise.all([this.runtime.sandboxes(uid), this.runtime.containers(uid)]);
    const byName = new Map<string, ContainerInfo[]>();
    for (const c of containers.sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt)) {
      byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    }
    return { sandboxes: sandboxes.sort((a, b) => b.createdAt - a.createdAt), byName };
  }

  /** One step towards the spec, then the status; resolves with when to look again (ms), if a timer is due. */
  async sync(pod: Pod, state: PodState): Promise<number | undefined> {
    state.startTime ??= pod.status?.startTime ?? timestamp(new Date());
    if (state.finished) return undefined;
    let wake = this.checkDeadline(pod, state);
    if (state.deadlineExceeded) {
      await this.killAll(pod, state, this.graceSeconds(pod));
      await this.finish(pod, state);
      return undefined;
    }
    let snap = await this.snapshot(state.uid);
    // A pod new to this node says so at once (ContainerCreating, Init:0/N), as upstream's does — beside the sandbox
    // being made, not before it; awaited before the next status write, so the two land in order.
    const early = pod.status?.containerStatuses ? undefined : this.writeStatus(pod, state);
    try {
      // A sandbox made just now holds no containers yet: the snapshot is looked at again only if old ones were killed.
      if (await this.ensureSandbox(pod, state, snap)) snap = await this.snapshot(state.uid);
    } catch (err) {
      // The pod still says where it is (ContainerCreating) while its volumes or sandbox fail; the queue retries.
      await early;
      await this.writeStatus(pod, state);
      throw err;
    }
    await early;
    const retry = await this.stepContainers(pod, state, snap);
    if (retry !== undefined) wake = Math.min(wake ?? retry, retry);
    const phase = await this.writeStatus(pod, state);
    if (phase === 'Succeeded' || phase === 'Failed') {
      await this.finish(pod, state);
      return undefined;
    }
    return wake;
  }

  /** A pod that has ended (Succeeded, Failed): its probes stop and its sandbox goes, giving back the pod IP; its containers stay for their logs. */
  private async finish(pod: Pod, state: PodState): Promise<void> {
    for (const c of await this.runtime.containers(state.uid)) this.health.forget(c.id);
    await this.stopSandboxes(state);
    await this.writeStatus(pod, state);
    state.finished = true;
  }

  private checkDeadline(pod: Pod, state: PodState): number | undefined {
    const deadline = pod.spec.activeDeadlineSeconds;
    const started = Date.parse(state.startTime ?? '');
    if (deadline === undefined || Number.isNaN(started)) return undefined;
    const left = started + deadline * 1000 - Date.now();
    if (left > 0) return left;
    if (!state.deadlineExceeded) {
      state.deadlineExceeded = true;
      this.event(pod, 'Warning', 'DeadlineExceeded', 'Pod was active on the node longer than the specified deadline');
    }
    return undefined;
  }

  /**
   * Makes sure a ready sandbox exists, with the pod's volumes; throws (after an event) when it cannot.
   * Resolves true when containers were killed on the way (a dead sandbox replaced).
   */
  private async ensureSandbox(pod: Pod, state: PodState, snap: Snapshot): Promise<boolean> {
    const ready = snap.sandboxes.find((s) => s.ready);
    if (ready && state.sandboxId === ready.id && state.sandboxConfig) return false;
    try {
      state.volumes = await this.volumes.setUp(pod);
    } catch (err) {
      if (!(err instanceof VolumeError)) throw err;
      this.event(pod, 'Warning', 'FailedMount', err.message);
      throw err;
    }
    if (ready) {
      // Adopted after a restart of ours: the sandbox is the one we made before.
      state.sandboxId = ready.id;
      state.sandboxConfig = sandboxConfig(pod, ready.attempt, this.settings, this.dnsConfig(pod, false));
      state.podIP = pod.spec.hostNetwork ? this.node.ip : await this.runtime.sandboxIP(ready.id);
      return false;
    }
    const replacing = snap.sandboxes.length > 0;
    if (replacing) {
      // The sandbox died under the pod: everything in it goes, and the pod starts over in a new one.
      this.event(pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
      await this.killAll(pod, state, 0);
      await this.stopSandboxes(state);
    }
    const attempt = snap.sandboxes.length ? snap.sandboxes[0]!.attempt + 1 : 0;
    let config: object;
    try {
      config = sandboxConfig(pod, attempt, this.settings, this.dnsConfig(pod, true));
      await fsp.mkdir((config as { logDirectory: string }).logDirectory, { recursive: true });
      state.sandboxId = await this.runtime.runSandbox(config);
    } catch (err) {
      this.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${errorText(err)}`);
      throw err;
    }
    state.sandboxConfig = config;
    state.podIP = pod.spec.hostNetwork ? this.node.ip : await this.runtime.sandboxIP(state.sandboxId);
    await this.writeHostsFile(pod, state);
    return replacing;
  }

  /** The pod's resolver config; `announce` records upstream's warnings (for a sandbox made, not one adopted). */
  private dnsConfig(pod: Pod, announce: boolean): DnsConfig {
    const { config, warnings } = podDnsConfig(pod, this.settings.dns, hostDnsConfig(this.settings.dns.resolvConf));
    if (announce) for (const w of warnings) this.event(pod, 'Warning', w.reason, w.message);
    return config;
  }

  /** The pod's /etc/hosts, as upstream's kubelet writes it for pods on the pod network. */
  private async writeHostsFile(pod: Pod, state: PodState): Promise<void> {
    if (pod.spec.hostNetwork) return;
    const hostname = pod.spec.hostname ?? pod.metadata.name!;
    const fqdn = pod.spec.subdomain ? `${hostname}.${pod.spec.subdomain}.${pod.metadata.namespace}.svc.${this.settings.dns.clusterDomain}\t` : '';
    const text = [
      '# Kubernetes-managed hosts file.',
      '127.0.0.1\tlocalhost',
      '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::0\tip6-localnet',
      'fe00::0\tip6-mcastprefix',
      'fe00::1\tip6-allnodes',
      'fe00::2\tip6-allrouters',
      `${state.podIP}\t${fqdn}${hostname}`,
      '',
    ].join('\n');
    const file = path.join(this.volumes.podDir(state.uid), 'etc-hosts');
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, text, { mode: 0o644 });
  }

  /** Init containers in order, then app containers; resolves with a back-off wait when one is pending. */
  private async stepContainers(pod: Pod, state: PodState, snap: Snapshot): Promise<number | undefined> {
    for (const spec of pod.spec.initContainers ?? []) {
      // Init containers run again in a new sandbox (what they set up lived in the old one).
      const runs = snap.byName.get(spec.name) ?? [];
      const latest = runs.find((c) => c.sandboxId === state.sandboxId);
      if (!latest) return this.start(pod, state, spec, runs.length ? runs[0]!.attempt + 1 : 0);
      if (latest.state === 'CONTAINER_CREATED' || latest.state === 'CONTAINER_UNKNOWN') return this.redo(pod, state, spec, latest);
      if (latest.state !== 'CONTAINER_EXITED') return undefined;
      const detail = await this.runtime.detail(latest);
      if (detail.exitCode === 0) continue;
      if (pod.spec.restartPolicy === 'Never') {
        state.waiting.delete(spec.name);
        return undefined;
      }
      return this.restart(pod, state, spec, detail);
    }
    // One after another in spec order, as upstream starts them (the seeds' writer/reader pair relies on it).
    const waits: number[] = [];
    for (const spec of pod.spec.containers) {
      const wait = await this.stepContainer(pod, state, spec, snap.byName.get(spec.name)?.[0]);
      if (wait !== undefined) waits.push(wait);
    }
    return waits.length ? Math.min(...waits) : undefined;
  }

  /** An app container: started, left running, restarted after a failed liveness probe, or after it exited. */
  private async stepContainer(pod: Pod, state: PodState, spec: ContainerSpec, latest: ContainerInfo | undefined): Promise<number | undefined> {
    if (!latest) return this.start(pod, state, spec, 0);
    if (latest.state === 'CONTAINER_RUNNING') {
      if (!this.health.watching(latest.id)) {
        // Adopted after a restart of the kubelet: probing picks up from the container's start.
        const detail = await this.runtime.detail(latest);
        this.health.watch(pod, spec, latest.id, new Date(detail.startedAt), state.podIP ?? '');
      }
      // A container made from an older spec (the image was changed) is replaced, as upstream does.
      const why = latest.specHash && latest.specHash !== containerHash(spec) ? 'definition changed' : this.health.unhealthy(latest.id);
      if (!why) return undefined;
      this.event(pod, 'Normal', 'Killing', `Container ${spec.name} ${why}, will be restarted`, spec.name);
      await this.stopContainer(pod, spec, latest.id, this.graceSeconds(pod), false);
      return this.restart(pod, state, spec, await this.runtime.detail(latest));
    }
    if (latest.state !== 'CONTAINER_EXITED') return this.redo(pod, state, spec, latest);
    const detail = await this.runtime.detail(latest);
    const policy = pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Always' || (policy === 'OnFailure' && detail.exitCode !== 0)) return this.restart(pod, state, spec, detail);
    // Done for good: no probes, and its state is how it ended (not why an earlier start failed).
    this.health.forget(latest.id);
    state.waiting.delete(spec.name);
    return undefined;
  }

  /**
   * A container left created but never started (the kubelet stopped between the two), or in a state the runtime
   * cannot tell: it is removed and made again, as upstream restarts such containers.
   */
  private async redo(pod: Pod, state: PodState, spec: ContainerSpec, latest: ContainerInfo): Promise<number | undefined> {
    await this.runtime.stopContainer(latest.id, 0).catch(() => {});
    await this.runtime.removeContainer(latest.id);
    return this.start(pod, state, spec, latest.attempt);
  }

  /** Starts the next attempt of an exited container unless it is backing off (CrashLoopBackOff). */
  private async restart(pod: Pod, state: PodState, spec: ContainerSpec, last: ContainerDetail): Promise<number | undefined> {
    const key = `${state.uid}/${spec.name}`;
    const wait = this.restarts.remaining(key, last.finishedAt || Date.now());
    if (wait > 0) {
      const delay = goDuration(this.restarts.delay(key));
      if (state.waiting.get(spec.name)?.reason !== 'CrashLoopBackOff') {
        this.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${spec.name} in pod ${podRef(pod)}`, spec.name);
      }
      state.waiting.set(spec.name, { reason: 'CrashLoopBackOff', message: `back-off ${delay} restarting failed container=${spec.name} pod=${podRef(pod)}` });
      return wait;
    }
    this.restarts.next(key, last.finishedAt || Date.now());
    this.health.forget(last.id);
    await this.removeDeadBefore(state.uid, spec.name, last.attempt);
    return this.start(pod, state, spec, last.attempt + 1);
  }

  /**
   * Container garbage collection as upstream's leaves it: of a container's
   * dead runs only the latest stays (its logs are `--previous`); older ones,
   * and their log files, go when the next run starts.
   */
  private async removeDeadBefore(uid: string, name: string, attempt: number): Promise<void> {
    const dead = (await this.runtime.containers(uid)).filter((c) => c.name === name && c.attempt < attempt && c.state === 'CONTAINER_EXITED');
    for (const c of dead) {
      const { logPath } = await this.runtime.detail(c);
      await this.runtime.removeContainer(c.id);
      if (logPath) await fsp.rm(logPath, { force: true });
    }
  }

  private graceSeconds(pod: Pod): number {
    return pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_S;
  }

  /** Pulls if needed, creates and starts one container, runs its postStart hook and starts its probes. */
  private async start(pod: Pod, state: PodState, spec: ContainerSpec, attempt: number): Promise<number | undefined> {
    const pullWait = await this.ensureImage(pod, state, spec);
    if (pullWait !== undefined) return pullWait;
    const fail = (reason: string, err: unknown) => {
      const message = errorText(err);
      state.waiting.set(spec.name, { reason, message });
      this.event(pod, 'Warning', 'Failed', `Error: ${message}`, spec.name);
    };
    let env: { key: string; value: string }[];
    try {
      env = await containerEnv({ ...pod, status: { ...pod.status, podIP: state.podIP } }, spec, this.sources, this.node);
    } catch (err) {
      if (!(err instanceof EnvError)) throw err;
      fail('CreateContainerConfigError', err);
      return 10_000;
    }
    const config = containerConfig(pod, spec, { attempt, env, volumes: state.volumes ?? new Map(), extraMounts: await this.kubeletMounts(pod, state, spec, attempt) });
    let id: string;
    try {
      id = await this.runtime.createContainer(state.sandboxId!, state.sandboxConfig!, config);
    } catch (err) {
      fail('CreateContainerError', err);
      return 10_000;
    }
    this.event(pod, 'Normal', 'Created', `Created container: ${spec.name}`, spec.name);
    try {
      await this.runtime.startContainer(id);
    } catch (err) {
      // The runtime keeps it as exited (StartError); the next sync restarts it under back-off.
      fail('RunContainerError', err);
      return undefined;
    }
    state.waiting.delete(spec.name);
    this.event(pod, 'Normal', 'Started', `Started container ${spec.name}`, spec.name);
    const postStart = spec.lifecycle?.postStart;
    if (postStart) {
      const failed = await this.health.runHook(postStart, pod, spec, id, state.podIP ?? '');
      if (failed !== undefined) {
        // Upstream's words: the hook's failure stays out of the event (it may carry secrets), the reason in the status.
        this.event(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', spec.name);
        state.waiting.set(spec.name, { reason: 'PostStartHookError', message: failed });
        await this.stopContainer(pod, spec, id, this.graceSeconds(pod), false);
        return undefined;
      }
    }
    this.health.watch(pod, spec, id, new Date(), state.podIP ?? '');
    return undefined;
  }

  /** The termination-log file and /etc/hosts, mounted into every container as upstream's kubelet does. */
  private async kubeletMounts(pod: Pod, state: PodState, spec: ContainerSpec, attempt: number): Promise<{ containerPath: string; hostPath: string }[]> {
    const mounts: { containerPath: string; hostPath: string }[] = [];
    const podDir = this.volumes.podDir(state.uid);
    if (spec.terminationMessagePath) {
      const file = this.terminationLogFile(state.uid, spec.name, attempt);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      await fsp.writeFile(file, '');
      await fsp.chmod(file, 0o666);
      mounts.push({ containerPath: spec.terminationMessagePath, hostPath: file });
    }
    const hosts = path.join(podDir, 'etc-hosts');
    if (!pod.spec.hostNetwork && fs.existsSync(hosts) && !(spec.volumeMounts ?? []).some((m) => m.mountPath === '/etc/hosts')) {
      mounts.push({ containerPath: '/etc/hosts', hostPath: hosts });
    }
    return mounts;
  }

  /** imagePullPolicy as upstream, with pull back-off; resolves with a wait when the container cannot start yet. */
  private async ensureImage(pod: Pod, state: PodState, spec: ContainerSpec): Promise<number | undefined> {
    const image = spec.image!;
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    // Always is honoured by pulling only when the image is not on the node: these machines reach no registry,
    // and an imported image must still run (as k3s's air-gapped images do).
    if (await this.runtime.imagePresent(image)) {
      this.event(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, spec.name);
      return undefined;
    }
    if (policy === 'Never') {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      state.waiting.set(spec.name, { reason: 'ErrImageNeverPull', message });
      this.event(pod, 'Warning', 'ErrImageNeverPull', message, spec.name);
      return 10_000;
    }
    const key = `${state.uid}/${image}`;
    const wait = this.pulls.remainingSinceLast(key);
    if (wait > 0) {
      state.waiting.set(spec.name, { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` });
      this.event(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, spec.name);
      this.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', spec.name);
      return wait;
    }
    // A pull can take long: the pod says where it is (ContainerCreating, its IP) before it begins.
    await this.writeStatus(pod, state);
    this.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, spec.name);
    const began = Date.now();
    try {
      await this.runtime.pullImage(image, state.sandboxConfig!);
    } catch (err) {
      const message = `Failed to pull image "${image}": ${errorText(err)}`;
      this.pulls.next(key);
      state.waiting.set(spec.name, { reason: 'ErrImagePull', message });
      this.event(pod, 'Warning', 'Failed', message, spec.name);
      this.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', spec.name);
      // Looked at again shortly, to report the back-off (ImagePullBackOff) until the next pull is due.
      return 1000;
    }
    this.pulls.reset(key);
    const took = `${((Date.now() - began) / 1000).toFixed(3)}s`;
    this.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting)`, spec.name);
    return undefined;
  }

  /** preStop (within the grace period), then SIGTERM and SIGKILL after what is left of it. */
  private async stopContainer(pod: Pod, spec: ContainerSpec | undefined, id: string, graceS: number, event = true): Promise<void> {
    const began = Date.now();
    if (spec && event) this.event(pod, 'Normal', 'Killing', `Stopping container ${spec.name}`, spec.name);
    const preStop = spec?.lifecycle?.preStop;
    if (preStop && graceS > 0) {
      const hook = this.health.runHook(preStop, pod, spec, id, pod.status?.podIP ?? '');
      const failed = await Promise.race([hook, new Promise<undefined>((resolve) => void setTimeout(() => resolve(undefined), graceS * 1000).unref())]);
      if (failed !== undefined) this.event(pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', spec.name);
    }
    this.health.forget(id);
    const left = Math.max(0, graceS - Math.floor((Date.now() - began) / 1000));
    await this.runtime.stopContainer(id, left).catch((err: unknown) => this.log(`stopping container ${id}: ${errorText(err)}`));
  }

  /** Stops every running container of the pod, all at once. */
  private async killAll(pod: Pod, state: PodState, graceS: number): Promise<void> {
    const snap = await this.snapshot(state.uid);
    const specs = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
    await Promise.all(
      [...snap.byName.values()]
        .flat()
        .filter((c) => c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED')
        .map((c) => this.stopContainer(pod, specs.find((s) => s.name === c.name), c.id, graceS)),
    );
  }

  private async stopSandboxes(state: PodState): Promise<void> {
    for (const s of (await this.runtime.sandboxes(state.uid)).filter((s) => s.ready)) await this.runtime.stopSandbox(s.id);
  }

  /** A deleted pod: stop it gracefully, remove its containers, sandbox and volumes, then its API object. */
  async terminate(pod: Pod, state: PodState): Promise<void> {
    await this.killAll(pod, state, this.graceSeconds(pod));
    await this.removeEverything(state.uid);
    const { namespace, name, uid } = pod.metadata;
    await this.pods.delete(namespace, name!, { gracePeriodSeconds: 0, preconditions: { uid } }).catch((err: unknown) => {
      // Gone already, or a new pod of the same name stands there now (the UID precondition fails): either way ours is.
      if (!isNotFound(err) && !isConflict(err)) throw err;
    });
  }

  /** Whatever a pod left on the node (also for pods the API no longer has). */
  async removeEverything(uid: string): Promise<void> {
    const [sandboxes, containers] = await Promise.all([this.runtime.sandboxes(uid), this.runtime.containers(uid)]);
    for (const c of containers) {
      this.health.forget(c.id);
      if (c.state === 'CONTAINER_RUNNING') await this.runtime.stopContainer(c.id, 0);
      await this.runtime.removeContainer(c.id);
    }
    for (const s of sandboxes) {
      await this.runtime.stopSandbox(s.id);
      await this.runtime.removeSandbox(s.id);
    }
    this.volumes.tearDown(uid);
    await removePodLogs(this.settings.logsDir, uid);
    this.restarts.forget(`${uid}/`);
    this.pulls.forget(`${uid}/`);
  }

  /** Computes the status from CRI and what the kubelet knows, and writes it when it changed. */
  async writeStatus(pod: Pod, state: PodState): Promise<string | undefined> {
    const snap = await this.snapshot(state.uid);
    // Upstream's default waiting reason for a container not yet made: PodInitializing in any pod with init containers.
    const notYetMade = pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating';
    const statusOf = async (spec: ContainerSpec, init: boolean): Promise<ContainerStatus> => {
      const [latest, previous] = snap.byName.get(spec.name) ?? [];
      const base = { name: spec.name, image: spec.image ?? '', imageID: '', ready: false, started: false, restartCount: 0 };
      const waitingReason = state.waiting.get(spec.name);
      if (!latest) {
        const reason = waitingReason ?? { reason: notYetMade };
        return { ...base, state: { waiting: reason }, lastState: {} };
      }
      const detail = await this.runtime.detail(latest);
      const last = previous ? terminatedState(await this.runtime.detail(previous), this.terminationMessage(previous)) : undefined;
      const current = latest.state === 'CONTAINER_EXITED' ? terminatedState(detail, this.terminationMessage(latest)) : undefined;
      let containerState: ContainerState;
      let lastState: ContainerState | Record<string, never> = last ?? {};
      if (latest.state === 'CONTAINER_RUNNING') containerState = { running: { startedAt: timestamp(new Date(detail.startedAt)) } };
      else if (current && waitingReason) {
        containerState = { waiting: waitingReason };
        lastState = current;
      } else if (current) containerState = current;
      else containerState = { waiting: waitingReason ?? { reason: 'ContainerCreating' } };
      const running = latest.state === 'CONTAINER_RUNNING';
      return {
        ...base,
        image: detail.image || base.image,
        imageID: detail.imageRef,
        containerID: `containerd://${latest.id}`,
        state: containerState,
        lastState,
        // A completed init container counts as ready, as upstream reports it.
        ready: init ? terminatedOf(containerState)?.exitCode === 0 : running && this.health.ready(latest.id),
        started: running && this.health.started(latest.id),
        restartCount: latest.attempt,
      };
    };
    const init = await Promise.all((pod.spec.initContainers ?? []).map((c) => statusOf(c, true)));
    const containers = await Promise.all(pod.spec.containers.map((c) => statusOf(c, false)));
    const now = new Date();
    const sandboxReady = snap.sandboxes.some((s) => s.ready);
    let status = podStatus(pod, init, containers, { hostIP: this.node.ip, podIP: state.podIP, startTime: state.startTime ?? timestamp(now), sandboxReady }, now);
    if (state.deadlineExceeded) status = { ...status, phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
    // Compared with what the API holds (not with our last write): another component may have changed it since.
    const comparable = (s: unknown) => JSON.stringify(s, (k, v: unknown) => (k === 'lastTransitionTime' || k === 'startTime' || k === 'qosClass' ? undefined : v));
    if (comparable(status) === comparable(pod.status)) return status.phase;
    const { namespace, name } = pod.metadata;
    const written = await this.pods.patch(namespace, name!, { status }, undefined, 'status');
    state.writtenVersions.push(written.metadata.resourceVersion!);
    if (state.writtenVersions.length > 4) state.writtenVersions.shift();
    return status.phase;
  }

  /** One file per attempt, so a restarted container's last message stays readable. */
  private terminationLogFile(uid: string, name: string, attempt: number): string {
    return path.join(this.volumes.podDir(uid), 'containers', name, String(attempt));
  }

  /** What the container wrote to its termination-log (upstream reads at most 4 KiB). */
  private terminationMessage(c: ContainerInfo): string | undefined {
    const file = this.terminationLogFile(c.podUid, c.name, c.attempt);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(0, 4096) : '';
    return text || undefined;
  }
}

/** The pod's log directory (NAMESPACE_NAME_UID), found by its UID. */
async function removePodLogs(logsDir: string, uid: string): Promise<void> {
  const dirs = await fsp.readdir(logsDir).catch(() => [] as string[]);
  for (const dir of dirs.filter((d) => d.endsWith(`_${uid}`))) await fsp.rm(path.join(logsDir, dir), { recursive: true, force: true });
}

function terminatedState(d: ContainerDetail, message: string | undefined): ContainerState {
  return {
    terminated: {
      exitCode: d.exitCode,
      reason: d.reason || (d.exitCode === 0 ? 'Completed' : 'Error'),
      ...(message ?? d.message ? { message: message ?? d.message } : {}),
      startedAt: timestamp(new Date(d.startedAt || d.createdAt)),
      finishedAt: timestamp(new Date(d.finishedAt)),
      containerID: `containerd://${d.id}`,
    },
  };
}
