// What the apps workloads (Deployment, ReplicaSet, DaemonSet, StatefulSet)
// share: their shape as the registry reads it, the pod template's defaults,
// the status a client may not write, and the -o wide container cells.
import { formatLabelSelector, type LabelSelector } from '../../selectors.js';
import type { PodSpec } from '../core/pod-validation.js';
import { defaultPodSpec } from '../core/pods.js';
import type { KubeObject, TableColumn } from '../types.js';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: PodSpec;
}

export interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export type Workload<Spec = object, Status = object> = KubeObject & { spec?: WorkloadSpec & Spec; status?: Status };

/** The spec, created if missing, so defaulting and validation read one object. */
export const specOf = <Spec>(obj: KubeObject) => ((obj as Workload<Spec>).spec ??= {} as WorkloadSpec & Spec);

/** Pods made from a template get the same defaults as pods created directly. */
export function defaultTemplate(spec: WorkloadSpec): void {
  defaultPodSpec(((spec.template ??= {}).spec ??= {}));
}

/**
 * Status belongs to the controller: a create starts from `initial` (upstream
 * resets it, then prints the fields Go does not omit when zero), an update
 * of the main resource keeps the stored one.
 */
export const controllerStatus = (initial: () => object) => ({
  prepareForCreate(obj: KubeObject) {
    obj.status = initial();
  },
  prepareForUpdate(obj: KubeObject, old: KubeObject) {
    obj.status = old.status;
  },
});

export const CONTAINERS_COLUMN: TableColumn = { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' };
export const IMAGES_COLUMN: TableColumn = { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' };
export const SELECTOR_COLUMN: TableColumn = { name: 'Selector', type: 'string', priority: 1, description: 'The label query over pods that the controller manages.' };

/** CONTAINERS and IMAGES: the template's containers, comma-separated. */
export function containerCells(spec: WorkloadSpec | undefined): [string, string] {
  const containers = spec?.template?.spec?.containers ?? [];
  return [containers.map((c) => c.name ?? '').join(','), containers.map((c) => c.image ?? '').join(',')];
}

export const selectorCell = (spec: WorkloadSpec | undefined) => formatLabelSelector(spec?.selector);
