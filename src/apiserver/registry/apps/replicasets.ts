// apps/v1 ReplicaSet: one replica by default, a template its selector must
// select, and upstream's printer columns. Keeping the count of pods is the
// replica set controller's.
import { age } from '../../printers/duration.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { ResourceType } from '../types.js';
import { checkSelectorUnchanged, nonNegative, validateReplicaSetTemplate, validateRequiredSelector } from './template-validation.js';
import { CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN, containerCells, controllerStatus, defaultTemplate, selectorCell, specOf, type Workload } from './workload.js';

type ReplicaSet = Workload<object, { replicas?: number; readyReplicas?: number }>;

export const replicasets: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status', 'scale'],
  strategy: {
    // status.replicas is printed even when 0 (Go does not omit it).
    ...controllerStatus(() => ({ replicas: 0 })),
    defaults(obj) {
      const spec = specOf(obj);
      spec.replicas ??= 1;
      defaultTemplate(spec);
    },
    generationOf: (obj) => obj.spec,
    // Upstream's ValidateReplicaSetSpec (its empty-selector message says "deployment" too).
    validate(obj) {
      const spec = (obj as ReplicaSet).spec ?? {};
      return [
        ...nonNegative('spec.replicas', spec.replicas),
        ...nonNegative('spec.minReadySeconds', spec.minReadySeconds),
        ...validateRequiredSelector(spec.selector, 'deployment'),
        ...validateReplicaSetTemplate(spec.selector, spec.template),
      ];
    },
    validateUpdate: (obj, old) => checkSelectorUnchanged((obj as ReplicaSet).spec?.selector, (old as ReplicaSet).spec?.selector),
    fields: (obj) => ({ 'status.replicas': String((obj as ReplicaSet).status?.replicas ?? 0) }),
    columns: [
      NAME_COLUMN,
      { name: 'Desired', type: 'integer', description: 'How many pods the replica set should have.' },
      { name: 'Current', type: 'integer', description: 'How many non-terminating pods the replica set has.' },
      { name: 'Ready', type: 'integer', description: 'How many of its pods are ready.' },
      AGE_COLUMN,
      CONTAINERS_COLUMN,
      IMAGES_COLUMN,
      SELECTOR_COLUMN,
    ],
    row(obj, now) {
      const rs = obj as ReplicaSet;
      return [
        rs.metadata.name,
        rs.spec?.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        age(rs.metadata.creationTimestamp, now),
        ...containerCells(rs.spec),
        selectorCell(rs.spec),
      ];
    },
  },
};
