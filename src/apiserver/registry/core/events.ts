// core/v1 Event, the record `kubectl describe` shows under "Events:".
// Columns as upstream's printer (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE,
// and SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME with -o wide).
import { age } from '../../printers/duration.js';
import type { KubeObject, ResourceType } from '../types.js';
import { NAME_COLUMN } from './columns.js';

export type Event = KubeObject & {
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
};

export const events: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  shortNames: ['ev'],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    validate: () => [],
    fields: (obj) => {
      const e = obj as Event;
      return {
        'involvedObject.kind': e.involvedObject?.kind ?? '',
        'involvedObject.name': e.involvedObject?.name ?? '',
        'involvedObject.namespace': e.involvedObject?.namespace ?? '',
        'involvedObject.uid': e.involvedObject?.uid ?? '',
        'involvedObject.fieldPath': e.involvedObject?.fieldPath ?? '',
        reason: e.reason ?? '',
        type: e.type ?? '',
        'source.component': e.source?.component ?? '',
      };
    },
    columns: [
      { name: 'Last Seen', type: 'string', description: 'When the event last happened.' },
      { name: 'Type', type: 'string', description: 'Normal or Warning.' },
      { name: 'Reason', type: 'string', description: 'A short CamelCase word for why the event happened.' },
      { name: 'Object', type: 'string', description: 'The object the event is about.' },
      { name: 'Subobject', type: 'string', priority: 1, description: 'The part of the object the event is about, such as one container.' },
      { name: 'Source', type: 'string', priority: 1, description: 'The component, and host, that reported the event.' },
      { name: 'Message', type: 'string', description: 'What happened, for a person to read.' },
      { name: 'First Seen', type: 'string', priority: 1, description: 'When the event first happened.' },
      { name: 'Count', type: 'string', priority: 1, description: 'How many times the event happened.' },
      { ...NAME_COLUMN, priority: 1 },
    ],
    row(obj, now) {
      const e = obj as Event;
      const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
      let last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
      let count = e.count || 1;
      if (e.series) {
        last = age(e.series.lastObservedTime, now);
        count = e.series.count ?? count;
      }
      const kind = (e.involvedObject?.kind ?? '').toLowerCase();
      const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
      const component = e.source?.component || e.reportingComponent || '';
      const instance = e.source?.host || e.reportingInstance || '';
      return [
        last,
        e.type ?? '',
        e.reason ?? '',
        target,
        e.involvedObject?.fieldPath ?? '',
        instance ? `${component}, ${instance}` : component,
        (e.message ?? '').trim(),
        first,
        count,
        e.metadata.name,
      ];
    },
  },
};
