// Upstream's controller expectations: after a controller asks for N pods
// to be made or removed, it waits until its informer has seen them all
// before it counts pods again, or it would count the ones still in flight
// as missing and make them twice. Expectations lapse after five minutes,
// so a lost watch event cannot stall a controller for good.
const TTL_MS = 5 * 60_000;

interface Expected {
  adds: number;
  deletes: number;
  at: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expected>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Expects `adds` creations and `deletes` deletions for `key` (replacing what was expected). */
  expect(key: string, adds: number, deletes: number): void {
    this.byKey.set(key, { adds, deletes, at: this.now() });
  }

  /** One expected object seen created (or one creation that failed: it will not be seen). */
  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.adds--;
  }

  /** One expected object seen deleted (or one deletion that failed). */
  deletionObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.deletes--;
  }

  /** Everything asked for has been seen, or the wait lapsed, or nothing was asked. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    return !e || (e.adds <= 0 && e.deletes <= 0) || this.now() - e.at > TTL_MS;
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}
