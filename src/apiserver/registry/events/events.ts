// events.k8s.io/v1 Event: the same events as core/v1's, under the newer
// field names (regarding, note, reportingController...). Stored once, as
// core/v1 events, and converted on the way in and out, as upstream does.
import type { StatusCause } from '../../status.js';
import { events as coreEvents, type Event as CoreEvent } from '../core/events.js';
import type { KubeObject, ResourceType } from '../types.js';
import { notSupported, required } from '../validation.js';

type Event = KubeObject & {
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: CoreEvent['involvedObject'];
  related?: unknown;
  note?: string;
  type?: string;
  deprecatedSource?: CoreEvent['source'];
  deprecatedFirstTimestamp?: string;
  deprecatedLastTimestamp?: string;
  deprecatedCount?: number;
};

/** Drops undefined fields, so conversions store only what was set. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function toCore(obj: KubeObject): KubeObject {
  const e = obj as Event;
  return defined({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime,
    series: e.series,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
    action: e.action,
    reason: e.reason,
    involvedObject: e.regarding ?? {},
    related: e.related,
    message: e.note,
    type: e.type,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
  });
}

function fromCore(obj: KubeObject): KubeObject {
  const e = obj as CoreEvent & { action?: string; related?: unknown };
  return defined({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime,
    series: e.series,
    reportingController: e.reportingComponent,
    reportingInstance: e.reportingInstance,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: e.source,
    deprecatedFirstTimestamp: e.firstTimestamp,
    deprecatedLastTimestamp: e.lastTimestamp,
    deprecatedCount: e.count,
  });
}

export const events: ResourceType = {
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  // "ev" belongs to core/v1 events only: kubectl would warn that it matches both.
  shortNames: [],
  categories: [],
  namespaced: true,
  subresources: [],
  storedAs: { type: coreEvents, toStored: toCore, fromStored: fromCore },
  strategy: {
    validate(obj) {
      const e = obj as Event;
      const causes: StatusCause[] = [];
      // What upstream requires of events written through this version.
      for (const field of ['eventTime', 'reportingController', 'reportingInstance', 'action', 'reason'] as const) {
        if (!e[field]) causes.push(required(field));
      }
      if (e.type && e.type !== 'Normal' && e.type !== 'Warning') causes.push(notSupported('type', e.type, ['Normal', 'Warning']));
      return causes;
    },
    fields: (obj) => {
      const e = obj as Event;
      return {
        'regarding.kind': e.regarding?.kind ?? '',
        'regarding.name': e.regarding?.name ?? '',
        'regarding.namespace': e.regarding?.namespace ?? '',
        'regarding.uid': e.regarding?.uid ?? '',
        reason: e.reason ?? '',
        type: e.type ?? '',
        reportingController: e.reportingController ?? '',
      };
    },
    // The same printer as core/v1 events, on the stored form.
    columns: coreEvents.strategy.columns,
    row: (obj, now) => coreEvents.strategy.row(toCore(obj), now),
  },
};
