// core/v1 Secret: stringData folds into data (base64) on write; type defaults to Opaque.
import { age } from '../../printers/duration.js';
import type { KubeObject, ResourceType } from '../types.js';
import { checkConfigKeys } from '../validation.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

type Secret = KubeObject & { type?: string; data?: Record<string, string>; stringData?: Record<string, string> };

/** Upstream never stores stringData: it is write-only sugar for base64-encoded data. */
function foldStringData(obj: KubeObject): void {
  const secret = obj as Secret;
  if (!secret.stringData) return;
  secret.data = { ...secret.data };
  for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = Buffer.from(v).toString('base64');
  delete secret.stringData;
}

export const secrets: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  singular: 'secret',
  shortNames: [],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    prepareForCreate: foldStringData,
    prepareForUpdate: foldStringData,
    defaults(obj) {
      (obj as Secret).type ||= 'Opaque';
    },
    validate: (obj) => checkConfigKeys('data', Object.keys((obj as Secret).data ?? {})),
    fields: (obj) => ({ type: (obj as Secret).type ?? '' }),
    columns: [
      NAME_COLUMN,
      { name: 'Type', type: 'string', description: 'What the secret is for, which fixes the keys it must hold (Opaque for free-form data).' },
      { name: 'Data', type: 'integer', description: 'How many keys the secret holds.' },
      AGE_COLUMN,
    ],
    row: (obj, now) => {
      const s = obj as Secret;
      return [s.metadata.name, s.type ?? '', Object.keys(s.data ?? {}).length, age(s.metadata.creationTimestamp, now)];
    },
  },
};
