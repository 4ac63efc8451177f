// apps/v1 Deployment: upstream's defaults (1 replica, RollingUpdate
// 25%/25%, 10 old ReplicaSets kept, a 600 s progress deadline), validation
// and printer columns. The rollout itself is the deployment controller's.
import { age } from '../../printers/duration.js';
import type { StatusCause } from '../../status.js';
import type { ResourceType } from '../types.js';
import { forbidden, invalid, invalidValue, required, unsupported } from '../validation.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import { goIntOrString, goPointer, goString, goStruct, type IntOrString } from './go-values.js';
import {
  checkAtMost100Percent,
  checkIntOrPercent,
  checkSelectorUnchanged,
  intOrPercentValue,
  nonNegative,
  validateReplicaSetTemplate,
  validateRequiredSelector,
} from './template-validation.js';
import { CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN, containerCells, controllerStatus, defaultTemplate, selectorCell, specOf, type Workload } from './workload.js';

interface RollingUpdate {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

interface DeploymentSpec {
  strategy?: { type?: string; rollingUpdate?: RollingUpdate };
  progressDeadlineSeconds?: number;
}

type Deployment = Workload<DeploymentSpec, { replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number }>;

const STRATEGIES = ['Recreate', 'RollingUpdate'];

function validateRollingUpdate(ru: RollingUpdate, field: string): StatusCause[] {
  const causes = [...checkIntOrPercent(`${field}.maxUnavailable`, ru.maxUnavailable), ...checkIntOrPercent(`${field}.maxSurge`, ru.maxSurge)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    causes.push(invalid(`${field}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  return [...causes, ...checkAtMost100Percent(`${field}.maxUnavailable`, ru.maxUnavailable)];
}

function validateStrategy(strategy: DeploymentSpec['strategy'] = {}): StatusCause[] {
  const field = 'spec.strategy';
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate ? [forbidden(`${field}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return strategy.rollingUpdate
        ? validateRollingUpdate(strategy.rollingUpdate, `${field}.rollingUpdate`)
        : [required(`${field}.rollingUpdate`, 'this should be defaulted and never be nil')];
    default: {
      const rendered = goStruct('apps.DeploymentStrategy', [
        ['Type', goString(strategy.type)],
        ['RollingUpdate', goPointer('apps.RollingUpdateDeployment', strategy.rollingUpdate)],
      ]);
      return [unsupported(field, rendered, STRATEGIES)];
    }
  }
}

/** Upstream's ValidateDeploymentSpec, in its order. */
function validateDeployment(obj: Deployment): StatusCause[] {
  const spec = obj.spec ?? {};
  const causes = [
    ...nonNegative('spec.replicas', spec.replicas),
    ...validateRequiredSelector(spec.selector, 'deployment'),
    ...validateReplicaSetTemplate(spec.selector, spec.template),
    ...validateStrategy(spec.strategy),
    ...nonNegative('spec.minReadySeconds', spec.minReadySeconds),
    ...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit),
  ];
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined) {
    causes.push(...nonNegative('spec.progressDeadlineSeconds', deadline));
    if (deadline <= (spec.minReadySeconds ?? 0)) causes.push(invalidValue('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
  return causes;
}

export const deployments: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status', 'scale'],
  strategy: {
    ...controllerStatus(() => ({})),
    defaults(obj) {
      const spec = specOf<DeploymentSpec>(obj);
      spec.replicas ??= 1;
      const strategy = (spec.strategy ??= {});
      strategy.type ??= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const ru = (strategy.rollingUpdate ??= {});
        ru.maxUnavailable ??= '25%';
        ru.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultTemplate(spec);
    },
    // As upstream: annotations are desired state too (kubectl rollout pause/restart and change-cause write them).
    generationOf: (obj) => ({ spec: obj.spec, annotations: obj.metadata.annotations ?? {} }),
    validate: (obj) => validateDeployment(obj as Deployment),
    validateUpdate: (obj, old) => checkSelectorUnchanged((obj as Deployment).spec?.selector, (old as Deployment).spec?.selector),
    columns: [
      NAME_COLUMN,
      { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
      { name: 'Up-to-date', type: 'string', description: 'Pods, not terminating, that run the current template.' },
      { name: 'Available', type: 'string', description: 'Pods, not terminating, ready for at least minReadySeconds.' },
      AGE_COLUMN,
      CONTAINERS_COLUMN,
      IMAGES_COLUMN,
      SELECTOR_COLUMN,
    ],
    row(obj, now) {
      const d = obj as Deployment;
      const status = d.status ?? {};
      return [
        d.metadata.name,
        `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        age(d.metadata.creationTimestamp, now),
        ...containerCells(d.spec),
        selectorCell(d.spec),
      ];
    },
  },
};
