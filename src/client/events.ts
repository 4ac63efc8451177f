// Records core/v1 Events about objects, as client-go's recorder does: the
// same event again within ten minutes bumps the count and lastTimestamp of
// the first instead of making a new one (a pod that stays unschedulable
// must not flood the store). Writes happen in the background, side by
// side (the store commits them together); failures are logged, never thrown
// at the component.
import { timestamp } from '../apiserver/registry/generic-store.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { EVENTS, type ApiClient, type ResourceClient } from './client.js';

const AGGREGATION_WINDOW_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 4096;

export interface EventSource {
  /** Who reports: "default-scheduler", "kubelet", "node-controller". */
  component: string;
  host?: string;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
  firstSeen: number;
  /** Settles when the first instance is stored: later ones patch it. */
  created: Promise<void>;
}

export class EventRecorder {
  private readonly events: ResourceClient;
  private readonly recent = new Map<string, Recorded>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    client: ApiClient,
    private readonly source: EventSource,
    private readonly onError: (message: string) => void = () => {},
  ) {
    this.events = client.resource(EVENTS);
  }

  /** `fieldPath` names the part of the object the event is about, as kubelets do: "spec.containers{nginx}". */
  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const write = this.write(obj, type, reason, message, new Date(), fieldPath)
      .catch((err: Error) => this.onError(`event ${reason}: ${err.message}`))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves once every event recorded so far is written (or failed). */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async write(obj: KubeObject, type: string, reason: string, message: string, now: Date, fieldPath?: string): Promise<void> {
    const namespace = obj.metadata.namespace || 'default';
    const id = [obj.metadata.uid, fieldPath, type, reason, message].join('\0');
    const seen = this.recent.get(id);
    if (seen && now.getTime() - seen.firstSeen < AGGREGATION_WINDOW_MS) {
      seen.count++;
      await seen.created;
      await this.events.patch(seen.namespace, seen.name, { count: seen.count, lastTimestamp: timestamp(now) });
      return;
    }
    const name = `${obj.metadata.name}.${(BigInt(now.getTime()) * 1_000_000n + BigInt(process.hrtime()[1] % 1_000_000)).toString(16)}`;
    const created = this.create(obj, type, reason, message, now, namespace, name, fieldPath);
    if (this.recent.size >= MAX_REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(id, { name, namespace, count: 1, firstSeen: now.getTime(), created: created.catch(() => {}) });
    await created;
  }

  private async create(obj: KubeObject, type: string, reason: string, message: string, now: Date, namespace: string, name: string, fieldPath?: string): Promise<void> {
    await this.events.create(namespace, {
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
      firstTimestamp: timestamp(now),
      lastTimestamp: timestamp(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    });
  }
}
