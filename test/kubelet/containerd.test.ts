// The node's own containerd: started from our config under a temp data
// dir, answering CRI v1 on its own socket (runtime ready; the network not
// until a CNI conflist exists), reachable with `peapod ctr`, and stopped again.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { agentContainerdDir, Containerd } from '../../src/kubelet/containerd.js';
import { ensureTestImages } from '../../src/kubelet/images/test-images.js';
import { PEAPOD } from '../cluster.js';
import { CriClient } from '../../src/kubelet/cri/client.js';

describe('containerd', () => {
  it('runs privately under the data dir and answers CRI v1', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-ctrd-'));
    const containerd = new Containerd({ dir: agentContainerdDir(dir), sandboxImage: 'docker.io/peapod/pause:3.10', cniConfDir: path.join(dir, 'cni') });
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
    assert.ok(fs.existsSync(path.join(agentContainerdDir(dir), 'root')), 'its root is under the data dir');
    assert.match(fs.readFileSync(path.join(agentContainerdDir(dir), 'config.toml'), 'utf8'), /restrict_oom_score_adj = true/);

    // `peapod ctr` is ctr on this node's socket, in the CRI's namespace.
    const [busybox] = await ensureTestImages();
    const ctr = (...args: string[]) => execFileSync(process.execPath, [PEAPOD, 'ctr', '--data-dir', dir, ...args], { encoding: 'utf8' });
    ctr('images', 'import', busybox!);
    assert.match(ctr('images', 'ls', '-q'), /^docker\.io\/library\/busybox:latest$/m);
    await containerd.stop();
    const after = new CriClient(containerd.socket);
    t.after(() => after.close());
    await assert.rejects(after.runtime.Version!({}), 'nothing answers once stopped');
  });
});
