// What the generic store knows about any kind: its names, where it is stored,
// and a small strategy of pure functions. Adding a kind is one file that
// exports a ResourceType (see core/*.ts).
import type { StatusCause } from '../status.js';
import type { GenericStore } from './generic-store.js';

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: unknown[];
  finalizers?: string[];
  managedFields?: unknown[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0: always shown; 1: only with -o wide. */
  priority?: number;
}

export interface Strategy {
  /** Fills defaulted fields in place (upstream's SetDefaults_*). */
  defaults?(obj: KubeObject): void;
  /** Clears what a client may not set on create (e.g. status). */
  prepareForCreate?(obj: KubeObject): void;
  /** Carries over what a client may not change on update (e.g. status on the main resource). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /**
   * Deletion that has to wait for work elsewhere (a namespace's content, a
   * pod's containers on its node): adjusts the object (phase Terminating,
   * deletionGracePeriodSeconds) and returns true, so the store marks it with
   * a deletionTimestamp instead of removing it. `gracePeriodSeconds` is what
   * the client asked for, if anything.
   */
  beginDeletion?(obj: KubeObject, gracePeriodSeconds: number | undefined): boolean;
  /**
   * A deletion that names no propagation policy leaves the dependents
   * behind (upstream keeps this for batch/v1 Jobs); otherwise they are
   * deleted in the background.
   */
  orphanDependentsByDefault?: boolean;
  /** Whether a marked object may go now; metadata.finalizers must be empty too. */
  readyToDelete?(obj: KubeObject): boolean;
  validate(obj: KubeObject): StatusCause[];
  /** Checks only a create makes (upstream's ValidatePodCreate forbids ephemeral containers). */
  validateCreate?(obj: KubeObject): StatusCause[];
  validateUpdate?(obj: KubeObject, old: KubeObject): StatusCause[];
  /**
   * Kinds that count changes of their desired state in metadata.generation
   * (workloads): what counts, usually the spec. The store sets generation 1
   * on create and adds one on every update that changes this value.
   */
  generationOf?(obj: KubeObject): unknown;
  /** Field selector values this kind supports beyond metadata.name / metadata.namespace. */
  fields?(obj: KubeObject): Record<string, string>;
  columns: TableColumn[];
  row(obj: KubeObject, now: Date): unknown[];
}

/**
 * What a write holds outside the object itself (a Service's ClusterIP and
 * node ports), for the few kinds that need it: the store reserves it before
 * storing a create or update, gives back what an update dropped once it is
 * stored, and what a deleted object held once it is gone.
 */
export interface StoreHooks {
  /**
   * Fills in and takes what `obj` needs beyond what `old` (undefined on
   * create) holds; throws an ApiError to refuse. A dry run fills in and
   * checks without taking.
   */
  reserve(obj: KubeObject, old: KubeObject | undefined, dryRun?: boolean): Promise<WriteReservation>;
  /** `obj` is gone: gives back what it held. */
  release(obj: KubeObject): Promise<void>;
}

export interface WriteReservation {
  /** The write was stored: give back what the old version held and the new one does not. */
  commit(): Promise<void>;
  /** The write failed: give back what was taken for it. */
  abort(): Promise<void>;
}

/** A kind by group, version and name: what a request body must be. */
export interface KindRef {
  group: string;
  version: string;
  kind: string;
}

/**
 * A subresource that acts on an object when POSTed to (pods/NAME/binding,
 * pods/NAME/eviction): its body is a kind of its own, and it answers with
 * a Status.
 */
export interface SubresourceAction {
  body: KindRef;
  run(store: GenericStore, namespace: string, name: string, body: KubeObject, options: { dryRun: boolean }): Promise<void>;
}

export interface ResourceType {
  /** "" for the core group. */
  group: string;
  version: string;
  kind: string;
  /** The plural, lower-case resource name used in URLs: "pods". */
  resource: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** Subresources served by the generic store ("status"). */
  subresources: string[];
  /** Subresources that are actions, keyed by name. */
  actions?: Record<string, SubresourceAction>;
  strategy: Strategy;
  /**
   * Another version of a kind that is stored once: objects are kept in the
   * other type's form and converted on the way in and out (upstream stores
   * events.k8s.io/v1 events as core/v1 events).
   */
  storedAs?: {
    type: ResourceType;
    toStored(obj: KubeObject): KubeObject;
    fromStored(obj: KubeObject): KubeObject;
  };
}

export const apiVersionOf = (t: ResourceType) => (t.group ? `${t.group}/${t.version}` : t.version);
