// Container probes against real local servers (HTTP, HTTPS, TCP, gRPC) and a
// fake exec: upstream's outcomes and event texts, and the worker's
// thresholds, initial delay and hold after a decisive result.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { makeCa } from '../../src/apiserver/x509.js';
import { probeEvent, ProbeWorker, runProbe, type Probe, type ProbeContext, type ProbeOutcome } from '../../src/kubelet/probes.js';
import { eventually } from '../helpers.js';

function context(overrides: Partial<ProbeContext> = {}): ProbeContext {
  return { podIP: '127.0.0.1', ports: [], exec: async () => ({ exitCode: 0, output: '' }), ...overrides };
}

async function listening(t: TestContext, server: http.Server | https.Server | net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

const serve = (t: TestContext, handler: http.RequestListener) => listening(t, http.createServer(handler));

/** A port nothing listens on (just closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A port whose connects hang: a child process listens with a backlog of one
 * and stops itself, and two connections fill its accept queue, so the
 * kernel drops any further SYN (no packet filter or network needed).
 */
async function unacceptedPort(t: TestContext): Promise<number> {
  const script = `require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, function () { process.stdout.write(this.address().port + '\\n'); process.kill(process.pid, 'SIGSTOP'); })`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (data) => resolve(Number(String(data).trim())));
    child.once('exit', () => reject(new Error('listener exited')));
  });
  let connected = 0;
  for (let i = 0; i < 4; i++) {
    const filler = net.connect(port, '127.0.0.1', () => connected++);
    filler.on('error', () => {});
    t.after(() => filler.destroy());
  }
  await eventually(async () => (connected >= 2 ? true : undefined), 2000, 'a full accept queue');
  return port;
}

describe('httpGet probes', () => {
  it('succeed on 2xx with upstream headers: kube-probe User-Agent, Accept */*, given headers and Host, path /', async (t) => {
    let seen: http.IncomingMessage | undefined;
    const port = await serve(t, (req, res) => {
      seen = req;
      res.end('fine');
    });
    const probe: Probe = { httpGet: { port, httpHeaders: [{ name: 'x-custom', value: 'yes' }, { name: 'host', value: 'app.example' }] } };
    assert.deepEqual(await runProbe(probe, context()), { result: 'success', message: 'fine' });
    assert.equal(seen!.url, '/');
    assert.equal(seen!.headers['user-agent'], 'kube-probe/1.32');
    assert.equal(seen!.headers.accept, '*/*');
    assert.equal(seen!.headers.host, 'app.example');
    assert.equal(seen!.headers['x-custom'], 'yes');
    assert.equal(seen!.headers.connection, 'close'); // keep-alives off, as upstream's transport
  });

  it('fails with the status code for 4xx and 5xx, and passes 2xx and 3xx that are not followed', async (t) => {
    const port = await serve(t, (req, res) => {
      res.statusCode = Number(req.url!.slice(1));
      res.end('body');
    });
    const at = (path: string) => runProbe({ httpGet: { port, path } }, context());
    assert.deepEqual(await at('/404'), { result: 'failure', message: 'HTTP probe failed with statuscode: 404' });
    assert.deepEqual(await at('/503'), { result: 'failure', message: 'HTTP probe failed with statuscode: 503' });
    assert.deepEqual(await at('/399'), { result: 'warning', message: 'Probe terminated redirects, Response body: body' });
    assert.equal((await at('/204')).result, 'success');
    // A path without its slash is still a path (Go prints the URL with one).
    assert.equal((await runProbe({ httpGet: { port, path: '200' } }, context())).result, 'success');
  });

  it('resolves a named port from the container, and errors as upstream when the name is unknown', async (t) => {
    const port = await serve(t, (_req, res) => res.end());
    const ctx = context({ ports: [{ name: 'web', containerPort: port }] });
    assert.equal((await runProbe({ httpGet: { port: 'web' } }, ctx)).result, 'success');
    const missing = await runProbe({ httpGet: { port: 'metrics' } }, ctx);
    assert.deepEqual(missing, { result: 'failure', message: 'port "metrics" not found', error: 'unknown' });
    assert.deepEqual(probeEvent('liveness', missing), {
      reason: 'Unhealthy',
      message: 'Liveness probe errored and resulted in unknown state: port "metrics" not found',
    });
    // A numeric string is a name to upstream too.
    assert.equal((await runProbe({ httpGet: { port: String(port) } }, ctx)).message, `port "${port}" not found`);
  });

  it("reports a refused connection in Go's words", async () => {
    const port = await closedPort();
    const outcome = await runProbe({ httpGet: { port, path: '/healthz' } }, context());
    assert.deepEqual(outcome, {
      result: 'failure',
      message: `Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
    assert.equal(probeEvent('readiness', outcome)!.message, `Readiness probe failed: ${outcome.message}`);
  });

  it('times out awaiting headers after timeoutSeconds', async (t) => {
    const port = await serve(t, () => {}); // never answers
    const began = Date.now();
    const outcome = await runProbe({ httpGet: { port, path: '/slow' }, timeoutSeconds: 0.2 }, context());
    const took = Date.now() - began;
    assert.deepEqual(outcome, {
      result: 'failure',
      message: `Get "http://127.0.0.1:${port}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
    assert.ok(took >= 190 && took < 2000, `took ${took} ms`);
  });

  it('reports a connection closed before any response as EOF', async (t) => {
    const server = net.createServer((socket) => socket.resume().end()); // reads the request, answers nothing
    const port = await listening(t, server);
    assert.deepEqual(await runProbe({ httpGet: { port } }, context()), { result: 'failure', message: `Get "http://127.0.0.1:${port}/": EOF` });
  });

  it('follows redirects on the same host only, and gives up after ten', async (t) => {
    let loops = 0;
    const port = await serve(t, (req, res) => {
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (req.url === '/b') res.end(`at b, ${req.headers['user-agent']}`);
      else if (req.url === '/elsewhere') res.writeHead(301, { location: `http://localhost:${port}/b` }).end('moved');
      else if (req.url === '/loop') {
        loops++;
        res.writeHead(307, { location: '/loop' }).end();
      } else res.writeHead(404).end();
    });
    assert.deepEqual(await runProbe({ httpGet: { port, path: '/a' } }, context()), { result: 'success', message: 'at b, kube-probe/1.32' });
    // localhost is another host name than 127.0.0.1: not followed, a warning (counted as success).
    const elsewhere = await runProbe({ httpGet: { port, path: '/elsewhere' } }, context());
    assert.deepEqual(elsewhere, { result: 'warning', message: 'Probe terminated redirects, Response body: moved' });
    assert.deepEqual(probeEvent('readiness', elsewhere), { reason: 'ProbeWarning', message: 'Readiness probe warning: Probe terminated redirects, Response body: moved' });
    assert.deepEqual(await runProbe({ httpGet: { port, path: '/loop' } }, context()), { result: 'failure', message: 'Get "/loop": stopped after 10 redirects' });
    assert.equal(loops, 10);
  });

  it('reads at most 10 KiB of the body, so a body that never ends still passes', async (t) => {
    const port = await serve(t, (_req, res) => res.write('x'.repeat(20 * 1024)));
    const outcome = await runProbe({ httpGet: { port } }, context());
    assert.equal(outcome.result, 'success');
    assert.equal(outcome.message.length, 10 * 1024);
  });

  it('speaks HTTPS without verifying the certificate, and says so when the server speaks plain HTTP', async (t) => {
    const pem = await makeCa('probe-test', 3600_000);
    const securePort = await listening(t, https.createServer(pem, (_req, res) => res.end('secure')));
    assert.deepEqual(await runProbe({ httpGet: { port: securePort, scheme: 'HTTPS' } }, context()), { result: 'success', message: 'secure' });
    const plainPort = await serve(t, (_req, res) => res.end());
    assert.deepEqual(await runProbe({ httpGet: { port: plainPort, scheme: 'HTTPS' } }, context()), {
      result: 'failure',
      message: `Get "https://127.0.0.1:${plainPort}/": http: server gave HTTP response to HTTPS client`,
    });
  });
});

describe('tcpSocket probes', () => {
  it('succeed when the port accepts, fail with Go\'s dial error when refused', async (t) => {
    const port = await listening(t, net.createServer((socket) => socket.destroy()));
    assert.deepEqual(await runProbe({ tcpSocket: { port } }, context()), { result: 'success', message: '' });
    const ctx = context({ ports: [{ name: 'db', containerPort: port }] });
    assert.equal((await runProbe({ tcpSocket: { port: 'db' } }, ctx)).result, 'success');
    const closed = await closedPort();
    assert.deepEqual(await runProbe({ tcpSocket: { port: closed } }, context()), {
      result: 'failure',
      message: `dial tcp 127.0.0.1:${closed}: connect: connection refused`,
    });
    assert.deepEqual(await runProbe({ tcpSocket: { port: 70000 } }, context()), { result: 'failure', message: 'invalid port number: 70000', error: 'unknown' });
  });

  it('give up after timeoutSeconds when the connection is never accepted, in Go\'s words (TCP and HTTP)', async (t) => {
    const port = await unacceptedPort(t);
    const began = Date.now();
    assert.deepEqual(await runProbe({ tcpSocket: { port }, timeoutSeconds: 0.2 }, context()), { result: 'failure', message: `dial tcp 127.0.0.1:${port}: i/o timeout` });
    const took = Date.now() - began;
    assert.ok(took >= 190 && took < 2000, `took ${took} ms`);
    assert.deepEqual(await runProbe({ httpGet: { port, path: '/healthz' }, timeoutSeconds: 0.2 }, context()), {
      result: 'failure',
      message: `Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: i/o timeout (Client.Timeout exceeded while awaiting headers)`,
    });
  });
});

describe('exec probes', () => {
  it('pass on exit 0 and fail with the output on any other exit', async () => {
    const ran: string[][] = [];
    const exec = async (command: string[]) => {
      ran.push(command);
      return command[0] === 'true' ? { exitCode: 0, output: 'ok\n' } : { exitCode: 2, output: 'cat: /tmp/healthy: No such file or directory\n' };
    };
    assert.deepEqual(await runProbe({ exec: { command: ['true'] } }, context({ exec })), { result: 'success', message: 'ok\n' });
    const failed = await runProbe({ exec: { command: ['cat', '/tmp/healthy'] } }, context({ exec }));
    assert.deepEqual(failed, { result: 'failure', message: 'cat: /tmp/healthy: No such file or directory\n' });
    assert.equal(probeEvent('liveness', failed)!.message, 'Liveness probe failed: cat: /tmp/healthy: No such file or directory\n');
    assert.deepEqual(ran, [['true'], ['cat', '/tmp/healthy']]);
  });

  it('limits the output to 10 KiB and expands $(VAR) from the container env', async () => {
    let command: string[] = [];
    const exec = async (c: string[]) => {
      command = c;
      return { exitCode: 1, output: 'y'.repeat(50_000) };
    };
    const env = [{ name: 'PORT', value: '8080' }, { name: 'FROM_SECRET' }];
    const outcome = await runProbe({ exec: { command: ['check', '$(PORT)', '$$(PORT)', '$(MISSING)', '$(FROM_SECRET)'] } }, context({ exec, env }));
    assert.equal(outcome.message.length, 10 * 1024);
    assert.deepEqual(command, ['check', '8080', '$(PORT)', '$(MISSING)', '']);
  });

  it('fails with upstream\'s text when the command outlives timeoutSeconds or the runtime says its deadline passed', async () => {
    let timeoutGiven = 0;
    const hang = (_c: string[], timeoutSeconds: number) => {
      timeoutGiven = timeoutSeconds;
      return new Promise<{ exitCode: number; output: string }>(() => {});
    };
    const probe: Probe = { exec: { command: ['sh', '-c', 'sleep 10'] }, timeoutSeconds: 0.1 };
    assert.deepEqual(await runProbe(probe, context({ exec: hang })), { result: 'failure', message: 'command "sh -c sleep 10" timed out' });
    assert.equal(timeoutGiven, 0.1);
    const deadline = async () => {
      throw Object.assign(new Error('4 DEADLINE_EXCEEDED: timeout'), { code: 4 });
    };
    assert.deepEqual(await runProbe({ exec: { command: ['x'] } }, context({ exec: deadline })), { result: 'failure', message: 'command "x" timed out' });
  });

  it('errors (unknown state) when the runtime cannot run the command', async () => {
    const broken = async () => {
      throw new Error('container is not running');
    };
    const outcome = await runProbe({ exec: { command: ['x'] } }, context({ exec: broken }));
    assert.deepEqual(outcome, { result: 'failure', message: 'container is not running', error: 'unknown' });
    assert.equal(probeEvent('startup', outcome)!.message, 'Startup probe errored and resulted in unknown state: container is not running');
  });
});

describe('grpc probes', () => {
  const check = { path: '/grpc.health.v1.Health/Check', requestStream: false, responseStream: false };
  const same = (b: Buffer) => b;
  async function healthServer(t: TestContext, statusFor?: (service: string) => number): Promise<number> {
    const server = new grpc.Server();
    if (statusFor) {
      const definition = { Check: { ...check, requestSerialize: same, requestDeserialize: same, responseSerialize: same, responseDeserialize: same } };
      server.addService(definition, {
        Check: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
          const service = call.request.length ? call.request.subarray(2).toString() : '';
          callback(null, Buffer.from([0x08, statusFor(service)]));
        },
      });
    }
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
    );
    t.after(() => server.forceShutdown());
    return port;
  }

  it('pass when the service is SERVING and fail with its status otherwise', async (t) => {
    const port = await healthServer(t, (service) => (service === 'db' ? 2 : 1));
    assert.deepEqual(await runProbe({ grpc: { port } }, context()), { result: 'success', message: 'service healthy' });
    assert.deepEqual(await runProbe({ grpc: { port, service: 'db' } }, context()), { result: 'failure', message: 'service unhealthy (responded with "NOT_SERVING")' });
  });

  it('fail as upstream when the health service is missing or nothing listens', async (t) => {
    const port = await healthServer(t);
    const missing = await runProbe({ grpc: { port } }, context());
    assert.equal(missing.result, 'failure');
    assert.ok(missing.message.startsWith('error: this server does not implement the grpc health protocol (grpc.health.v1.Health): '), missing.message);
    const closed = await closedPort();
    assert.deepEqual(await runProbe({ grpc: { port: closed }, timeoutSeconds: 0.2 }, context()), {
      result: 'failure',
      message: `timeout: failed to connect service "127.0.0.1:${closed}" within 200ms: context deadline exceeded`,
    });
  });
});

describe('ProbeWorker', () => {
  /** An exec that answers attempt n (from 1) with codes[n-1], the last code after that, and records when it ran. */
  function scripted(codes: number[]) {
    const calls: number[] = [];
    const exec = async () => {
      calls.push(Date.now());
      return { exitCode: codes[Math.min(calls.length, codes.length) - 1]!, output: `attempt ${calls.length}` };
    };
    return { calls, exec };
  }
  function record(log: string[]) {
    return {
      onResult: (result: string) => log.push(`result ${result}`),
      onFailure: (outcome: ProbeOutcome) => log.push(`failed: ${outcome.message}`),
      onError: (outcome: ProbeOutcome) => log.push(`errored: ${outcome.message}`),
    };
  }
  const fast = { periodSeconds: 0.03, timeoutSeconds: 1 };

  it('readiness starts failed and changes only after successThreshold / failureThreshold in a row', async (t) => {
    const { exec } = scripted([1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1]);
    const log: string[] = [];
    const probe: Probe = { exec: { command: ['check'] }, ...fast, successThreshold: 2, failureThreshold: 2 };
    const worker = new ProbeWorker('readiness', probe, context({ exec }), new Date(), record(log));
    t.after(() => worker.stop());
    assert.equal(worker.result, 'failure');
    worker.start();
    await eventually(async () => (log.length >= 9 ? true : undefined), 5000, 'nine callbacks');
    worker.stop();
    assert.deepEqual(log.slice(0, 9), [
      'failed: attempt 1',
      'failed: attempt 3',
      'result success', // attempts 4 and 5
      'failed: attempt 7',
      'failed: attempt 8',
      'result failure',
      'failed: attempt 10',
      'failed: attempt 11',
      'failed: attempt 12', // still failure: no second onResult
    ]);
    assert.equal(worker.result, 'failure');
  });

  it('liveness starts alive, turns failed after failureThreshold (default 3), then probes no more', async (t) => {
    const { calls, exec } = scripted([0, 1]);
    const log: string[] = [];
    const worker = new ProbeWorker('liveness', { exec: { command: ['check'] }, ...fast }, context({ exec }), new Date(), record(log));
    t.after(() => worker.stop());
    worker.start();
    await eventually(async () => (log.includes('result failure') ? true : undefined), 5000, 'liveness failure');
    assert.deepEqual(log, ['failed: attempt 2', 'failed: attempt 3', 'failed: attempt 4', 'result failure']);
    const attempts = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 10 * 30)); // ten periods
    assert.equal(calls.length, attempts);
    assert.equal(worker.result, 'failure');
  });

  it('startup reports its first decision, success included, and then stops probing', async (t) => {
    const { calls, exec } = scripted([0]);
    const log: string[] = [];
    const worker = new ProbeWorker('startup', { exec: { command: ['check'] }, ...fast }, context({ exec }), new Date(), record(log));
    t.after(() => worker.stop());
    assert.equal(worker.result, undefined);
    worker.start();
    await eventually(async () => (log.length ? true : undefined), 5000, 'startup decision');
    await new Promise((resolve) => setTimeout(resolve, 10 * 30));
    assert.deepEqual(log, ['result success']);
    assert.equal(calls.length, 1);
  });

  it('waits initialDelaySeconds from the container start, then probes every periodSeconds', async (t) => {
    const { calls, exec } = scripted([0]);
    const started = new Date(Date.now() - 100); // started 100 ms ago, delay 300 ms: first probe ~200 ms from now
    const worker = new ProbeWorker('readiness', { exec: { command: ['check'] }, initialDelaySeconds: 0.3, periodSeconds: 0.1 }, context({ exec }), started, record([]));
    t.after(() => worker.stop());
    worker.start();
    await eventually(async () => (calls.length >= 3 ? true : undefined), 5000, 'three attempts');
    worker.stop();
    assert.ok(calls[0]! - started.getTime() >= 295, `first attempt ${calls[0]! - started.getTime()} ms after start`);
    assert.ok(calls[1]! - calls[0]! >= 95, `period ${calls[1]! - calls[0]!} ms`);
    const after = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(calls.length, after, 'no attempt after stop()');
  });

  it('retries an attempt that errored three times, reports it, and does not count it', async (t) => {
    let runs = 0;
    const exec = async () => {
      runs++;
      throw new Error('container is not running');
    };
    const log: string[] = [];
    const worker = new ProbeWorker('liveness', { exec: { command: ['check'] }, ...fast, failureThreshold: 1 }, context({ exec }), new Date(), record(log));
    t.after(() => worker.stop());
    worker.start();
    await eventually(async () => (log.length >= 2 ? true : undefined), 5000, 'two errored attempts');
    worker.stop();
    assert.deepEqual(log.slice(0, 2), ['errored: container is not running', 'errored: container is not running']);
    assert.ok(runs >= 6, `runs ${runs}`);
    assert.equal(worker.result, 'success'); // not failed: errors are thrown away
  });

  it('keeps going when a callback throws', async (t) => {
    const { calls, exec } = scripted([1]);
    const logged: string[] = [];
    const callbacks = {
      onResult: () => {},
      onFailure: () => {
        throw new Error('recorder down');
      },
      log: (message: string) => logged.push(message),
    };
    const worker = new ProbeWorker('readiness', { exec: { command: ['check'] }, ...fast }, context({ exec }), new Date(), callbacks);
    t.after(() => worker.stop());
    worker.start();
    await eventually(async () => (calls.length >= 3 ? true : undefined), 5000, 'three attempts');
    worker.stop();
    assert.equal(logged[0], 'Readiness probe worker: callback failed: recorder down');
  });
});
