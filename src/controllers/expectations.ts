// Upstream's controller expectations: after a controller asks for N pods
// to be made or removed, it waits until its informer has seen them all
// before it counts pods again, or it would count the ones still in flight
// as missing and make them twice. Deletions may be expected by name (the
// pods' keys), so a pod seen going twice — marked, then removed — or
// already gone when its delete was answered counts once. Expectations
// lapse after five minutes, so a lost watch event cannot stall a
// controller for good.
const TTL_MS = 5 * 60_000;

interface Expected {
  adds: number;
  deletes: number;
  /** Deletions expected by key, when the controller named them. */
  deleting?: Set<string>;
  at: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expected>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Expects `adds` creations and `deletes` deletions (a count, or the keys of what goes) for `key`, replacing what was expected. */
  expect(key: string, adds: number, deletes: number | string[]): void {
    const named = Array.isArray(deletes);
    this.byKey.set(key, { adds, deletes: named ? 0 : deletes, ...(named ? { deleting: new Set(deletes) } : {}), at: this.now() });
  }

  /** One expected object seen created (or one creation that failed: it will not be seen). */
  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.adds--;
  }

  /** One expected object seen deleted (or one deletion that failed); `what` names it when deletions were expected by key. */
  deletionObserved(key: string, what?: string): void {
    const e = this.byKey.get(key);
    if (!e) return;
    if (e.deleting && what !== undefined) e.deleting.delete(what);
    else e.deletes--;
  }

  /** Everything asked for has been seen, or the wait lapsed, or nothing was asked. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    return !e || (e.adds <= 0 && e.deletes <= 0 && !e.deleting?.size) || this.now() - e.at > TTL_MS;
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}
