// A pod as the API server would store it, about 2 KB of JSON, for benchmarks.

export function podObject(namespace: string, name: string): Buffer {
  const pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace,
      uid: '6f1c2a4e-9d7b-4c1e-8a55-' + name.padStart(12, '0').slice(-12),
      creationTimestamp: '2026-11-25T09:00:00Z',
      labels: { app: 'nginx-test', 'pod-template-hash': '75c685fdb7' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-test-75c685fdb7', uid: 'a1b2c3d4-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:latest',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
          volumeMounts: [{ name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
          readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: 'node-1',
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
    },
    status: {
      phase: 'Running',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2026-11-25T09:00:01Z',
      })),
      hostIP: '10.0.0.11',
      podIP: '10.42.0.17',
      podIPs: [{ ip: '10.42.0.17' }],
      startTime: '2026-11-25T09:00:00Z',
      containerStatuses: [
        {
          name: 'nginx',
          state: { running: { startedAt: '2026-11-25T09:00:01Z' } },
          ready: true,
          restartCount: 0,
          image: 'docker.io/library/nginx:latest',
          imageID: 'docker.io/library/nginx@sha256:' + 'ab'.repeat(32),
          containerID: 'containerd://' + 'cd'.repeat(32),
          started: true,
        },
      ],
      qosClass: 'Burstable',
    },
  };
  return Buffer.from(JSON.stringify(pod));
}
