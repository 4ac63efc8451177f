// The API server as kubectl meets it first: TLS and client certificates,
// version, discovery, namespaces, and upstream's error texts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PEAPOD, startCluster, startClusterIn } from '../cluster.js';

function requestWithoutCertificate(server: string, caData: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(`${server}/api/v1/namespaces`, { ca: Buffer.from(caData, 'base64') }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
  });
}

describe('API server basics', () => {
  it('serves kubectl over TLS with the admin kubeconfig it writes', async (t) => {
    const cluster = await startCluster(t);
    assert.match(await cluster.ok(['version']), /Server Version: v1\.32\.\d+/);
    const namespaces = await cluster.ok(['get', 'ns']);
    assert.match(namespaces, /^NAME\s+STATUS\s+AGE\n/);
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      assert.match(namespaces, new RegExp(`^${ns}\\s+Active\\s+\\d+s$`, 'm'));
    }
    assert.equal((fs.statSync(cluster.kubeconfig).mode & 0o777).toString(8), '600');
  });

  it('runs kubectl against its own kubeconfig as `peapod kubectl`', async (t) => {
    const cluster = await startCluster(t);
    const { stdout } = await promisify(execFile)(process.execPath, [PEAPOD, 'kubectl', '--data-dir', cluster.dataDir, 'get', 'ns', 'default', '-o', 'name'], {
      env: { ...process.env, KUBECONFIG: '', HOME: cluster.dataDir },
    });
    assert.equal(stdout.trim(), 'namespace/default');
  });

  it('answers 401 Unauthorized to a request without a client certificate', async (t) => {
    const cluster = await startCluster(t);
    const config = YAML.parse(fs.readFileSync(cluster.kubeconfig, 'utf8'));
    const reply = await requestWithoutCertificate(cluster.server, config.clusters[0].cluster['certificate-authority-data']);
    assert.equal(reply.status, 401);
    assert.deepEqual(JSON.parse(reply.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('lists its resources for kubectl api-resources', async (t) => {
    const cluster = await startCluster(t);
    const out = await cluster.ok(['api-resources']);
    assert.match(out, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/m);
    assert.match(out, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    assert.match(out, /^pods\s+po\s+v1\s+true\s+Pod$/m);
    assert.match(await cluster.ok(['api-versions']), /^v1$/m);
  });

  it('prints upstream error texts', async (t) => {
    const cluster = await startCluster(t);
    const missing = await cluster.kubectl(['get', 'pod', 'nope']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim(), 'Error from server (NotFound): pods "nope" not found');
    const missingNs = await cluster.kubectl(['get', 'ns', 'nope']);
    assert.equal(missingNs.stderr.trim(), 'Error from server (NotFound): namespaces "nope" not found');
    const bad = await cluster.kubectl(['create', 'namespace', 'Bad_Name']);
    assert.equal(
      bad.stderr.trim(),
      `The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    assert.doesNotMatch(await cluster.ok(['get', 'ns']), /Bad_Name/);
  });

  it('keeps its certificates and data across a restart', async (t) => {
    // Both servers share one data dir; the second, stopped last, removes it.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-cluster-'));
    const first = await startClusterIn(t, dataDir, ['--disable-agent']);
    assert.equal((await first.ok(['create', 'namespace', 'dev'])).trim(), 'namespace/dev created');
    const exists = await first.kubectl(['create', 'namespace', 'dev']);
    assert.equal(exists.stderr.trim(), 'Error from server (AlreadyExists): namespaces "dev" already exists');
    const ca = YAML.parse(fs.readFileSync(first.kubeconfig, 'utf8')).clusters[0].cluster['certificate-authority-data'];
    await first.stop();
    const second = await startClusterIn(t, dataDir, ['--disable-agent'], true);
    assert.equal(YAML.parse(fs.readFileSync(second.kubeconfig, 'utf8')).clusters[0].cluster['certificate-authority-data'], ca);
    assert.match(await second.ok(['get', 'ns', 'dev']), /^dev\s+Active\s+/m);
  });
});

describe('namespace deletion', () => {
  it('marks the namespace Terminating, deletes what is in it, then removes it', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', 'namespace', 'dev']);
    await c.ok(['run', 'nginx', '--image=nginx', '-n', 'dev']);
    await c.ok(['create', 'configmap', 'cfg', '--from-literal=a=1', '-n', 'dev']);
    // --wait=false shows the intermediate state; kubectl then waits for the end with `wait --for=delete`.
    assert.equal((await c.ok(['delete', 'ns', 'dev', '--wait=false'])).trim(), 'namespace "dev" deleted');
    await c.ok(['wait', '--for=delete', 'namespace/dev', '--timeout=30s']);
    const gone = await c.kubectl(['get', 'ns', 'dev']);
    assert.equal(gone.stderr.trim(), 'Error from server (NotFound): namespaces "dev" not found');
    const pods = await c.kubectl(['get', 'pods', '-n', 'dev']);
    assert.equal(pods.stderr.trim(), 'No resources found in dev namespace.');
  });

  it('refuses new content in a terminating namespace', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', 'namespace', 'dev']);
    // A finalizer of ours keeps the namespace in Terminating for as long as the test needs.
    await c.ok(['patch', 'ns', 'dev', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);
    await c.ok(['delete', 'ns', 'dev', '--wait=false']);
    assert.match(await c.ok(['get', 'ns', 'dev']), /^dev\s+Terminating\s+/m);
    const r = await c.kubectl(['run', 'late', '--image=nginx', '-n', 'dev']);
    assert.equal(
      r.stderr.trim(),
      'Error from server (Forbidden): pods "late" is forbidden: unable to create new content in namespace dev because it is being terminated',
    );
    await c.ok(['patch', 'ns', 'dev', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    await c.ok(['wait', '--for=delete', 'namespace/dev', '--timeout=30s']);
  });

  it('keeps the system namespaces, and a namespace\'s finalizer, out of clients\' hands', async (t) => {
    const c = await startCluster(t);
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      const r = await c.kubectl(['delete', 'ns', ns]);
      assert.equal(r.stderr.trim(), `Error from server (Forbidden): namespaces "${ns}" is forbidden: this namespace may not be deleted`);
    }
    const manifest = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: sneaky\nspec:\n  finalizers: []\n';
    await c.ok(['create', '-f', '-'], { input: manifest });
    assert.equal(await c.ok(['get', 'ns', 'sneaky', '-o', 'jsonpath={.spec.finalizers}']), '["kubernetes"]');
    await c.ok(['create', 'configmap', 'left', '-n', 'sneaky']);
    await c.ok(['delete', 'ns', 'sneaky', '--timeout=30s']);
    const left = await c.kubectl(['get', 'configmaps', '-n', 'sneaky']);
    assert.equal(left.stderr.trim(), 'No resources found in sneaky namespace.');
  });
});
