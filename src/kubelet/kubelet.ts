// The kubelet of a real node: watches the pods bound to it and syncs each
// (pod-sync.ts) through the controller shape every component uses; relists
// the runtime every second, as upstream's PLEG does, so a container that
// exits (or died while the kubelet was down) wakes its pod; and removes
// whatever belongs to pods the API no longer has.
import type { Pod } from '../apiserver/registry/core/types.js';
import { CONFIGMAPS, PODS, SECRETS, SERVICES, type ApiClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from '../controllers/controller.js';
import type { SandboxSettings } from './container-config.js';
import type { KeyedSources } from './env.js';
import type { ServiceForEnv } from './service-env.js';
import { ContainerProbes } from './health.js';
import { PodState, PodSyncer, type NodeInfo } from './pod-sync.js';
import type { PodRuntime } from './runtime.js';
import { PodVolumes } from './volumes.js';

const RELIST_MS = 1000;

export interface KubeletOptions {
  node: NodeInfo;
  sandbox: SandboxSettings;
  /** DATA/agent/pods: volumes, hosts files, termination logs. */
  podsDir: string;
}

const decodeBase64 = (data: Record<string, string> | undefined) => Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

/** ConfigMaps, Secrets and Services read through the API when a container or volume needs them. */
function apiSources(client: ApiClient): KeyedSources {
  const configMaps = client.resource(CONFIGMAPS);
  const secrets = client.resource(SECRETS);
  const services = client.resource(SERVICES);
  return {
    async configMap(namespace, name) {
      const cm = (await configMaps.find(namespace, name)) as { data?: Record<string, string>; binaryData?: Record<string, string> } | undefined;
      return cm && { ...cm.data, ...decodeBase64(cm.binaryData) };
    },
    async secret(namespace, name) {
      const s = (await secrets.find(namespace, name)) as { data?: Record<string, string> } | undefined;
      return s && decodeBase64(s.data);
    },
    async services(namespace) {
      const lists = await Promise.all([...new Set([namespace, 'default'])].map((ns) => services.list(ns)));
      return lists.flatMap((l) => l.items) as ServiceForEnv[];
    },
  };
}

export class Kubelet implements Reconciler {
  readonly name = 'kubelet';
  private readonly pods: Informer<Pod>;
  private readonly states = new Map<string, PodState>();
  private readonly controller: Controller;
  private readonly syncer: PodSyncer;
  private readonly probes: ContainerProbes;
  private relistTimer: NodeJS.Timeout | undefined;
  /** Container states at the last relist, by container id. */
  private seen = new Map<string, string>();
  private relisting = false;
  private stopped = false;

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly runtime: PodRuntime,
    recorder: EventRecorder,
    readonly options: KubeletOptions,
    private readonly log: (message: string) => void,
  ) {
    this.pods = informers.for<Pod>(PODS, { fieldSelector: `spec.nodeName=${options.node.name}` });
    const sources = apiSources(client);
    this.probes = new ContainerProbes(runtime, recorder, (pod) => this.controller.enqueue(keyOf(pod)));
    this.syncer = new PodSyncer(
      runtime,
      new PodVolumes(options.podsDir, sources),
      sources,
      this.probes,
      client.resource<Pod>(PODS),
      recorder,
      options.node,
      options.sandbox,
      log,
    );
    // Eight pods synced side by side: on two cores, more only makes a burst contend (measured with 4, 8 and 32).
    this.controller = new Controller(this, { workers: 8, onError: log, backoff: { baseMs: 200, maxMs: 10_000 } });
  }

  start(): void {
    this.pods.on({
      add: (pod) => this.controller.enqueue(keyOf(pod)),
      update: (_, pod) => {
        // The echo of our own status write changes nothing the sync looks at.
        if (!this.states.get(pod.metadata.uid!)?.writtenVersions.includes(pod.metadata.resourceVersion!)) this.controller.enqueue(keyOf(pod));
      },
      delete: (pod) => this.controller.enqueue(keyOf(pod)),
    });
    this.controller.start();
    // Not before the first list: until then every running pod would look like an orphan.
    void this.pods.synced.then(() => this.scheduleRelist());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relistTimer);
    await this.controller.stop();
    this.probes.stop();
  }

  async reconcile(key: string): Promise<number | void> {
    const pod = this.pods.get(key);
    if (!pod) {
      // Gone without a graceful deletion (force-deleted): forget it; the relist removes what it left running.
      for (const [uid, state] of this.states) if (state.key === key && !state.terminating) this.states.delete(uid);
      return;
    }
    const uid = pod.metadata.uid!;
    let state = this.states.get(uid);
    if (!state) {
      state = new PodState(uid, key);
      this.states.set(uid, state);
    }
    if (state.terminating) return;
    if (pod.metadata.deletionTimestamp) {
      const done = this.syncer.terminate(pod, state);
      state.terminating = done;
      // Termination may take the whole grace period: it runs beside the workers, not in one.
      done.then(
        () => this.states.delete(uid),
        (err: Error) => {
          this.log(`terminating ${key}: ${err.message}`);
          state.terminating = undefined;
          this.controller.queue.addRateLimited(key);
        },
      );
      return;
    }
    return this.syncer.sync(pod, state);
  }

  private scheduleRelist(): void {
    if (this.stopped) return;
    this.relistTimer = setTimeout(() => void this.relist().finally(() => this.scheduleRelist()), RELIST_MS);
    this.relistTimer.unref();
  }

  /** Wakes the pods whose containers changed state, and clears away pods the API no longer has. */
  private async relist(): Promise<void> {
    if (this.relisting) return;
    this.relisting = true;
    try {
      const containers = await this.runtime.containers();
      const sandboxes = await this.runtime.sandboxes();
      const now = new Map(containers.map((c) => [c.id, c.state]));
      // Read after both lists: a pod bound meanwhile is known before its sandbox can show up in them.
      const known = new Map(this.pods.list().map((p) => [p.metadata.uid!, p]));
      const changedUids = new Set<string>();
      for (const c of containers) if (this.seen.get(c.id) !== c.state) changedUids.add(c.podUid);
      this.seen = now;
      for (const uid of changedUids) {
        const pod = known.get(uid);
        if (pod) this.controller.enqueue(keyOf(pod));
      }
      const orphans = new Set([...containers.map((c) => c.podUid), ...sandboxes.map((s) => s.podUid)].filter((uid) => !known.has(uid) && !this.states.get(uid)?.terminating));
      for (const uid of orphans) {
        if (this.stopped || this.pods.list().some((p) => p.metadata.uid === uid)) continue;
        this.log(`removing containers of pod ${uid}, which is no longer bound here`);
        this.states.delete(uid);
        await this.syncer.removeEverything(uid);
      }
    } catch (err) {
      this.log(`relist: ${(err as Error).message}`);
    } finally {
      this.relisting = false;
    }
  }
}
