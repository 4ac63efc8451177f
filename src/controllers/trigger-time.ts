// The endpoints.kubernetes.io/last-change-trigger-time both endpoints
// controllers write, as upstream's TriggerTimeTracker computes it: the
// oldest change behind this write that the last sync of the service had
// not seen. A change is a pod's Ready transition or the service's creation;
// a service seen for the first time takes its creation time. With no such
// change (a pod deleted, say) there is no time and the annotation goes.
import type { Pod } from '../apiserver/registry/core/types.js';
import { keyOf } from '../client/informer.js';
import type { Service } from './service-pods.js';

interface Seen {
  pods: Map<string, number>;
  service: number;
}

export class TriggerTimes {
  private readonly seen = new Map<string, Seen>();

  /** The trigger time of this sync (RFC 3339), or undefined; remembers what it saw for the next. */
  compute(svc: Service, pods: Pod[]): string | undefined {
    const key = keyOf(svc);
    const before = this.seen.get(key);
    const now: Seen = { pods: new Map(), service: Date.parse(svc.metadata.creationTimestamp ?? '') || 0 };
    let oldest: string | undefined;
    const consider = (time: string) => {
      if (oldest === undefined || Date.parse(time) < Date.parse(oldest)) oldest = time;
    };
    for (const pod of pods) {
      const time = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
      if (!time) continue;
      now.pods.set(pod.metadata.name!, Date.parse(time));
      if (Date.parse(time) > (before?.pods.get(pod.metadata.name!) ?? 0)) consider(time);
    }
    if (now.service > (before?.service ?? 0)) consider(svc.metadata.creationTimestamp!);
    this.seen.set(key, now);
    return before ? oldest : svc.metadata.creationTimestamp;
  }

  forget(key: string): void {
    this.seen.delete(key);
  }
}
