// What runs beside the API server in `peapod server` (the scheduler, the
// namespace, service account, garbage collector, node lifecycle and taint
// eviction controllers, simulated nodes, the node agent), each talking to the API
// through its own in-process client (named, so its writes are attributed
// to it) and one set of shared informers.
import type { Handlers } from '../apiserver/handlers.js';
import { ApiClient } from '../client/client.js';
import { EventRecorder } from '../client/events.js';
import { Informers } from '../client/informers.js';
import { InProcessTransport } from '../client/transport.js';
import { DaemonSetController } from '../controllers/daemonset.js';
import { GarbageCollector } from '../controllers/garbage-collector.js';
import { NamespaceController } from '../controllers/namespace-controller.js';
import { NodeLifecycleController, type NodeLifecycleOptions } from '../controllers/node-lifecycle.js';
import { StatefulSetController } from '../controllers/statefulset.js';
import { ServiceAccountsController } from '../controllers/serviceaccounts.js';
import { TaintEvictionController } from '../controllers/taint-eviction.js';
import { startAgent, type Agent, type AgentOptions } from '../kubelet/agent.js';
import { SimulatedNodes } from '../kubelet/simulated.js';
import { Scheduler, SCHEDULER_NAME } from '../scheduler/scheduler.js';

export interface ComponentOptions {
  /** k3s's --disable-scheduler: pods wait for another scheduler (or for startScheduler()). */
  disableScheduler?: boolean;
  simulatedNodes: number;
  simulatedCapacity: Record<string, string>;
  leaseDurationS: number;
  nodeLifecycle: NodeLifecycleOptions;
  /** This machine as a node running real containers (unless --disable-agent). */
  agent?: Omit<AgentOptions, 'log'>;
  log: (message: string) => void;
}

export interface Components {
  informers: Informers;
  agent: Agent | undefined;
  /** Starts the scheduler if it was held back; a no-op when it runs. */
  startScheduler(): void;
  stop(): Promise<void>;
}

export async function startComponents(handlers: Handlers, options: ComponentOptions): Promise<Components> {
  const { log } = options;
  const client = (name: string) => new ApiClient(new InProcessTransport(handlers, name));
  const recorder = (c: ApiClient, component: string) => new EventRecorder(c, { component }, (m) => log(`${component}: ${m}`));
  const informers = new Informers(client('peapod-informers'), (m) => log(`informer: ${m}`));

  const schedulerClient = client(SCHEDULER_NAME);
  const scheduler = new Scheduler(schedulerClient, informers, recorder(schedulerClient, SCHEDULER_NAME), (m) => log(`scheduler: ${m}`));
  const controllerClient = client('kube-controller-manager');
  const nodeLifecycle = new NodeLifecycleController(
    controllerClient,
    informers,
    recorder(controllerClient, 'node-controller'),
    options.nodeLifecycle,
    (m) => log(`node lifecycle: ${m}`),
  );
  const namespaces = new NamespaceController(controllerClient, informers, (m) => log(`namespace controller: ${m}`));
  const garbageCollector = new GarbageCollector(controllerClient, informers, (m) => log(`garbage collector: ${m}`));
  const serviceAccounts = new ServiceAccountsController(controllerClient, informers, (m) => log(`service account controller: ${m}`));
  const taintEviction = new TaintEvictionController(controllerClient, informers, recorder(controllerClient, 'taint-eviction-controller'), (m) =>
    log(`taint eviction: ${m}`),
  );
  const daemonSets = new DaemonSetController(controllerClient, informers, recorder(controllerClient, 'daemonset-controller'), (m) => log(`daemonset controller: ${m}`));
  const statefulSets = new StatefulSetController(controllerClient, informers, recorder(controllerClient, 'statefulset-controller'), (m) => log(`statefulset controller: ${m}`));
  const simulated = options.simulatedNodes
    ? new SimulatedNodes(client('kubelet'), informers, { count: options.simulatedNodes, prefix: 'sim', capacity: options.simulatedCapacity, leaseDurationS: options.leaseDurationS }, (m) =>
        log(`simulated kubelet: ${m}`),
      )
    : undefined;

  informers.start();
  await informers.synced();
  let schedulerRunning = false;
  const startScheduler = () => {
    if (schedulerRunning) return;
    schedulerRunning = true;
    scheduler.start();
  };
  if (!options.disableScheduler) startScheduler();
  nodeLifecycle.start();
  taintEviction.start();
  namespaces.start();
  serviceAccounts.start();
  daemonSets.start();
  statefulSets.start();
  await garbageCollector.start();
  await simulated?.start();
  if (simulated) log(`${options.simulatedNodes} simulated nodes registered`);
  let agent: Agent | undefined;
  if (options.agent) {
    const kubeletClient = client('kubelet');
    agent = await startAgent(kubeletClient, informers, new EventRecorder(kubeletClient, { component: 'kubelet', host: options.agent.nodeName }, (m) => log(`kubelet: ${m}`)), {
      ...options.agent,
      log: (m) => log(`agent: ${m}`),
    });
  }

  return {
    informers,
    agent,
    startScheduler,
    async stop() {
      await agent?.stop();
      await simulated?.stop();
      await scheduler.stop();
      await nodeLifecycle.stop();
      await taintEviction.stop();
      await namespaces.stop();
      await serviceAccounts.stop();
      await daemonSets.stop();
      await statefulSets.stop();
      await garbageCollector.stop();
      informers.stop();
    },
  };
}
