// coordination.k8s.io/v1 Lease: node heartbeats and leader election. NAME, HOLDER, AGE.
import { age } from '../../printers/duration.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { KubeObject, ResourceType } from '../types.js';

type Lease = KubeObject & { spec?: { holderIdentity?: string } };

export const leases: ResourceType = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  resource: 'leases',
  singular: 'lease',
  shortNames: [],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    validate: () => [],
    columns: [NAME_COLUMN, { name: 'Holder', type: 'string', description: 'Who holds the lease now.' }, AGE_COLUMN],
    row: (obj, now) => [obj.metadata.name, (obj as Lease).spec?.holderIdentity ?? '', age(obj.metadata.creationTimestamp, now)],
  },
};
