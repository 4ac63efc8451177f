// core/v1 ConfigMap: NAME, DATA (keys in data and binaryData), AGE.
import { age } from '../../printers/duration.js';
import type { KubeObject, ResourceType } from '../types.js';
import { checkConfigKeys } from '../validation.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

type ConfigMap = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> };

export const configmaps: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    validate: (obj) => [
      ...checkConfigKeys('data', Object.keys((obj as ConfigMap).data ?? {})),
      ...checkConfigKeys('binaryData', Object.keys((obj as ConfigMap).binaryData ?? {})),
    ],
    columns: [
      NAME_COLUMN,
      { name: 'Data', type: 'integer', description: 'How many keys the ConfigMap holds, in data and binaryData together.' },
      AGE_COLUMN,
    ],
    row: (obj, now) => {
      const cm = obj as ConfigMap;
      return [cm.metadata.name, Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(cm.metadata.creationTimestamp, now)];
    },
  },
};
