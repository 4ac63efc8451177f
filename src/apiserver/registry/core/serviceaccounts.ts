// core/v1 ServiceAccount: NAME, SECRETS, AGE.
import { age } from '../../printers/duration.js';
import type { KubeObject, ResourceType } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

type ServiceAccount = KubeObject & { secrets?: unknown[] };

export const serviceaccounts: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    validate: () => [],
    columns: [
      NAME_COLUMN,
      { name: 'Secrets', type: 'string', description: 'How many secrets the service account lists.' },
      AGE_COLUMN,
    ],
    row: (obj, now) => [obj.metadata.name, (obj as ServiceAccount).secrets?.length ?? 0, age(obj.metadata.creationTimestamp, now)],
  },
};
