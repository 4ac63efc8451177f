// Indexed Jobs: each index from 0 to completions-1 needs one pod that
// succeeds. A pod knows its index from an annotation and a label, from
// the JOB_COMPLETION_INDEX variable in every container and from its
// hostname `<job>-<index>`; the job lists the indexes done as ranges
// ("0-2,5").
import type { Pod } from '../apiserver/registry/core/types.js';

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const INDEX_IGNORED_FAILURE_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';
/** The generated part of a name is five characters: a prefix may have 58. */
const MAX_GENERATED_PREFIX = 63 - 5;

/** "1,3-5" → {1,3,4,5}; parts out of [0, completions) are ignored. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const indexes = new Set<number>();
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let i = from; i <= to! && i < completions; i++) if (i >= 0) indexes.add(i);
  }
  return indexes;
}

/** {1,3,4,5,7,8} → "1,3-5,7,8": as upstream writes them, a run of two is a pair, not a range. */
export function formatIndexes(indexes: Set<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}${j === i + 1 ? ',' : '-'}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The pod's completion index, when it has a valid one. */
export function indexOf(pod: Pod | undefined, completions: number): number | undefined {
  const text = pod?.metadata.annotations?.[COMPLETION_INDEX] ?? pod?.metadata.labels?.[COMPLETION_INDEX];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const index = Number(text);
  return index < completions ? index : undefined;
}

/**
 * An Indexed job's progress: the indexes done once `counted` pods are
 * added to `completedIndexes`, and how many are done counting the pods
 * still waiting to be counted too.
 */
export function indexedProgress(job: { spec: { completions?: number } }, completedIndexes: string | undefined, counted: (Pod | undefined)[], uncounted: (Pod | undefined)[]): { completed: Set<number>; pending: number } {
  const completions = job.spec.completions ?? 0;
  const completed = parseIndexes(completedIndexes, completions);
  const add = (to: Set<number>, pods: (Pod | undefined)[]) => {
    for (const pod of pods) {
      const index = indexOf(pod, completions);
      if (index !== undefined) to.add(index);
    }
  };
  add(completed, counted);
  const pending = new Set(completed);
  add(pending, uncounted);
  return { completed, pending: pending.size };
}

/** A counter annotation of a pod; 0 when missing or not a valid count. */
export function podCount(pod: Pod, annotation: string): number {
  const text = pod.metadata.annotations?.[annotation];
  return text !== undefined && /^\d+$/.test(text) && Number(text) <= 2147483647 ? Number(text) : 0;
}

type EnvVar = { name: string; valueFrom?: unknown; value?: string };

/** `<job>-<index>-`, the job name cut so that the random suffix still fits in 63 characters. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > MAX_GENERATED_PREFIX ? prefix.slice(0, MAX_GENERATED_PREFIX - suffix.length) + suffix : prefix;
}

/** Marks a new pod with its index: annotation, label, environment variable in every container, hostname. */
export function withIndex(pod: Pod, index: number, jobName: string): Pod {
  pod.metadata.annotations = { ...pod.metadata.annotations, [COMPLETION_INDEX]: String(index) };
  pod.metadata.labels = { ...pod.metadata.labels, [COMPLETION_INDEX]: String(index) };
  const variable: EnvVar = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } };
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const env = ((c as { env?: EnvVar[] }).env ??= []);
    if (!env.some((e) => e.name === variable.name)) env.push(variable);
  }
  pod.spec.hostname ??= `${jobName}-${index}`;
  return pod;
}

export interface SuccessPolicyRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

/**
 * The first success policy rule the completed indexes meet, as upstream
 * words it ("Matched rules at index 0"): all of succeededIndexes, or
 * succeededCount of them, or succeededCount indexes of any.
 */
export function matchSuccessPolicy(rules: SuccessPolicyRule[], completed: Set<number>, completions: number): string | undefined {
  if (!completed.size) return undefined;
  for (const [i, rule] of rules.entries()) {
    if (rule.succeededIndexes !== undefined) {
      const wanted = parseIndexes(rule.succeededIndexes, completions);
      if (!wanted.size) continue;
      const done = [...wanted].filter((x) => completed.has(x)).length;
      if (done >= (rule.succeededCount ?? wanted.size)) return `Matched rules at index ${i}`;
    } else if (rule.succeededCount !== undefined && completed.size >= rule.succeededCount) {
      return `Matched rules at index ${i}`;
    }
  }
  return undefined;
}
