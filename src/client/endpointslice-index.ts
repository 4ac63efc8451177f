// EndpointSlices by the Service they belong to (their
// kubernetes.io/service-name label): one index on the shared informer for
// every reader that wants a service's slices (the service proxy, cluster DNS).
import { SERVICE_NAME_LABEL } from '../apiserver/registry/discovery/endpointslices.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { ENDPOINTSLICES } from './client.js';
import type { Informers } from './informers.js';

const BY_SERVICE = 'by-service';

export function endpointSlicesByService<T extends KubeObject>(informers: Informers): (namespace: string, service: string) => T[] {
  const slices = informers.for<T>(ENDPOINTSLICES);
  if (!slices.hasIndex(BY_SERVICE)) {
    slices.addIndex(BY_SERVICE, (s) => {
      const service = s.metadata.labels?.[SERVICE_NAME_LABEL];
      return service ? [`${s.metadata.namespace}/${service}`] : [];
    });
  }
  return (namespace, service) => slices.byIndex(BY_SERVICE, `${namespace}/${service}`);
}
