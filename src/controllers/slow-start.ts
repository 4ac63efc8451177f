// Upstream's slowStartBatch: many similar API calls go out in batches of
// 1, 2, 4, … so that a call bound to fail (a quota, a terminating
// namespace) fails once or twice rather than hundreds of times.

/** Runs `fn` over `items` batch by batch, stopping after a batch with a failure (`fn` gave false); says how many were not tried. */
export async function slowStart<T>(items: T[], fn: (item: T) => Promise<boolean>): Promise<{ failed: boolean; notTried: number }> {
  let done = 0;
  for (let size = 1; done < items.length; size *= 2) {
    const batch = items.slice(done, done + size);
    done += batch.length;
    const results = await Promise.all(batch.map(fn));
    if (results.includes(false)) return { failed: true, notTried: items.length - done };
  }
  return { failed: false, notTried: 0 };
}
