// Unit tests of the patch module: merge patch, JSON patch, and strategic
// merge patch with the merge keys and directives kubectl sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../src/apiserver/patch.js';
import { SCHEMAS } from '../../src/apiserver/schema/index.js';

const POD = 'io.k8s.api.core.v1.Pod';
const pod = () => ({
  metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x'] },
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
      { name: 'side', image: 'busybox' },
    ],
    nodeSelector: { disk: 'ssd', zone: 'a' },
  },
});

describe('merge patch (RFC 7386)', () => {
  it('merges objects, removes nulls and replaces lists', () => {
    const out = applyMergePatch(pod(), { metadata: { labels: { a: null, c: '3' } }, spec: { containers: [{ name: 'only' }] } }) as ReturnType<typeof pod>;
    assert.deepEqual(out.metadata.labels, { b: '2', c: '3' });
    assert.deepEqual(out.spec.containers, [{ name: 'only' }]);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies operations and rejects a failed test', () => {
    const out = applyJsonPatch(pod(), [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:2' }]) as ReturnType<typeof pod>;
    assert.equal(out.spec.containers[0]!.image, 'nginx:2');
    assert.throws(() => applyJsonPatch(pod(), [{ op: 'test', path: '/metadata/name', value: 'other' }]), /could not be applied/);
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and ports by containerPort', () => {
    const out = applyStrategicMergePatch(
      pod(),
      { spec: { containers: [{ name: 'web', image: 'nginx:2', ports: [{ containerPort: 8080 }] }, { name: 'new', image: 'redis' }] } },
      POD,
      SCHEMAS,
    ) as ReturnType<typeof pod>;
    assert.deepEqual(out.spec.containers.map((c) => [c.name, c.image]), [
      ['web', 'nginx:2'],
      ['side', 'busybox'],
      ['new', 'redis'],
    ]);
    assert.deepEqual(out.spec.containers[0]!.ports!.map((p) => p.containerPort), [80, 443, 8080]);
  });

  it('deletes list elements, map keys and primitives on request', () => {
    const out = applyStrategicMergePatch(
      pod(),
      {
        metadata: { labels: { a: null }, '$deleteFromPrimitiveList/finalizers': ['x'] },
        spec: { containers: [{ name: 'side', $patch: 'delete' }], nodeSelector: { $patch: 'replace', region: 'eu' } },
      },
      POD,
      SCHEMAS,
    ) as ReturnType<typeof pod>;
    assert.deepEqual(out.metadata.labels, { b: '2' });
    assert.deepEqual(out.metadata.finalizers, []);
    assert.deepEqual(out.spec.containers.map((c) => c.name), ['web']);
    assert.deepEqual(out.spec.nodeSelector, { region: 'eu' });
  });

  it('orders a merged list as $setElementOrder says, and replaces a list on $patch: replace', () => {
    const ordered = applyStrategicMergePatch(
      pod(),
      { spec: { '$setElementOrder/containers': [{ name: 'new' }, { name: 'web' }, { name: 'side' }], containers: [{ name: 'new', image: 'redis' }] } },
      POD,
      SCHEMAS,
    ) as ReturnType<typeof pod>;
    assert.deepEqual(ordered.spec.containers.map((c) => c.name), ['new', 'web', 'side']);
    const replaced = applyStrategicMergePatch(
      pod(),
      { spec: { containers: [{ $patch: 'replace' }, { name: 'solo', image: 'x' }] } },
      POD,
      SCHEMAS,
    ) as ReturnType<typeof pod>;
    assert.deepEqual(replaced.spec.containers, [{ name: 'solo', image: 'x' }]);
  });

  it('unions primitive lists that merge, such as finalizers', () => {
    const out = applyStrategicMergePatch(pod(), { metadata: { finalizers: ['y', 'x'] } }, POD, SCHEMAS) as ReturnType<typeof pod>;
    assert.deepEqual(out.metadata.finalizers, ['x', 'y']);
  });
});
