// The node's own containerd: started from our config under a temp data
// dir, answering CRI v1 on its own socket (runtime ready; the network not
// until a CNI conflist exists), reachable with `peapod ctr`, and stopped again;
// pulls go through the mirrors of a registries.yaml.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { agentContainerdDir, Containerd } from '../../src/kubelet/containerd.js';
import { ensureTestImages } from '../../src/kubelet/images/test-images.js';
import { registryConfig } from '../../src/kubelet/registries.js';
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

  it('pulls through the mirrors of a registries.yaml (k3s format)', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-ctrd-'));
    // The mirror: a local HTTP server that records what containerd asks it for (and has nothing).
    const asked: string[] = [];
    const mirror = http.createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    const port = (mirror.address() as AddressInfo).port;
    const registries = path.join(dir, 'registries.yaml');
    fs.writeFileSync(registries, `mirrors:\n  docker.io:\n    endpoint:\n      - "http://127.0.0.1:${port}"\nconfigs:\n  "127.0.0.1:${port}":\n    auth:\n      username: someone\n      password: secret\n`);
    const containerd = new Containerd({ dir: agentContainerdDir(dir), sandboxImage: 'docker.io/peapod/pause:3.10', cniConfDir: path.join(dir, 'cni'), registries: registryConfig(registries) });
    let cri: CriClient | undefined;
    t.after(async () => {
      cri?.close();
      await containerd.stop();
      mirror.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    cri = await containerd.start();
    // The mirror has nothing: the pull fails (after containerd also tries docker.io itself), but it asked the mirror first.
    await assert.rejects(cri.image.PullImage!({ image: { image: 'docker.io/library/mirrored:1.0' } }));
    assert.ok(asked.some((a) => /^(HEAD|GET) \/v2\/library\/mirrored\/manifests\/1\.0/.test(a)), `the mirror was asked: ${asked.join(', ')}`);
    assert.match(fs.readFileSync(path.join(agentContainerdDir(dir), 'config.toml'), 'utf8'), /registry\.configs\."127\.0\.0\.1:\d+"\.auth\]\n  username = "someone"/);
  });
});
