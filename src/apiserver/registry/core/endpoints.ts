// core/v1 Endpoints: ENDPOINTS shows up to three address:port pairs, then "+ N more...".
import { age } from '../../printers/duration.js';
import type { KubeObject, ResourceType } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

interface Subset {
  addresses?: { ip: string }[];
  ports?: { port: number }[];
}

type Endpoints = KubeObject & { subsets?: Subset[] };

const SHOWN = 3;

function formatEndpoints(ep: Endpoints): string {
  // Subsets with only not-ready addresses show an empty cell; no subsets at all show <none>.
  if (!ep.subsets?.length) return '<none>';
  const pairs: string[] = [];
  for (const subset of ep.subsets) {
    const ports = subset.ports?.length ? subset.ports.map((p) => `:${p.port}`) : [''];
    for (const address of subset.addresses ?? []) for (const port of ports) pairs.push(`${address.ip}${port}`);
  }
  const shown = pairs.slice(0, SHOWN).join(',');
  return pairs.length > SHOWN ? `${shown} + ${pairs.length - SHOWN} more...` : shown;
}

export const endpoints: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  resource: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    validate: () => [],
    columns: [NAME_COLUMN, { name: 'Endpoints', type: 'string', description: 'The addresses and ports of the ready endpoints.' }, AGE_COLUMN],
    row: (obj, now) => [obj.metadata.name, formatEndpoints(obj as Endpoints), age(obj.metadata.creationTimestamp, now)],
  },
};
