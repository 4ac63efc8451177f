// Discovery documents, derived from the served ResourceTypes: the legacy
// ones (/api, /api/v1, /apis, /apis/G/V) and the aggregated
// apidiscovery.k8s.io/v2 documents kubectl >= 1.30 asks for first.
import type { KindRef, ResourceType } from './registry/types.js';
import { SCALE_KIND } from './scale.js';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** What a subresource answers with: the object itself, or for scale an autoscaling/v1 Scale. */
function subresourceKind(t: ResourceType, subresource: string): KindRef {
  return subresource === 'scale' ? SCALE_KIND : { group: t.group, version: t.version, kind: t.kind };
}

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

function groupsOf(types: ResourceType[]): Map<string, Map<string, ResourceType[]>> {
  const groups = new Map<string, Map<string, ResourceType[]>>();
  for (const t of types) {
    const versions = groups.get(t.group) ?? new Map<string, ResourceType[]>();
    versions.set(t.version, [...(versions.get(t.version) ?? []), t]);
    groups.set(t.group, versions);
  }
  return groups;
}

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function resourceList(types: ResourceType[], group: string, version: string) {
  const served = types.filter((t) => t.group === group && t.version === version);
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: served.flatMap((t) => [
      {
        name: t.resource,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: VERBS,
        ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories.length ? { categories: t.categories } : {}),
      },
      ...t.subresources.map((sub) => {
        const kind = subresourceKind(t, sub);
        return {
          name: `${t.resource}/${sub}`,
          singularName: '',
          namespaced: t.namespaced,
          ...(kind.group !== t.group ? { group: kind.group, version: kind.version } : {}),
          kind: kind.kind,
          verbs: SUBRESOURCE_VERBS,
        };
      }),
      // kubectl drain finds the eviction API by this entry's group and version.
      ...Object.entries(t.actions ?? {}).map(([sub, action]) => ({
        name: `${t.resource}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(action.body.group ? { group: action.body.group } : {}),
        version: action.body.version,
        kind: action.body.kind,
        verbs: ['create'],
      })),
    ]),
  };
}

export function apiGroupList(types: ResourceType[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groupsOf(types)]
      .filter(([group]) => group !== '')
      .map(([name, versions]) => {
        const list = [...versions.keys()].map((version) => ({ groupVersion: `${name}/${version}`, version }));
        return { name, versions: list, preferredVersion: list[0] };
      }),
  };
}

/** /api (core only) or /apis (every named group) as one aggregated document. */
export function aggregatedDiscovery(types: ResourceType[], core: boolean, apiVersion: string) {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion,
    metadata: {},
    items: [...groupsOf(types)]
      .filter(([group]) => (group === '') === core)
      .map(([group, versions]) => ({
        metadata: { name: group, creationTimestamp: null },
        versions: [...versions].map(([version, list]) => ({
          version,
          freshness: 'Current',
          resources: list.map((t) => ({
            resource: t.resource,
            responseKind: { group: t.group, version: t.version, kind: t.kind },
            scope: t.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: t.singular,
            verbs: VERBS,
            ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
            ...(t.categories.length ? { categories: t.categories } : {}),
            ...(t.subresources.length || t.actions
              ? {
                  subresources: [
                    ...t.subresources.map((subresource) => ({ subresource, responseKind: subresourceKind(t, subresource), verbs: SUBRESOURCE_VERBS })),
                    ...Object.entries(t.actions ?? {}).map(([subresource, action]) => ({ subresource, responseKind: action.body, verbs: ['create'] })),
                  ],
                }
              : {}),
          })),
        })),
      })),
  };
}
