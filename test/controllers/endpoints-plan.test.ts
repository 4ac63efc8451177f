// The pure parts of the endpoints and EndpointSlice controllers: a service's
// subsets from its pods (ready and not-ready addresses, ports by number and
// by name, terminating and finished pods, publishNotReadyAddresses, headless
// services without ports), its endpoints as slice entries, and how
// endpoints are packed into slices of at most 100, changing existing slices
// in place; and the last-change-trigger-time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../src/apiserver/registry/core/types.js';
import type { EndpointSlice } from '../../src/apiserver/registry/discovery/endpointslices.js';
import { labelsFor, subsetsFor } from '../../src/controllers/endpoints-subsets.js';
import { endpointGroups, planSlices, type EndpointGroup } from '../../src/controllers/endpointslice-plan.js';
import type { Service, ServicePort } from '../../src/controllers/service-pods.js';
import { TriggerTimes } from '../../src/controllers/trigger-time.js';

const service = (ports: ServicePort[], extra: Partial<NonNullable<Service['spec']>> = {}): Service => ({
  metadata: { name: 'web', namespace: 'default', uid: 's1', creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, ports, ...extra },
});

function pod(n: number, opts: { ready?: boolean; ip?: string | null; phase?: string; deleting?: boolean; portName?: string } = {}): Pod {
  return {
    metadata: { name: `web-${n}`, namespace: 'default', uid: `u${n}`, labels: { app: 'web' }, ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}) },
    spec: { nodeName: 'sim-0', containers: [{ name: 'c', ports: opts.portName ? [{ name: opts.portName, containerPort: 9000 + n }] : [] }] },
    status: {
      phase: opts.phase ?? 'Running',
      ...(opts.ip === null ? {} : { podIP: opts.ip ?? `10.0.0.${n}` }),
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
    },
  };
}

const ips = (addresses?: { ip: string }[]) => (addresses ?? []).map((a) => a.ip);

describe('endpoints subsets', () => {
  it('lists ready pods in addresses and the others in notReadyAddresses, on the target port', () => {
    const subsets = subsetsFor(service([{ port: 80, targetPort: 8080, protocol: 'TCP' }]), [pod(2), pod(1, { ready: false }), pod(3)]);
    assert.equal(subsets.length, 1);
    assert.deepEqual(ips(subsets[0]!.addresses), ['10.0.0.2', '10.0.0.3']);
    assert.deepEqual(ips(subsets[0]!.notReadyAddresses), ['10.0.0.1']);
    assert.deepEqual(subsets[0]!.ports, [{ port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(subsets[0]!.addresses![0], { ip: '10.0.0.2', nodeName: 'sim-0', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: 'u2' } });
  });

  it('leaves out pods without an address, finished or terminating ones; publishNotReadyAddresses takes in not-ready and terminating pods', () => {
    const pods = [pod(1, { ip: null }), pod(2, { phase: 'Succeeded' }), pod(3, { deleting: true }), pod(4, { ready: false }), pod(5)];
    assert.deepEqual(ips(subsetsFor(service([{ port: 80 }]), pods)[0]!.addresses), ['10.0.0.5']);
    const published = subsetsFor(service([{ port: 80 }], { publishNotReadyAddresses: true }), pods);
    assert.deepEqual(ips(published[0]!.addresses), ['10.0.0.3', '10.0.0.4', '10.0.0.5']);
    assert.equal(published[0]!.notReadyAddresses, undefined);
  });

  it('resolves a named target port in each pod; pods without it are left out of that port, and pods sharing ports share a subset', () => {
    const svc = service([
      { name: 'http', port: 80, targetPort: 'web' },
      { name: 'metrics', port: 9090, targetPort: 9090 },
    ]);
    const subsets = subsetsFor(svc, [pod(1, { portName: 'web' }), pod(2), pod(3, { portName: 'web' })]);
    assert.deepEqual(
      subsets.map((s) => [ips(s.addresses), s.ports!.map((p) => `${p.name}:${p.port}`)]),
      [
        [['10.0.0.1'], ['http:9001', 'metrics:9090']],
        [['10.0.0.3'], ['http:9003', 'metrics:9090']],
        [['10.0.0.2'], ['metrics:9090']],
      ],
    );
  });

  it('lists bare addresses for a headless service without ports and labels it headless', () => {
    const svc = service([], { clusterIP: 'None' });
    assert.deepEqual(subsetsFor(svc, [pod(1)]), [{ addresses: [{ ip: '10.0.0.1', nodeName: 'sim-0', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1' } }] }]);
    assert.deepEqual(labelsFor(svc), { app: 'web', 'service.kubernetes.io/headless': '' });
    assert.deepEqual(subsetsFor(service([]), [pod(1)]), []);
  });
});

describe('endpoint slices', () => {
  it('marks endpoints ready, serving and terminating as upstream does', () => {
    const groups = endpointGroups(service([{ port: 80, targetPort: 8080 }]), [pod(1), pod(2, { ready: false }), pod(3, { deleting: true }), pod(4, { ip: null })]);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]!.ports, [{ name: '', protocol: 'TCP', port: 8080 }]);
    assert.deepEqual(
      groups[0]!.endpoints.map((e) => [e.addresses[0], e.conditions]),
      [
        ['10.0.0.1', { ready: true, serving: true, terminating: false }],
        ['10.0.0.2', { ready: false, serving: false, terminating: false }],
        ['10.0.0.3', { ready: false, serving: true, terminating: true }],
      ],
    );
    const published = endpointGroups(service([{ port: 80 }], { publishNotReadyAddresses: true }), [pod(2, { ready: false }), pod(3, { deleting: true })]);
    assert.deepEqual(published[0]!.endpoints.map((e) => e.conditions!.ready), [true, true]);
  });

  const PORTS = [{ name: '', protocol: 'TCP', port: 8080 }];
  const group = (from: number, to: number): EndpointGroup => ({ ports: PORTS, endpoints: endpointGroups(service([{ port: 8080 }]), range(from, to).map((n) => pod(n)))[0]!.endpoints });
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const slice = (name: string, g: EndpointGroup): EndpointSlice => ({ metadata: { name, namespace: 'default' }, addressType: 'IPv4', endpoints: g.endpoints, ports: g.ports });

  it('packs endpoints into slices of at most 100', () => {
    const plan = planSlices([group(0, 250)], []);
    assert.deepEqual(plan.create.map((s) => s.endpoints!.length), [100, 100, 50]);
    assert.deepEqual([plan.update, plan.delete], [[], []]);
  });

  it('keeps a service without endpoints at one empty slice', () => {
    assert.deepEqual(planSlices([], []), { create: [{ endpoints: [], ports: [] }], update: [], delete: [] });
    const placeholder: EndpointSlice = { metadata: { name: 'web-aaaaa' }, addressType: 'IPv4', endpoints: [] };
    assert.deepEqual(planSlices([], [placeholder]), { create: [], update: [], delete: [] });
    // The slice that held the last endpoints becomes the placeholder.
    const emptied = planSlices([], [slice('web-bbbbb', group(0, 3))]);
    assert.deepEqual([emptied.create, emptied.delete, emptied.update.map((s) => [s.metadata.name, s.endpoints, s.ports])], [[], [], [['web-bbbbb', [], []]]]);
  });

  it('changes nothing when nothing changed, and changes slices in place when endpoints come and go', () => {
    const existing = [slice('web-aaaaa', group(0, 100)), slice('web-bbbbb', group(100, 130))];
    assert.deepEqual(planSlices([group(0, 130)], existing), { create: [], update: [], delete: [] });
    // Ten go from the first slice, fifteen come: they fill the fuller slice's room first, then the other's.
    const plan = planSlices([group(10, 145)], existing);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(plan.delete, []);
    assert.deepEqual(
      plan.update.map((s) => [s.metadata.name, s.endpoints!.length]),
      [
        ['web-aaaaa', 100],
        ['web-bbbbb', 35],
      ],
    );
    const names = plan.update.flatMap((s) => s.endpoints!.map((e) => e.targetRef!.name));
    assert.equal(new Set(names).size, 135);
    assert.ok(!names.includes('web-0'));
  });

  it('reuses a slice whose ports are no longer wanted instead of deleting it and making another', () => {
    const old = slice('web-aaaaa', { ports: [{ name: '', protocol: 'TCP', port: 80 }], endpoints: group(0, 3).endpoints });
    const stray = slice('web-ccccc', { ports: [{ name: '', protocol: 'UDP', port: 53 }], endpoints: group(5, 6).endpoints });
    const plan = planSlices([group(0, 3)], [old, stray]);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(plan.update.map((s) => [s.metadata.name, s.ports, s.endpoints!.length]), [['web-aaaaa', PORTS, 3]]);
    assert.deepEqual(plan.delete, ['web-ccccc']);
  });
});

describe('last-change-trigger-time', () => {
  const readyAt = (n: number, time: string): Pod => {
    const p = pod(n);
    p.status!.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: time }];
    return p;
  };

  it('is the service\'s creation first, then the oldest readiness change not seen before, and nothing when nothing changed', () => {
    const times = new TriggerTimes();
    const svc = service([{ port: 80 }]);
    assert.equal(times.compute(svc, [readyAt(1, '2026-01-01T00:00:05Z')]), '2026-01-01T00:00:00Z');
    assert.equal(times.compute(svc, [readyAt(1, '2026-01-01T00:00:05Z')]), undefined);
    assert.equal(times.compute(svc, [readyAt(1, '2026-01-01T00:00:05Z'), readyAt(2, '2026-01-01T00:00:09Z'), readyAt(3, '2026-01-01T00:00:07Z')]), '2026-01-01T00:00:07Z');
    // A pod that went changes nothing the tracker can date.
    assert.equal(times.compute(svc, [readyAt(1, '2026-01-01T00:00:05Z'), readyAt(2, '2026-01-01T00:00:09Z')]), undefined);
    times.forget('default/web');
    assert.equal(times.compute(svc, []), '2026-01-01T00:00:00Z');
  });
});
