// Restart safety on a real node: stopping `peapod server` leaves its
// containers running; the next start adopts them (same container, no
// restart, logs still there), a container that died while the server was
// down is seen and restarted by the pod's policy when it comes back, and an
// image tarball dropped into DATA/agent/images is there after the restart.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { writeOciArchive } from '../../src/kubelet/images/oci-archive.js';
import { podField, startNodeCluster } from '../node-cluster.js';

/** The PID of the process whose command line is exactly `argv` (a container's own process, started by this test). */
function pidOf(argv: string[]): number | undefined {
  const want = argv.join('\0') + '\0';
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === want) return Number(pid);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** A one-file image (a static busybox printing a line) as an OCI tarball at `file`. */
async function dropImage(file: string, name: string): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-drop-'));
  try {
    const rootfs = path.join(work, 'rootfs');
    fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
    fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin', 'busybox'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await writeOciArchive({ names: [name], rootfs, config: { Entrypoint: ['/bin/busybox', 'echo', 'hello from a dropped image'] } }, file, work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

describe('kubelet restart', () => {
  it('adopts running containers and handles one that died while it was down', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['run', 'keeper', '--image=busybox', '--', 'sh', '-c', 'echo kept; sleep 3600']);
    await c.ok(['run', 'victim', '--image=busybox', '--', 'sleep', '3601']);
    await podField(c, 'keeper', '{.status.containerStatuses[0].ready}', 'true');
    await podField(c, 'victim', '{.status.containerStatuses[0].ready}', 'true');
    const keeperId = await c.ok(['get', 'pod', 'keeper', '-o', 'jsonpath={.status.containerStatuses[0].containerID}']);

    await c.stop();
    // A tarball dropped into DATA/agent/images is imported at the next start, as k3s does.
    await dropImage(path.join(c.dataDir, 'agent', 'images', 'dropped.tar'), 'docker.io/library/dropped:1.0');
    const victimPid = pidOf(['sleep', '3601']);
    assert.ok(victimPid, 'the container keeps running while the server is down');
    process.kill(victimPid, 'SIGKILL');
    await c.restart();

    await podField(c, 'victim', '{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}', '1 137', 30_000);
    await podField(c, 'victim', '{.status.containerStatuses[0].ready}', 'true');
    assert.equal(await podField(c, 'keeper', '{.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount}', `${keeperId} 0`), `${keeperId} 0`);
    assert.match(await c.ok(['get', 'pod', 'keeper']), /keeper\s+1\/1\s+Running\s+0\s+/);
    assert.equal(await c.ok(['logs', 'keeper']), 'kept\n');
    await c.ok(['run', 'from-drop', '--image=dropped:1.0', '--image-pull-policy=Never', '--restart=Never']);
    await podField(c, 'from-drop', '{.status.phase}', 'Succeeded');
    assert.equal(await c.ok(['logs', 'from-drop']), 'hello from a dropped image\n');
  });
});
