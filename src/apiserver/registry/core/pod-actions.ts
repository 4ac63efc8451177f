// The pod subresources that act rather than read: pods/NAME/binding (how a
// scheduler places a pod) and pods/NAME/eviction (how `kubectl drain`
// removes one, as a deletion that disruption budgets could refuse).
import { errors } from '../../status.js';
import { timestamp } from '../generic-store.js';
import type { KubeObject, SubresourceAction } from '../types.js';
import { withTransitionTime } from './conditions.js';
import type { PodCondition } from './types.js';
import { notSupported, required } from '../validation.js';

type PodLike = KubeObject & { spec?: { nodeName?: string }; status?: { phase?: string; conditions?: PodCondition[] } };

/** Sets a pod condition, moving lastTransitionTime only when its status changes (upstream's UpdatePodCondition). */
export function setPodCondition(pod: PodLike, condition: Omit<PodCondition, 'lastTransitionTime'>, now: Date): void {
  const status = (pod.status ??= {});
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === condition.type);
  const next = withTransitionTime<PodCondition>(conditions, { lastProbeTime: null, ...condition }, timestamp(now));
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
}

export const binding: SubresourceAction = {
  body: { group: '', version: 'v1', kind: 'Binding' },
  async run(store, namespace, name, body, { dryRun }) {
    const target = (body.target ?? {}) as { kind?: string; name?: string };
    const causes = [
      ...(target.kind && target.kind !== 'Node' ? [notSupported('target.kind', target.kind, ['Node', '<empty>'])] : []),
      ...(target.name ? [] : [required('target.name')]),
    ];
    if (causes.length) throw errors.invalid('Binding', '', name, causes);
    const refuse = (why: string) => errors.conflict({ group: '', resource: 'pods/binding' }, name, why);
    const bind = (pod: PodLike): KubeObject => {
      // A binding names the pod it was made for: one re-created under the same name is another pod.
      if (body.metadata.uid && body.metadata.uid !== pod.metadata.uid) {
        throw refuse(`Precondition failed: UID in precondition: ${body.metadata.uid}, UID in object meta: ${pod.metadata.uid}`);
      }
      if (pod.metadata.deletionTimestamp) throw refuse(`pod ${name} is being deleted, cannot be assigned to a host`);
      if (pod.spec?.nodeName) throw refuse(`pod ${name} is already assigned to node ${JSON.stringify(pod.spec.nodeName)}`);
      (pod.spec ??= {}).nodeName = target.name;
      const annotations = body.metadata.annotations;
      if (annotations) pod.metadata.annotations = { ...pod.metadata.annotations, ...annotations };
      setPodCondition(pod, { type: 'PodScheduled', status: 'True' }, new Date());
      return pod;
    };
    if (dryRun) bind(await store.get(namespace, name));
    else await store.mutate(namespace, name, bind);
  },
};

export const eviction: SubresourceAction = {
  body: { group: 'policy', version: 'v1', kind: 'Eviction' },
  async run(store, namespace, name, body, { dryRun: dryRunQuery }) {
    const options = (body.deleteOptions ?? {}) as { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: string[] };
    // kubectl drain --dry-run=server asks in the body's DeleteOptions, not the URL.
    const dryRun = dryRunQuery || (options.dryRun ?? []).includes('All');
    const pod = (await store.get(namespace, name)) as PodLike;
    // The preconditions are checked against the pod as the client saw it, before the condition below moves its version.
    await store.delete(namespace, name, { ...options, dryRun: true });
    if (dryRun) return;
    // No disruption budgets exist yet, so every eviction is allowed; the pod learns why it is going.
    if (!pod.metadata.deletionTimestamp) {
      await store.mutate(namespace, name, (current) => {
        setPodCondition(current as PodLike, { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }, new Date());
        return current;
      });
    }
    await store.delete(namespace, name, { gracePeriodSeconds: options.gracePeriodSeconds, preconditions: { uid: pod.metadata.uid } });
  },
};
