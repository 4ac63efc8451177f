// apps/v1 DaemonSet: upstream's defaults (RollingUpdate, one node at a time,
// no surge), validation and printer columns. It also keeps upstream's
// deprecated.daemonset.template.generation annotation: 1 on create, one more
// on every template change (older clients read it).
import { isDeepStrictEqual } from 'node:util';
import { age } from '../../printers/duration.js';
import type { StatusCause } from '../../status.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { KubeObject, ResourceType } from '../types.js';
import { checkLabelSelector, invalid, required, unsupported } from '../validation.js';
import { goIntOrString, goLabelSelector, goPointer, goString, goStruct, type IntOrString } from './go-values.js';
import {
  checkAtMost100Percent,
  checkControllerPods,
  checkIntOrPercent,
  checkSelectorUnchanged,
  checkTemplateSelected,
  intOrPercentValue,
  isEmptySelector,
  nonNegative,
  selectorConverts,
  validatePodTemplate,
} from './template-validation.js';
import { CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN, containerCells, controllerStatus, defaultTemplate, selectorCell, specOf, type Workload } from './workload.js';

interface RollingUpdate {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

interface DaemonSetSpec {
  updateStrategy?: { type?: string; rollingUpdate?: RollingUpdate };
}

type DaemonSet = Workload<
  DaemonSetSpec,
  { desiredNumberScheduled?: number; currentNumberScheduled?: number; numberReady?: number; updatedNumberScheduled?: number; numberAvailable?: number }
>;

const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';
const STRATEGIES = ['RollingUpdate', 'OnDelete'];

function defaults(obj: KubeObject): void {
  const spec = specOf<DaemonSetSpec>(obj);
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec);
}

/** Exactly one of maxUnavailable and maxSurge is non-zero. */
function validateRollingUpdate(ru: RollingUpdate, field: string): StatusCause[] {
  const causes = [
    ...checkIntOrPercent(`${field}.maxUnavailable`, ru.maxUnavailable),
    ...checkIntOrPercent(`${field}.maxSurge`, ru.maxSurge),
    ...checkAtMost100Percent(`${field}.maxUnavailable`, ru.maxUnavailable),
    ...checkAtMost100Percent(`${field}.maxSurge`, ru.maxSurge),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) causes.push(invalid(`${field}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) causes.push(required(`${field}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return causes;
}

function validateUpdateStrategy(strategy: DaemonSetSpec['updateStrategy'] = {}): StatusCause[] {
  const field = 'spec.updateStrategy';
  switch (strategy.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, `${field}.rollingUpdate`) : [required(`${field}.rollingUpdate`)];
    default: {
      const rendered = goStruct('apps.DaemonSetUpdateStrategy', [
        ['Type', goString(strategy.type)],
        ['RollingUpdate', goPointer('apps.RollingUpdateDaemonSet', strategy.rollingUpdate)],
      ]);
      return [unsupported(field, rendered, STRATEGIES)];
    }
  }
}

/** Upstream's ValidateDaemonSetSpec, in its order: here an unset selector is only "does not match". */
function validateDaemonSet(obj: DaemonSet): StatusCause[] {
  const spec = obj.spec ?? {};
  const sel = spec.selector;
  const causes = checkLabelSelector('spec.selector', sel);
  if (selectorConverts(sel)) causes.push(...checkTemplateSelected(sel, spec.template));
  if (sel && isEmptySelector(sel)) {
    causes.push(invalid('spec.selector', goLabelSelector(sel), 'empty selector is invalid for daemonset'));
  }
  return [
    ...causes,
    ...validatePodTemplate(spec.template),
    ...checkControllerPods(spec.template, 'DaemonSet'),
    ...nonNegative('spec.minReadySeconds', spec.minReadySeconds),
    ...validateUpdateStrategy(spec.updateStrategy),
    ...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit),
  ];
}

const status = controllerStatus(() => ({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }));

export const daemonsets: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status'],
  strategy: {
    prepareForCreate(obj) {
      status.prepareForCreate(obj);
      obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: '1' };
    },
    // The annotation is the server's: carried over, and counted up when the (defaulted) template changes.
    prepareForUpdate(obj, old) {
      status.prepareForUpdate(obj, old);
      defaults(obj);
      const previous = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? 0);
      const changed = !isDeepStrictEqual((obj as DaemonSet).spec?.template, (old as DaemonSet).spec?.template);
      obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: String(changed ? previous + 1 : previous) };
    },
    defaults,
    generationOf: (obj) => obj.spec,
    validate: (obj) => validateDaemonSet(obj as DaemonSet),
    validateUpdate: (obj, old) => checkSelectorUnchanged((obj as DaemonSet).spec?.selector, (old as DaemonSet).spec?.selector),
    columns: [
      NAME_COLUMN,
      { name: 'Desired', type: 'integer', description: 'How many nodes should run the daemon pod.' },
      { name: 'Current', type: 'integer', description: 'How many nodes that should run the daemon pod run at least one.' },
      { name: 'Ready', type: 'integer', description: 'How many nodes that should run the daemon pod have one ready.' },
      { name: 'Up-to-date', type: 'integer', description: 'How many nodes run a daemon pod of the current template.' },
      { name: 'Available', type: 'integer', description: 'How many nodes that should run the daemon pod have one ready for at least minReadySeconds.' },
      { name: 'Node Selector', type: 'string', description: "The template's node selector: which nodes the pod may run on." },
      AGE_COLUMN,
      CONTAINERS_COLUMN,
      IMAGES_COLUMN,
      SELECTOR_COLUMN,
    ],
    row(obj, now) {
      const ds = obj as DaemonSet;
      const s = ds.status ?? {};
      const nodeSelector = ds.spec?.template?.spec?.nodeSelector ?? {};
      const keys = Object.keys(nodeSelector).sort();
      return [
        ds.metadata.name,
        s.desiredNumberScheduled ?? 0,
        s.currentNumberScheduled ?? 0,
        s.numberReady ?? 0,
        s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0,
        keys.length ? keys.map((k) => `${k}=${nodeSelector[k]}`).join(',') : '<none>',
        age(ds.metadata.creationTimestamp, now),
        ...containerCells(ds.spec),
        selectorCell(ds.spec),
      ];
    },
  },
};
