// NodePorts: two pods cannot hold the same host port and protocol on one
// node, unless they bind different specific addresses.
import type { FilterPlugin } from '../framework.js';
import type { HostPort } from '../node-info.js';

const WILDCARD = '0.0.0.0';

const conflicts = (a: HostPort, b: HostPort) =>
  a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === WILDCARD || b.ip === WILDCARD);

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter({ hostPorts }, info) {
    if (hostPorts.length === 0) return undefined;
    const used = info.usedPorts();
    if (!hostPorts.some((want) => used.some((have) => conflicts(want, have)))) return undefined;
    return { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] };
  },
};
