// Restart safety on a real node: stopping `peapod server` leaves its
// containers running; the next start adopts them (same container, no
// restart, logs still there), and a container that died while the server
// was down is seen and restarted by the pod's policy when it comes back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
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

describe('kubelet restart', () => {
  it('adopts running containers and handles one that died while it was down', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['run', 'keeper', '--image=busybox', '--', 'sh', '-c', 'echo kept; sleep 3600']);
    await c.ok(['run', 'victim', '--image=busybox', '--', 'sleep', '3601']);
    await podField(c, 'keeper', '{.status.containerStatuses[0].ready}', 'true');
    await podField(c, 'victim', '{.status.containerStatuses[0].ready}', 'true');
    const keeperId = await c.ok(['get', 'pod', 'keeper', '-o', 'jsonpath={.status.containerStatuses[0].containerID}']);

    await c.stop();
    const victimPid = pidOf(['sleep', '3601']);
    assert.ok(victimPid, 'the container keeps running while the server is down');
    process.kill(victimPid, 'SIGKILL');
    await c.restart();

    await podField(c, 'victim', '{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}', '1 137', 30_000);
    await podField(c, 'victim', '{.status.containerStatuses[0].ready}', 'true');
    assert.equal(await podField(c, 'keeper', '{.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount}', `${keeperId} 0`), `${keeperId} 0`);
    assert.match(await c.ok(['get', 'pod', 'keeper']), /keeper\s+1\/1\s+Running\s+0\s+/);
    assert.equal(await c.ok(['logs', 'keeper']), 'kept\n');
  });
});
