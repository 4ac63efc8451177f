// What the API serves, as discovery describes it: the namespace controller
// and the garbage collector work on every kind that can be listed and
// deleted, whatever kinds this server happens to have.
import { ref, type ApiClient, type ResourceRef } from './client.js';

export interface DiscoveredResource extends ResourceRef {
  kind: string;
  /** "v1", "apps/v1": what objects of this kind carry in apiVersion. */
  apiVersion: string;
}

interface ResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[];
}

/** Every resource (not subresource) in each group's preferred version that supports list, watch and delete. */
export async function deletableResources(client: ApiClient): Promise<DiscoveredResource[]> {
  const get = (path: string) => client.transport.request({ method: 'GET', path });
  const groups = (await get('/apis')) as { groups: { preferredVersion: { groupVersion: string } }[] };
  const lists = (await Promise.all([get('/api/v1'), ...groups.groups.map((g) => get(`/apis/${g.preferredVersion.groupVersion}`))])) as ResourceList[];
  return lists.flatMap((list) => {
    const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
    return list.resources
      .filter((r) => !r.name.includes('/') && ['list', 'watch', 'delete'].every((verb) => r.verbs.includes(verb)))
      .map((r) => ({ ...ref(group!, version!, r.name, r.namespaced), kind: r.kind, apiVersion: list.groupVersion }));
  });
}
