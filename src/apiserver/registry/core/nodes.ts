// core/v1 Node: STATUS from the Ready condition (plus SchedulingDisabled),
// ROLES from node-role.kubernetes.io/* labels, as upstream's printer.
import { age } from '../../printers/duration.js';
import type { KubeObject, ResourceType } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

type Node = KubeObject & {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type: string; status: string }[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
};

function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function roles(node: Node): string {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) {
      found.add(key.slice('node-role.kubernetes.io/'.length));
    } else if (key === 'kubernetes.io/role' && value) found.add(value);
  }
  return found.size ? [...found].sort().join(',') : '<none>';
}

const address = (node: Node, type: string) => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

export const nodes: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Node',
  resource: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  categories: [],
  namespaced: false,
  subresources: ['status'],
  strategy: {
    prepareForUpdate(obj, old) {
      obj.status = old.status;
    },
    validate: () => [],
    fields: (obj) => ({ 'spec.unschedulable': String((obj as Node).spec?.unschedulable ?? false) }),
    columns: [
      NAME_COLUMN,
      { name: 'Status', type: 'string', description: 'The status of the node' },
      { name: 'Roles', type: 'string', description: 'The roles of the node' },
      AGE_COLUMN,
      { name: 'Version', type: 'string', description: 'The kubelet version the node reports.' },
      { name: 'Internal-IP', type: 'string', priority: 1, description: "The node's address inside the cluster." },
      { name: 'External-IP', type: 'string', priority: 1, description: "The node's address outside the cluster." },
      { name: 'OS-Image', type: 'string', priority: 1, description: 'The operating system the node runs.' },
      { name: 'Kernel-Version', type: 'string', priority: 1, description: "The node's kernel version." },
      { name: 'Container-Runtime', type: 'string', priority: 1, description: 'The container runtime and its version.' },
    ],
    row(obj, now) {
      const node = obj as Node;
      const info = node.status?.nodeInfo ?? {};
      return [
        node.metadata.name,
        nodeStatus(node),
        roles(node),
        age(node.metadata.creationTimestamp, now),
        info.kubeletVersion ?? '',
        address(node, 'InternalIP'),
        address(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
};
