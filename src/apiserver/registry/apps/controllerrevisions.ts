// apps/v1 ControllerRevision: an immutable snapshot (DaemonSets and
// StatefulSets keep their template history so). Its data may not change;
// CONTROLLER names the object that owns it as kind.group/name.
import { isDeepStrictEqual } from 'node:util';
import { age } from '../../printers/duration.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { KubeObject, ResourceType } from '../types.js';
import { invalidValue, required } from '../validation.js';
import { nonNegative } from './template-validation.js';

type ControllerRevision = KubeObject & { data?: unknown; revision?: number };

interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  controller?: boolean;
}

/** The controlling owner as upstream prints it: "statefulset.apps/web", or "<none>". */
function controllerOf(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences as OwnerReference[] | undefined)?.find((r) => r.controller);
  if (!ref) return '<none>';
  const slash = ref.apiVersion?.indexOf('/') ?? -1;
  const group = slash >= 0 ? ref.apiVersion!.slice(0, slash) : '';
  return `${(group ? `${ref.kind}.${group}` : (ref.kind ?? '')).toLowerCase()}/${ref.name ?? ''}`;
}

export const controllerrevisions: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  resource: 'controllerrevisions',
  singular: 'controllerrevision',
  shortNames: [],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    validate(obj) {
      const rev = obj as ControllerRevision;
      return [...(rev.data === undefined || rev.data === null ? [required('data', 'data is mandatory')] : []), ...nonNegative('revision', rev.revision ?? 0)];
    },
    // Upstream shows the new data as Go's %#v of its decoded object; we show its JSON.
    validateUpdate: (obj, old) => {
      const data = (obj as ControllerRevision).data;
      return isDeepStrictEqual(data, (old as ControllerRevision).data) ? [] : [invalidValue('data', data, 'field is immutable')];
    },
    columns: [
      NAME_COLUMN,
      { name: 'Controller', type: 'string', description: 'Controller of the object' },
      { name: 'Revision', type: 'string', description: 'Which revision of the state the data is.' },
      AGE_COLUMN,
    ],
    row: (obj, now) => [obj.metadata.name, controllerOf(obj), (obj as ControllerRevision).revision ?? 0, age(obj.metadata.creationTimestamp, now)],
  },
};
