// The node's own containerd: started from our config under a temp data
// dir, answering CRI v1 on its own socket (runtime ready; the network not
// until a CNI conflist exists), and stopped again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Containerd } from '../../src/kubelet/containerd.js';
import { CriClient } from '../../src/kubelet/cri/client.js';

describe('containerd', () => {
  it('runs privately under the data dir and answers CRI v1', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-ctrd-'));
    const containerd = new Containerd({ dir: path.join(dir, 'containerd'), sandboxImage: 'docker.io/peapod/pause:3.10', cniConfDir: path.join(dir, 'cni') });
    let started: CriClient | undefined;
    // One hook, in this order: containerd must be gone before its files go.
    t.after(async () => {
      started?.close();
      await containerd.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const cri = (started = await containerd.start());
    const version = await cri.runtime.Version!({ version: 'v1' });
    assert.equal(version['runtimeName'], 'containerd');
    assert.equal(version['runtimeApiVersion'], 'v1');
    const status = (await cri.runtime.Status!({})) as { status: { conditions: { type: string; status: boolean }[] } };
    const conditions = Object.fromEntries(status.status.conditions.map((c) => [c.type, c.status]));
    assert.deepEqual(conditions, { RuntimeReady: true, NetworkReady: false });
    assert.ok(fs.existsSync(path.join(dir, 'containerd', 'root')), 'its root is under the data dir');
    assert.match(fs.readFileSync(path.join(dir, 'containerd', 'config.toml'), 'utf8'), /restrict_oom_score_adj = true/);
    await containerd.stop();
    const after = new CriClient(containerd.socket);
    t.after(() => after.close());
    await assert.rejects(after.runtime.Version!({}), 'nothing answers once stopped');
  });
});
