// apps/v1 StatefulSet: upstream's defaults (OrderedReady, RollingUpdate
// from partition 0, claims retained), validation — names are DNS labels
// (pods are named <set>-<ordinal>), and after creation only replicas,
// ordinals, template, updateStrategy, claim retention and minReadySeconds
// may change — and printer columns.
import { isDeepStrictEqual } from 'node:util';
import { age } from '../../printers/duration.js';
import type { StatusCause } from '../../status.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { KubeObject, ResourceType } from '../types.js';
import { checkLabel, checkSubdomain, forbidden, invalid, notSupported, required } from '../validation.js';
import { goIntOrString, goLabelSelector, goPointer, goString, goStruct, type IntOrString } from './go-values.js';
import {
  checkAtMost100Percent,
  checkControllerPods,
  checkIntOrPercent,
  checkTemplateMetadata,
  checkTemplateSelected,
  intOrPercentValue,
  nonNegative,
  selectorConverts,
  validateRequiredSelector,
} from './template-validation.js';
import { CONTAINERS_COLUMN, IMAGES_COLUMN, containerCells, controllerStatus, defaultTemplate, specOf, type Workload } from './workload.js';

interface RollingUpdate {
  partition?: number;
  maxUnavailable?: IntOrString;
}

interface ClaimTemplate {
  spec?: { volumeMode?: string };
  status?: { phase?: string };
}

interface StatefulSetSpec {
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: RollingUpdate };
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
  volumeClaimTemplates?: ClaimTemplate[];
}

type StatefulSet = Workload<StatefulSetSpec, { readyReplicas?: number }>;

const POLICIES = ['OrderedReady', 'Parallel'];
const RETENTION = ['Retain', 'Delete'];
/** What an update may change; anything else in the spec is fixed at creation. */
const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function defaults(obj: KubeObject): void {
  const spec = specOf<StatefulSetSpec>(obj);
  spec.podManagementPolicy ??= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec);
  // Claim templates get a claim's defaults, status included.
  for (const claim of spec.volumeClaimTemplates ?? []) {
    (claim.spec ??= {}).volumeMode ??= 'Filesystem';
    (claim.status ??= {}).phase ||= 'Pending';
  }
}

function validateUpdateStrategy(strategy: StatefulSetSpec['updateStrategy'] = {}): StatusCause[] {
  const field = 'spec.updateStrategy';
  const ru = strategy.rollingUpdate;
  switch (strategy.type) {
    case undefined:
    case '':
      return [required(field)];
    case 'OnDelete': {
      if (!ru) return [];
      const rendered = goStruct('apps.RollingUpdateStatefulSetStrategy', [
        ['Partition', String(ru.partition ?? 0)],
        ['MaxUnavailable', goPointer('intstr.IntOrString', ru.maxUnavailable)],
      ]);
      return [invalid(`${field}.rollingUpdate`, rendered, "only allowed for updateStrategy 'RollingUpdate'")];
    }
    case 'RollingUpdate': {
      if (!ru) return [];
      const at = `${field}.rollingUpdate`;
      const causes = nonNegative(`${at}.partition`, ru.partition);
      if (ru.maxUnavailable !== undefined) {
        causes.push(...checkIntOrPercent(`${at}.maxUnavailable`, ru.maxUnavailable));
        if (intOrPercentValue(ru.maxUnavailable) === 0) causes.push(invalid(`${at}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        causes.push(...checkAtMost100Percent(`${at}.maxUnavailable`, ru.maxUnavailable));
      }
      return causes;
    }
    default: {
      const rendered = goStruct('apps.StatefulSetUpdateStrategy', [
        ['Type', goString(strategy.type)],
        ['RollingUpdate', goPointer('apps.RollingUpdateStatefulSetStrategy', ru)],
      ]);
      return [invalid(field, rendered, "must be 'RollingUpdate' or 'OnDelete'")];
    }
  }
}

/** Upstream's ValidateStatefulSetSpec, in its order. The template's pod spec is not checked (upstream leaves it to the pods). */
function validateStatefulSet(obj: StatefulSet): StatusCause[] {
  const spec = obj.spec ?? {};
  const causes: StatusCause[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (!policy) causes.push(required('spec.podManagementPolicy'));
  else if (!POLICIES.includes(policy)) causes.push(invalid('spec.podManagementPolicy', goString(policy), "must be 'OrderedReady' or 'Parallel'"));
  causes.push(...validateUpdateStrategy(spec.updateStrategy));
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const key of ['whenDeleted', 'whenScaled'] as const) {
      const value = retention[key] ?? '';
      if (!RETENTION.includes(value)) causes.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, value, RETENTION));
    }
  }
  causes.push(...nonNegative('spec.replicas', spec.replicas), ...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  if (spec.ordinals) causes.push(...nonNegative('spec.ordinals.start', spec.ordinals.start ?? 0));
  causes.push(...validateRequiredSelector(spec.selector, 'statefulset'));
  if (selectorConverts(spec.selector)) {
    causes.push(...checkTemplateSelected(spec.selector, spec.template), ...checkTemplateMetadata(spec.template));
  } else {
    // Upstream gives this one no detail.
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${goLabelSelector(spec.selector!)}`, field: 'spec.selector' });
  }
  return [...causes, ...checkControllerPods(spec.template, 'StatefulSet')];
}

/** Pods are named <set>-<ordinal>, so the name must be a DNS label (the store has checked the weaker subdomain rule). */
function checkName(obj: KubeObject): StatusCause[] {
  const name = obj.metadata.name ?? '';
  return name && !checkSubdomain('metadata.name', name).length ? checkLabel('metadata.name', name) : [];
}

const fixedSpec = (obj: StatefulSet) => Object.fromEntries(Object.entries(obj.spec ?? {}).filter(([k]) => !MUTABLE.includes(k)));

export const statefulsets: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status', 'scale'],
  strategy: {
    // status.replicas and availableReplicas are printed even when 0 (Go does not omit them).
    ...controllerStatus(() => ({ replicas: 0, availableReplicas: 0 })),
    defaults,
    generationOf: (obj) => obj.spec,
    validate: (obj) => [...checkName(obj), ...validateStatefulSet(obj as StatefulSet)],
    validateUpdate: (obj, old) =>
      isDeepStrictEqual(fixedSpec(obj as StatefulSet), fixedSpec(old as StatefulSet))
        ? []
        : [
            forbidden(
              'spec',
              "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
            ),
          ],
    columns: [NAME_COLUMN, { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' }, AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN],
    row(obj, now) {
      const sts = obj as StatefulSet;
      return [sts.metadata.name, `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, age(sts.metadata.creationTimestamp, now), ...containerCells(sts.spec)];
    },
  },
};
