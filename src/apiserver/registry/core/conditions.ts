// Pod and node conditions as upstream keeps them: lastTransitionTime is
// when a condition's status last changed, so writing the same status again
// keeps the time it already had.
export interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

/** `condition` with its transition time: the previous one while the status holds, else `at`. */
export function withTransitionTime<C extends Condition>(previous: readonly C[] | undefined, condition: Omit<C, 'lastTransitionTime'>, at: string): C {
  const old = previous?.find((c) => c.type === condition.type);
  return { ...condition, lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : at } as C;
}
