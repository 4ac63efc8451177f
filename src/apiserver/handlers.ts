// Turns an authenticated HTTP request into a call on the right GenericStore
// (or a discovery document) and its answer into JSON: the URL grammar of
// upstream's RequestInfo, verbs by method, Table output, watch streams.
import type { IncomingHttpHeaders } from 'node:http2';
import { admitCreate, admitDelete, DEFAULT_ADMISSION, type AdmissionOptions } from './admission.js';
import { checkBody, decodeBody } from './body.js';
import { apply as applyConfig } from './fieldmanager.js';
import { APPLY_PATCH, applyJsonPatch, applyMergePatch, applyStrategicMergePatch, JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from './patch.js';
import { AGGREGATED_V2, AGGREGATED_V2BETA1, aggregatedDiscovery, apiGroupList, apiVersions, resourceList } from './discovery.js';
import { timestamp, type DeleteOptions, type GenericStore, type PropagationPolicy } from './registry/generic-store.js';
import { invalid, notSupported } from './registry/validation.js';
import { apiVersionOf, type KubeObject, type ResourceType, type SubresourceAction } from './registry/types.js';
import type { Resources } from './resources.js';
import { toScale, withScale, SCALE_KIND, type Scale } from './scale.js';
import { SCHEMAS } from './schema/index.js';
import { buildOpenApiV3, schemaNameOf, type OpenApiV3 } from './schema/openapi.js';
import { ApiError, errors, type StatusCause } from './status.js';
import { toTable, wantsTable } from './table.js';

export interface Request {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body(): Promise<Buffer>;
}

/** What a handler answers: a JSON body, or a stream of JSON lines (watch). */
export type Reply =
  | { status: number; body: unknown; contentType?: string; warnings?: string[] }
  | { status: 200; stream: AsyncIterable<unknown>; close(): void };

/** Upstream limits request bodies to 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Namespace subresources that are not resources inside the namespace. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

interface ResourceRequest {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

/** /api/v1/... or /apis/GROUP/VERSION/..., split as upstream's RequestInfo does. */
function parseResourcePath(parts: string[]): ResourceRequest | undefined {
  let group = '';
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    rest = parts.slice(3);
  } else return undefined;
  const version = parts[0] === 'api' ? parts[1]! : parts[2]!;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
    else namespace = undefined;
  }
  const [resource, name, subresource] = rest;
  if (!resource) return undefined;
  return { group, version, namespace, resource, name, subresource };
}

function json(status: number, body: unknown, contentType?: string): Reply {
  return { status, body, ...(contentType ? { contentType } : {}) };
}

function accepts(headers: IncomingHttpHeaders, type: string): boolean {
  return (headers.accept ?? '').split(',').some((part) => part.replace(/\s/g, '') === type);
}

export class Handlers {
  private openapiDocs: OpenApiV3 | undefined;
  private openapiV2Doc: Record<string, unknown> | undefined;
  private openapiV2Protobuf: Buffer | undefined;

  constructor(
    private readonly resources: Resources,
    private readonly version: Record<string, string>,
    private readonly serverAddress: string,
    private readonly admission: AdmissionOptions = DEFAULT_ADMISSION,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** kubectl before 1.28 reads v2, in gnostic's protobuf form when it can. */
  private async openapiV2(headers: IncomingHttpHeaders): Promise<Reply> {
    const v2 = await import('./schema/openapi-v2.js');
    this.openapiV2Doc ??= v2.buildOpenApiV2(this.openapi, this.version.gitVersion!);
    if ((headers.accept ?? '').includes(v2.OPENAPI_V2_PROTOBUF)) {
      this.openapiV2Protobuf ??= Buffer.from(v2.encodeOpenApiV2(this.openapiV2Doc));
      return { status: 200, body: this.openapiV2Protobuf, contentType: v2.OPENAPI_V2_PROTOBUF_TYPE };
    }
    return json(200, this.openapiV2Doc);
  }

  /** Built on first request, not at start-up. */
  private get openapi(): OpenApiV3 {
    return (this.openapiDocs ??= buildOpenApiV3(this.resources.types, SCHEMAS, this.version.gitVersion!));
  }

  async handle(req: Request): Promise<Reply> {
    const parts = req.url.pathname.split('/').filter(Boolean);
    const path = '/' + parts.join('/');
    if (req.method === 'GET') {
      const fixed = await this.fixedPath(path, req.headers);
      if (fixed) return fixed;
    }
    const target = parseResourcePath(parts);
    if (!target) throw notFoundPath();
    const store = this.resources.find(target.group, target.version, target.resource);
    if (!store) throw notFoundPath();
    return this.resourceRequest(req, store, target);
  }

  private async fixedPath(path: string, headers: IncomingHttpHeaders): Promise<Reply | undefined> {
    const types = this.resources.types;
    switch (path) {
      case '/version':
        return json(200, this.version);
      case '/healthz':
      case '/livez':
      case '/readyz':
        return { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
      case '/openapi/v3':
        return json(200, this.openapi.root);
      case '/openapi/v2':
        return this.openapiV2(headers);
      case '/api':
      case '/apis': {
        const core = path === '/api';
        if (accepts(headers, AGGREGATED_V2)) return json(200, aggregatedDiscovery(types, core, 'apidiscovery.k8s.io/v2'), AGGREGATED_V2);
        if (accepts(headers, AGGREGATED_V2BETA1)) {
          return json(200, aggregatedDiscovery(types, core, 'apidiscovery.k8s.io/v2beta1'), AGGREGATED_V2BETA1);
        }
        return json(200, core ? apiVersions(this.serverAddress) : apiGroupList(types));
      }
    }
    if (path.startsWith('/openapi/v3/')) {
      const doc = this.openapi.documents.get(path.slice('/openapi/v3/'.length));
      if (!doc) throw notFoundPath();
      return json(200, doc);
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (m) {
      const list = m[1] ? resourceList(types, '', m[1]) : resourceList(types, m[2]!, m[3]!);
      if (!list) throw notFoundPath();
      return json(200, list);
    }
    return undefined;
  }

  /**
   * PATCH with application/apply-patch+yaml: the request is the manager's
   * whole intent for the fields it names (see fieldmanager.ts).
   */
  private async serverSideApply(
    req: Request,
    store: GenericStore,
    namespace: string | undefined,
    target: ResourceRequest,
    dryRun: boolean,
  ): Promise<Reply> {
    const q = req.url.searchParams;
    const type = store.type;
    const manager = q.get('fieldManager');
    if (!manager) throw errors.badRequest('PATCH, application/apply-patch+yaml requires fieldManager to be set');
    const text = (await req.body()).toString('utf8');
    let parsed: unknown;
    try {
      parsed = (await import('yaml')).parse(text);
    } catch (err) {
      throw errors.badRequest(`error decoding YAML: ${(err as Error).message}`);
    }
    const { object: config, warnings } = checkBody(parsed, type, q.get('fieldValidation'));
    if (config.metadata.name !== undefined && config.metadata.name !== target.name) {
      throw errors.badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${target.name})`);
    }
    config.metadata.name = target.name;
    const force = q.get('force') === 'true';
    const schema = schemaNameOf(type);
    const now = timestamp(this.now());
    const applyTo = (live: KubeObject | undefined): KubeObject => {
      const result = applyConfig(live, config, manager, force, schema, apiVersionOf(type), now, SCHEMAS);
      result.object.metadata.managedFields = result.managedFields;
      // An apply works on whatever version is current unless its configuration names one.
      if (!config.metadata.resourceVersion) delete result.object.metadata.resourceVersion;
      return result.object;
    };
    const existing = await store.get(namespace, target.name!).catch((err: ApiError) => {
      if (err.reason !== 'NotFound') throw err;
    });
    const answer = (obj: KubeObject, status: number): Reply => ({ ...this.objectReply(req, type, obj, status), warnings });
    if (!existing) {
      const created = applyTo(undefined);
      await admitCreate(this.resources, type, namespace, created, this.admission);
      return answer(await store.create(namespace, created, { dryRun }), 201);
    }
    return answer(await store.update(namespace, target.name!, applyTo, { dryRun, subresource: target.subresource }), 200);
  }

  /** One object as the client asked for it: itself, or a one-row Table for kubectl get. */
  private objectReply(req: Request, type: ResourceType, obj: KubeObject, status: number): Reply {
    return json(status, wantsTable(req.headers.accept) ? toTable(type, [obj], { resourceVersion: obj.metadata.resourceVersion }, this.now()) : obj);
  }

  /** POST to pods/NAME/binding and the like: the body names the object, the answer is a Status. */
  private async runAction(req: Request, store: GenericStore, action: SubresourceAction, namespace: string, name: string, dryRun: boolean): Promise<Reply> {
    const { object } = await decodeBody(await req.body(), req.headers['content-type'], action.body, req.url.searchParams.get('fieldValidation'));
    if (object.metadata.name && object.metadata.name !== name) {
      throw errors.badRequest(`name in URL does not match name in ${action.body.kind} object`);
    }
    await action.run(store, namespace, name, object, { dryRun });
    return json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }

  /** GET, PUT and PATCH of NAME/scale: an autoscaling/v1 Scale in, an update of spec.replicas through the kind's strategy. */
  private async scaleRequest(req: Request, store: GenericStore, namespace: string | undefined, name: string, dryRun: boolean): Promise<Reply> {
    const q = req.url.searchParams;
    const options = { dryRun, subresource: 'scale', fieldManager: fieldManager(req) };
    switch (req.method) {
      case 'GET':
        return json(200, toScale(await store.get(namespace, name)));
      case 'PUT': {
        const body = await decodeBody(await req.body(), req.headers['content-type'], SCALE_KIND, q.get('fieldValidation'));
        const updated = await store.update(namespace, name, (current) => withScale(current, body.object as Scale), options);
        return { ...json(200, toScale(updated)), warnings: body.warnings };
      }
      case 'PATCH': {
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
        const patch = parseJson(await req.body());
        const updated = await store.update(
          namespace,
          name,
          (current) => {
            const scale = toScale(current);
            let patched: unknown;
            if (contentType === JSON_PATCH) patched = applyJsonPatch(scale, patch);
            else if (contentType === MERGE_PATCH || contentType === STRATEGIC_MERGE_PATCH) patched = applyMergePatch(scale, patch);
            else throw errors.unsupportedMediaType(contentType);
            const result = checkBody(patched, SCALE_KIND, q.get('fieldValidation')).object as Scale;
            // Unless the patch itself names a resourceVersion, it applies to whatever version is current.
            if (!JSON.stringify(patch).includes('"resourceVersion"')) delete result.metadata.resourceVersion;
            return withScale(current, result);
          },
          options,
        );
        return json(200, toScale(updated));
      }
      default:
        throw errors.methodNotAllowed();
    }
  }

  private async resourceRequest(req: Request, store: GenericStore, target: ResourceRequest): Promise<Reply> {
    const q = req.url.searchParams;
    const type = store.type;
    const namespace = type.namespaced ? target.namespace : undefined;
    const dryRun = q.getAll('dryRun').includes('All');
    const action = target.subresource ? type.actions?.[target.subresource] : undefined;
    if (action && namespace && target.name) {
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      return this.runAction(req, store, action, namespace, target.name, dryRun);
    }
    if (target.subresource && !type.subresources.includes(target.subresource)) throw notFoundPath();
    if (target.subresource === 'scale' && target.name) return this.scaleRequest(req, store, namespace, target.name, dryRun);
    const table = wantsTable(req.headers.accept);
    const one = (obj: KubeObject, status = 200) => this.objectReply(req, type, obj, status);


    switch (req.method) {
      case 'GET': {
        const watching = q.get('watch') === 'true' || q.get('watch') === '1';
        if (target.name && !watching) return one(await store.get(namespace, target.name));
        // A watch on one object's URL is a watch on the collection narrowed to its name.
        const byName = target.name ? `metadata.name=${target.name}` : undefined;
        const fieldSelector = [q.get('fieldSelector'), byName].filter(Boolean).join(',') || undefined;
        const options = {
          labelSelector: q.get('labelSelector') ?? undefined,
          fieldSelector,
          resourceVersion: q.get('resourceVersion') ?? undefined,
          resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
          limit: q.has('limit') ? Number(q.get('limit')) : undefined,
          continue: q.get('continue') ?? undefined,
        };
        if (watching) {
          const watch = store.watch(namespace, { ...options, allowBookmarks: q.get('allowWatchBookmarks') === 'true' });
          // timeoutSeconds ends the stream cleanly; clients (informers) then watch again from where they were.
          const timeout = Number(q.get('timeoutSeconds') ?? 0);
          const timer = timeout > 0 ? setTimeout(() => watch.close(), timeout * 1000) : undefined;
          const close = () => {
            clearTimeout(timer);
            watch.close();
          };
          const now = this.now;
          return {
            status: 200,
            close,
            stream: (async function* () {
              try {
                for await (const e of watch) {
                  const object =
                    table && e.type !== 'BOOKMARK'
                      ? toTable(type, [e.object], { resourceVersion: e.object.metadata.resourceVersion }, now())
                      : e.object;
                  yield { type: e.type, object };
                }
              } finally {
                close();
              }
            })(),
          };
        }
        const list = await store.list(namespace, options);
        const metadata = { resourceVersion: list.resourceVersion, ...(list.continue ? { continue: list.continue } : {}) };
        if (table) return json(200, toTable(type, list.items, metadata, this.now()));
        return json(200, {
          kind: `${type.kind}List`,
          apiVersion: apiVersionOf(type),
          metadata,
          items: list.items,
        });
      }
      case 'POST': {
        // Namespaced kinds are created under /namespaces/NS/ only, as upstream routes them.
        if (target.name || (type.namespaced && !namespace)) {
          throw errors.methodNotAllowed();
        }
        const body = await decodeBody(await req.body(), req.headers['content-type'], type, q.get('fieldValidation'));
        await admitCreate(this.resources, type, namespace, body.object, this.admission);
        const created = await store.create(namespace, body.object, { dryRun, fieldManager: fieldManager(req) });
        return { ...one(created, 201), warnings: body.warnings };
      }
      case 'PUT': {
        if (!target.name) throw errors.methodNotAllowed();
        const body = await decodeBody(await req.body(), req.headers['content-type'], type, q.get('fieldValidation'));
        const updated = await store.update(namespace, target.name, body.object, {
          dryRun,
          subresource: target.subresource,
          fieldManager: fieldManager(req),
        });
        return { ...one(updated), warnings: body.warnings };
      }
      case 'DELETE': {
        const deleteOptions = deleteOptionsOf(await req.body(), q, dryRun);
        if (target.name) {
          admitDelete(type, target.name);
          return one(await store.delete(namespace, target.name, deleteOptions));
        }
        // deletecollection: every object the selectors pick, one by one, answered as a list.
        const selected = await store.list(namespace, {
          labelSelector: q.get('labelSelector') ?? undefined,
          fieldSelector: q.get('fieldSelector') ?? undefined,
        });
        const deleted: KubeObject[] = [];
        for (const obj of selected.items) {
          admitDelete(type, obj.metadata.name!);
          const gone = await store.delete(obj.metadata.namespace, obj.metadata.name!, deleteOptions).catch((err: ApiError) => {
            if (err.reason !== 'NotFound') throw err;
          });
          if (gone) deleted.push(gone);
        }
        return json(200, { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: { resourceVersion: selected.resourceVersion }, items: deleted });
      }
      case 'PATCH': {
        if (!target.name) throw errors.methodNotAllowed();
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
        if (contentType === APPLY_PATCH) return this.serverSideApply(req, store, namespace, target, dryRun);
        const patch = parseJson(await req.body());
        const pinsVersion = JSON.stringify(patch).includes('"resourceVersion"');
        let warnings: string[] = [];
        const updated = await store.update(
          namespace,
          target.name,
          (current) => {
            let patched: unknown;
            if (contentType === JSON_PATCH) patched = applyJsonPatch(current, patch);
            else if (contentType === MERGE_PATCH) patched = applyMergePatch(current, patch);
            else if (contentType === STRATEGIC_MERGE_PATCH) patched = applyStrategicMergePatch(current, patch, schemaNameOf(type), SCHEMAS);
            else throw errors.unsupportedMediaType(contentType);
            const body = checkBody(patched, type, q.get('fieldValidation'));
            warnings = body.warnings;
            // Unless the patch itself names a resourceVersion, it applies to whatever version is current.
            if (!pinsVersion) delete body.object.metadata.resourceVersion;
            return body.object;
          },
          { dryRun, subresource: target.subresource, fieldManager: fieldManager(req) },
        );
        return { ...one(updated), warnings };
      }
      default:
        throw errors.methodNotAllowed();
    }
  }

}

/** Who is writing: ?fieldManager=, else the client's name from its User-Agent, as upstream. */
function fieldManager(req: Request): string {
  const named = req.url.searchParams.get('fieldManager');
  if (named) {
    if (named.length > 128) throw errors.badRequest(`fieldManager: Too long: may not be longer than 128`);
    return named;
  }
  return (req.headers['user-agent'] ?? 'unknown').split('/')[0]!;
}

const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'];

/** DeleteOptions from the body kubectl sends (or the query): grace period, preconditions, dryRun, propagation. */
function deleteOptionsOf(body: Buffer, q: URLSearchParams, dryRun: boolean): DeleteOptions {
  const options = (body.length ? parseJson(body) : {}) as {
    preconditions?: { uid?: string; resourceVersion?: string };
    dryRun?: string[];
    gracePeriodSeconds?: number;
    propagationPolicy?: string;
    orphanDependents?: boolean;
  };
  const asked = options.gracePeriodSeconds ?? (q.has('gracePeriodSeconds') ? Number(q.get('gracePeriodSeconds')) : undefined);
  // Upstream turns a negative grace period into the shortest real one, not a forced removal.
  const grace = asked !== undefined && asked < 0 ? 1 : asked;
  const policy = options.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  const orphan = options.orphanDependents ?? (q.has('orphanDependents') ? q.get('orphanDependents') === 'true' : undefined);
  const causes: StatusCause[] = [];
  if (policy !== undefined && orphan !== undefined) causes.push(invalid('propagationPolicy', JSON.stringify(policy), 'orphanDependents and deletionPropagation cannot be both set'));
  if (policy !== undefined && !PROPAGATION_POLICIES.includes(policy)) causes.push(notSupported('propagationPolicy', policy, [...PROPAGATION_POLICIES, 'nil']));
  if (causes.length) throw errors.invalid('DeleteOptions', 'meta.k8s.io', '', causes);
  return {
    dryRun: dryRun || (options.dryRun ?? []).includes('All'),
    preconditions: options.preconditions,
    gracePeriodSeconds: grace,
    propagationPolicy: (policy as PropagationPolicy | undefined) ?? (orphan === undefined ? undefined : orphan ? 'Orphan' : 'Background'),
  };
}

function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw errors.badRequest(`error decoding request body: ${(err as Error).message}`);
  }
}

