// List continuation tokens in kube-apiserver's format (base64 of
// {"v":"meta.k8s.io/v1","rv":N,"start":"..."}), so the API server can hand
// them to clients unchanged: a token resumes the same list at the same
// revision, just after the last key of the previous page.
import { InvalidContinueError } from './errors.js';

const VERSION = 'meta.k8s.io/v1';

export interface ContinuePoint {
  revision: number;
  /** Where the next page starts, relative to the listed prefix. */
  start: string;
}

export function encodeContinue(revision: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: VERSION, rv: revision, start })).toString('base64');
}

export function decodeContinue(token: string): ContinuePoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw new InvalidContinueError('not base64-encoded JSON');
  }
  const { v, rv, start } = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== VERSION) throw new InvalidContinueError(`unsupported version ${JSON.stringify(v)}`);
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv <= 0) {
    throw new InvalidContinueError('its resource version is not a positive integer');
  }
  if (typeof start !== 'string' || start === '') throw new InvalidContinueError('its start key is missing');
  return { revision: rv, start };
}
