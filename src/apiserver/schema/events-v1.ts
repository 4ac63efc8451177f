// API types of events.k8s.io/v1, as data (see types.ts). The same events as
// core/v1's, under newer field names; one storage serves both.
import type { SchemaSet } from './types.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

export const eventsV1: SchemaSet = {
  'io.k8s.api.events.v1.Event': {
    description: 'A record of something that happened in the cluster, such as a pod being scheduled or an image failing to pull, kept for a limited time.',
    gvk: { group: 'events.k8s.io', version: 'v1', kind: 'Event' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: `${META}.ObjectMeta` }, description: 'Standard object metadata.' },
      { json: 'eventTime', proto: 2, type: 'MicroTime', required: true, description: 'When the event first happened, to the microsecond.' },
      { json: 'series', proto: 3, type: { ref: 'io.k8s.api.events.v1.EventSeries' }, description: 'Set when the same event keeps happening: how often, and when it was last seen.' },
      { json: 'reportingController', proto: 4, type: 'string', description: 'The component that emitted the event, such as kubernetes.io/kubelet.' },
      { json: 'reportingInstance', proto: 5, type: 'string', description: 'Which instance of the reporting controller emitted the event, such as the kubelet\'s node name.' },
      { json: 'action', proto: 6, type: 'string', description: 'What was done, or failed, about the regarding object, in a machine-readable word.' },
      { json: 'reason', proto: 7, type: 'string', description: 'Why the action happened, as a short CamelCase word.' },
      { json: 'regarding', proto: 8, type: { ref: 'io.k8s.api.core.v1.ObjectReference' }, description: 'The object the event is about.' },
      { json: 'related', proto: 9, type: { ref: 'io.k8s.api.core.v1.ObjectReference' }, description: 'A second object involved, if any.' },
      { json: 'note', proto: 10, type: 'string', description: 'What happened, for a person to read; at most 1 kB.' },
      { json: 'type', proto: 11, type: 'string', description: 'How to treat the event. One of Normal, Warning.' },
      { json: 'deprecatedSource', proto: 12, type: { ref: 'io.k8s.api.core.v1.EventSource' }, description: 'The core/v1 source field, kept for compatibility.' },
      { json: 'deprecatedFirstTimestamp', proto: 13, type: 'Time', description: 'The core/v1 firstTimestamp field, kept for compatibility.' },
      { json: 'deprecatedLastTimestamp', proto: 14, type: 'Time', description: 'The core/v1 lastTimestamp field, kept for compatibility.' },
      { json: 'deprecatedCount', proto: 15, type: 'int32', description: 'The core/v1 count field, kept for compatibility.' },
    ],
  },
  'io.k8s.api.events.v1.EventSeries': {
    description: 'How often an event recurred and when it was last seen.',
    fields: [
      { json: 'count', proto: 1, type: 'int32', required: true, description: 'How many times the event has happened so far.' },
      { json: 'lastObservedTime', proto: 2, type: 'MicroTime', required: true, description: 'When the event was last seen.' },
    ],
  },
};
