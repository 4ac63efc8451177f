// What runs beside the API server in `peapod server` (the scheduler, the
// namespace, service account, endpoints, garbage collector, workload, node lifecycle
// and taint eviction controllers, simulated nodes, the node agent), each talking to the API
// through its own in-process client (named, so its writes are attributed
// to it) and one set of shared informers.
import type { Handlers } from '../apiserver/handlers.js';
import { ApiClient } from '../client/client.js';
import { EventRecorder } from '../client/events.js';
import { Informers } from '../client/informers.js';
import { InProcessTransport } from '../client/transport.js';
import { DaemonSetController } from '../controllers/daemonset.js';
import { EndpointsController } from '../controllers/endpoints.js';
import { EndpointSliceController } from '../controllers/endpointslices.js';
import { GarbageCollector } from '../controllers/garbage-collector.js';
import { ServiceLoadBalancerController } from '../controllers/service-lb.js';
import { InformerClusterView } from '../dns/cluster-view.js';
import { DnsServer, type DnsServerOptions } from '../dns/server.js';
import { ReplicaSetController } from '../controllers/replicaset.js';
import { DeploymentController } from '../controllers/deployment/deployment-controller.js';
import { CronJobController } from '../controllers/cronjob.js';
import { JobController } from '../controllers/job.js';
import { NamespaceController } from '../controllers/namespace-controller.js';
import { NodeLifecycleController, type NodeLifecycleOptions } from '../controllers/node-lifecycle.js';
import { StatefulSetController } from '../controllers/statefulset.js';
import { ServiceAccountsController } from '../controllers/serviceaccounts.js';
import { TaintEvictionController } from '../controllers/taint-eviction.js';
import { startAgent, type Agent, type AgentOptions } from '../kubelet/agent.js';
import { SimulatedNodes } from '../kubelet/simulated.js';
import { Scheduler, SCHEDULER_NAME } from '../scheduler/scheduler.js';

/** A component with a life: started once, stopped on shutdown. */
interface Runnable {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

export interface ComponentOptions {
  /** k3s's --disable-scheduler: pods wait for another scheduler (or for startScheduler()). */
  disableScheduler?: boolean;
  /** k3s's --disable-controller-manager: no controllers (workloads, garbage collection, namespaces, node lifecycle…). */
  disableControllerManager?: boolean;
  simulatedNodes: number;
  simulatedCapacity: Record<string, string>;
  leaseDurationS: number;
  nodeLifecycle: NodeLifecycleOptions;
  /** Cluster DNS served in-process (--dns-listen), answering from the informer caches; an optional one that cannot listen is left out. */
  dns?: Omit<DnsServerOptions, 'log'> & { optional: boolean };
  /** This machine as a node running real containers (unless --disable-agent). */
  agent?: Omit<AgentOptions, 'log'>;
  log: (message: string) => void;
}

export interface Components {
  informers: Informers;
  agent: Agent | undefined;
  /** Where cluster DNS listens, when it runs. */
  dns: { host: string; port: number } | undefined;
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
  const controllerRecorder = (component: string) => recorder(controllerClient, component);
  const controllerLog = (name: string) => (m: string) => log(`${name}: ${m}`);
  // kube-controller-manager's controllers, started and stopped together (k3s's --disable-controller-manager turns them all off).
  const controllerManager: Runnable[] = options.disableControllerManager
    ? []
    : [
        new NodeLifecycleController(controllerClient, informers, controllerRecorder('node-controller'), options.nodeLifecycle, controllerLog('node lifecycle')),
        new TaintEvictionController(controllerClient, informers, controllerRecorder('taint-eviction-controller'), controllerLog('taint eviction')),
        new NamespaceController(controllerClient, informers, controllerLog('namespace controller')),
        new ServiceAccountsController(controllerClient, informers, controllerLog('service account controller')),
        new ReplicaSetController(controllerClient, informers, controllerRecorder('replicaset-controller'), controllerLog('replicaset controller')),
        new DeploymentController(controllerClient, informers, controllerRecorder('deployment-controller'), controllerLog('deployment controller')),
        new JobController(controllerClient, informers, controllerRecorder('job-controller'), { log: controllerLog('job controller') }),
        new CronJobController(controllerClient, informers, controllerRecorder('cronjob-controller'), { log: controllerLog('cronjob controller') }),
        new DaemonSetController(controllerClient, informers, controllerRecorder('daemonset-controller'), controllerLog('daemonset controller')),
        new StatefulSetController(controllerClient, informers, controllerRecorder('statefulset-controller'), controllerLog('statefulset controller')),
        new EndpointsController(controllerClient, informers, controllerRecorder('endpoint-controller'), controllerLog('endpoints controller')),
        new EndpointSliceController(controllerClient, informers, controllerRecorder('endpointslice-controller'), controllerLog('endpointslice controller')),
        new ServiceLoadBalancerController(controllerClient, informers, controllerLog('service load balancer')),
        new GarbageCollector(controllerClient, informers, controllerLog('garbage collector')),
      ];
  const dns = options.dns ? new DnsServer(new InformerClusterView(informers), { ...options.dns, log: (m) => log(`dns: ${m}`) }) : undefined;
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
  for (const controller of controllerManager) await controller.start();
  const dnsListener = dns && (await startDns(dns, options.dns!, log));
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
    dns: dnsListener,
    startScheduler,
    async stop() {
      await agent?.stop();
      if (dnsListener) await dns!.stop();
      await simulated?.stop();
      await scheduler.stop();
      for (const controller of controllerManager) await controller.stop();
      informers.stop();
    },
  };
}

/** Starts cluster DNS; where it is optional and its address is taken, says so and goes on without it. */
async function startDns(dns: DnsServer, options: NonNullable<ComponentOptions['dns']>, log: (message: string) => void): Promise<{ host: string; port: number } | undefined> {
  try {
    const listener = { host: options.host, port: await dns.start() };
    log(`cluster DNS for ${options.domain} on ${listener.host}:${listener.port}`);
    return listener;
  } catch (err) {
    if (!options.optional) throw err;
    await dns.stop();
    log(`cluster DNS not started: ${(err as Error).message}; pods will not resolve cluster names (--dns-listen ADDR:PORT puts it elsewhere)`);
    return undefined;
  }
}
