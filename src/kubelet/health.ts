// The health of running containers: their probe workers and what the
// probes last said (started, ready, or unhealthy and due for a restart),
// and lifecycle hooks, which run the same handlers as probes do. A change
// of a thresholded result wakes the pod's sync.
import type { ContainerSpec, Pod } from '../apiserver/registry/core/types.js';
import type { EventRecorder } from '../client/events.js';
import type { ContainerHealth } from './pod-sync.js';
import { probeEvent, ProbeWorker, runProbe, type Probe, type ProbeContext, type ProbeKind } from './probes.js';
import type { PodRuntime } from './runtime.js';

interface Entry {
  workers: ProbeWorker[];
  started: boolean;
  ready: boolean;
  unhealthy?: string;
}

export class ContainerProbes implements ContainerHealth {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly runtime: PodRuntime,
    private readonly recorder: EventRecorder,
    /** Called with the pod's key when a probe result changes what its status or spec says. */
    private readonly changed: (pod: Pod) => void,
  ) {}

  private context(spec: ContainerSpec, containerId: string, podIP: string): ProbeContext {
    return { podIP, ports: spec.ports ?? [], env: spec.env, exec: (command, timeout) => this.runtime.execSync(containerId, command, timeout) };
  }

  watching(containerId: string): boolean {
    return this.entries.has(containerId);
  }

  watch(pod: Pod, spec: ContainerSpec, containerId: string, startedAt: Date, podIP: string): void {
    const entry: Entry = { workers: [], started: !spec.startupProbe, ready: !spec.readinessProbe };
    this.entries.set(containerId, entry);
    const context = this.context(spec, containerId, podIP);
    const field = `spec.containers{${spec.name}}`;
    const worker = (kind: ProbeKind, probe: Probe, onResult: (result: 'success' | 'failure') => void) => {
      const w = new ProbeWorker(kind, probe, context, startedAt, {
        onResult: (result) => {
          if (this.entries.get(containerId) !== entry) return;
          onResult(result);
          this.changed(pod);
        },
        onFailure: (outcome) => this.recordProbe(pod, kind, outcome, field),
        onWarning: (outcome) => this.recordProbe(pod, kind, outcome, field),
        onError: (outcome) => this.recordProbe(pod, kind, outcome, field),
      });
      entry.workers.push(w);
      w.start();
    };
    const afterStartup = () => {
      if (spec.livenessProbe) worker('liveness', spec.livenessProbe as Probe, (r) => r === 'failure' && (entry.unhealthy = 'failed liveness probe'));
      if (spec.readinessProbe) worker('readiness', spec.readinessProbe as Probe, (r) => (entry.ready = r === 'success'));
    };
    if (spec.startupProbe) {
      worker('startup', spec.startupProbe as Probe, (r) => {
        if (r === 'failure') entry.unhealthy = 'failed startup probe';
        else if (!entry.started) {
          entry.started = true;
          afterStartup();
        }
      });
    } else afterStartup();
  }

  private recordProbe(pod: Pod, kind: ProbeKind, outcome: Parameters<typeof probeEvent>[1], field: string): void {
    const e = probeEvent(kind, outcome);
    if (e) this.recorder.record(pod, 'Warning', e.reason, e.message, field);
  }

  forget(containerId: string): void {
    for (const w of this.entries.get(containerId)?.workers ?? []) w.stop();
    this.entries.delete(containerId);
  }

  ready(containerId: string): boolean {
    const e = this.entries.get(containerId);
    return !!e && e.started && e.ready && !e.unhealthy;
  }

  started(containerId: string): boolean {
    return this.entries.get(containerId)?.started ?? false;
  }

  unhealthy(containerId: string): string | undefined {
    return this.entries.get(containerId)?.unhealthy;
  }

  async runHook(handler: Record<string, unknown>, pod: Pod, spec: ContainerSpec, containerId: string, podIP: string): Promise<string | undefined> {
    // A hook has no timeout of its own (the grace period bounds preStop); a probe's default of 1 s would be too short.
    const outcome = await runProbe({ ...(handler as Probe), timeoutSeconds: pod.spec.terminationGracePeriodSeconds ?? 30 }, this.context(spec, containerId, podIP));
    return outcome.result === 'failure' ? outcome.message : undefined;
  }

  stop(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
  }
}
