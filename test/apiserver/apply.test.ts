// Server-side apply through kubectl: ownership in managedFields, removal of
// fields an applier stops setting, conflicts with other managers, force.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCluster } from '../cluster.js';

const CONFIG = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: demo
data:
${data}`;

describe('server-side apply', () => {
  it('creates, re-applies, and removes fields the applier stops setting', async (t) => {
    const c = await startCluster(t);
    const apply = (input: string) => c.ok(['apply', '--server-side', '-f', '-'], { input });
    assert.equal((await apply(CONFIG('  a: "1"\n  b: "2"\n'))).trim(), 'configmap/settings serverside-applied');
    const first = JSON.parse(await c.ok(['get', 'cm', 'settings', '-o', 'json', '--show-managed-fields']));
    assert.deepEqual(first.metadata.managedFields.map((m: { manager: string; operation: string }) => [m.manager, m.operation]), [['kubectl', 'Apply']]);
    assert.deepEqual(first.metadata.managedFields[0].fieldsV1, { 'f:data': { 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } });
    await apply(CONFIG('  a: "1"\n'));
    assert.equal(await c.ok(['get', 'cm', 'settings', '-o', 'jsonpath={.data}']), '{"a":"1"}');
  });

  it('reports conflicts with other managers, and takes the fields when forced', async (t) => {
    const c = await startCluster(t);
    const input = CONFIG('  a: "1"\n');
    await c.ok(['apply', '--server-side', '-f', '-'], { input });
    await c.ok(['patch', 'cm', 'settings', '--type=merge', '-p', '{"data":{"a":"edited"}}']);
    const conflict = await c.kubectl(['apply', '--server-side', '-f', '-'], { input });
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: \.data\.a\n/);
    assert.equal(await c.ok(['get', 'cm', 'settings', '-o', 'jsonpath={.data.a}']), 'edited');
    await c.ok(['apply', '--server-side', '--force-conflicts', '-f', '-'], { input });
    assert.equal(await c.ok(['get', 'cm', 'settings', '-o', 'jsonpath={.data.a}']), '1');
    const managers = JSON.parse(await c.ok(['get', 'cm', 'settings', '-o', 'json', '--show-managed-fields'])).metadata.managedFields;
    assert.deepEqual(managers.map((m: { manager: string }) => m.manager), ['kubectl']);
  });

  it('records who changed what on ordinary writes', async (t) => {
    const c = await startCluster(t);
    await c.ok(['run', 'web', '--image=nginx']);
    await c.ok(['label', 'pod', 'web', 'tier=front']);
    const managed = JSON.parse(await c.ok(['get', 'pod', 'web', '-o', 'json', '--show-managed-fields'])).metadata.managedFields;
    const byManager = Object.fromEntries(managed.map((m: { manager: string; fieldsV1: object }) => [m.manager, m.fieldsV1]));
    assert.deepEqual(Object.keys(byManager).sort(), ['kubectl-label', 'kubectl-run']);
    assert.deepEqual(byManager['kubectl-label'], { 'f:metadata': { 'f:labels': { 'f:tier': {} } } });
    assert.ok((byManager['kubectl-run'] as { 'f:spec': { 'f:containers': object } })['f:spec']['f:containers']['k:{"name":"web"}' as never]);
    const clash = await c.kubectl(['apply', '--server-side', '-f', '-'], {
      input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n',
    });
    assert.match(clash.stderr, /conflict with "kubectl-run" using v1: \.spec\.containers\[name="web"\]\.image/);
  });
});
