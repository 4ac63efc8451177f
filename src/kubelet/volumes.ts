// A pod's volumes on the node, under DATA/agent/pods/UID/volumes as
// upstream lays them out (kubernetes.io~empty-dir/NAME...): emptyDir (a
// directory, or tmpfs for medium Memory), hostPath with its type checks,
// and the file-projecting kinds — configMap, secret, downwardAPI,
// projected — written out as files. Containers mount the paths this
// returns; teardown unmounts and removes them with the pod.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Pod, Volume } from '../apiserver/registry/core/types.js';
import type { KeyedSources } from './env.js';

export class VolumeError extends Error {
  constructor(
    readonly volume: string,
    message: string,
  ) {
    super(`MountVolume.SetUp failed for volume "${volume}" : ${message}`);
  }
}

interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

const plugin = (v: Volume): string =>
  v.emptyDir ? 'kubernetes.io~empty-dir' : v.configMap ? 'kubernetes.io~configmap' : v.secret ? 'kubernetes.io~secret' : v.downwardAPI ? 'kubernetes.io~downward-api' : 'kubernetes.io~projected';

/** Checks or creates a hostPath as its type asks (upstream's words in the errors). */
function prepareHostPath(name: string, p: string, type = ''): void {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  const fail = (what: string) => {
    throw new VolumeError(name, `hostPath type check failed: ${p} is not a ${what}`);
  };
  switch (type) {
    case 'DirectoryOrCreate':
      if (!stat) fs.mkdirSync(p, { recursive: true, mode: 0o755 });
      else if (!stat.isDirectory()) fail('directory');
      return;
    case 'FileOrCreate':
      if (!stat) {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, '', { mode: 0o644 });
      } else if (!stat.isFile()) fail('file');
      return;
    case 'Directory':
      if (!stat?.isDirectory()) fail('directory');
      return;
    case 'File':
      if (!stat?.isFile()) fail('file');
      return;
    case 'Socket':
      if (!stat?.isSocket()) fail('socket');
      return;
    case 'CharDevice':
      if (!stat?.isCharacterDevice()) fail('character device');
      return;
    case 'BlockDevice':
      if (!stat?.isBlockDevice()) fail('block device');
      return;
    default:
      return;
  }
}

/** Replaces a volume's files in one step: written beside it, then renamed over, so containers never see half. */
function writeFiles(dir: string, files: { path: string; content: string | Buffer; mode: number }[]): void {
  const staging = `${dir}.staging`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true, mode: 0o755 });
  for (const f of files) {
    const target = path.join(staging, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content, { mode: f.mode });
    fs.chmodSync(target, f.mode);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
}

function pick(data: Record<string, string>, items: KeyToPath[] | undefined, mode: number, volume: string, what: string): { path: string; content: string; mode: number }[] {
  if (!items) return Object.entries(data).map(([key, content]) => ({ path: key, content, mode }));
  return items.map((item) => {
    if (!(item.key in data)) throw new VolumeError(volume, `configuration error: ${what} has no key "${item.key}"`);
    return { path: item.path, content: data[item.key]!, mode: item.mode ?? mode };
  });
}

function downwardFiles(pod: Pod, items: { path: string; fieldRef?: { fieldPath: string }; mode?: number }[], mode: number): { path: string; content: string; mode: number }[] {
  const render = (map: Record<string, string> | undefined) =>
    Object.entries(map ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join('\n');
  return items.map((item) => {
    const field = item.fieldRef?.fieldPath ?? '';
    const content =
      field === 'metadata.labels'
        ? render(pod.metadata.labels)
        : field === 'metadata.annotations'
          ? render(pod.metadata.annotations)
          : field === 'metadata.name'
            ? (pod.metadata.name ?? '')
            : field === 'metadata.namespace'
              ? (pod.metadata.namespace ?? '')
              : field === 'metadata.uid'
                ? (pod.metadata.uid ?? '')
                : '';
    return { path: item.path, content, mode: item.mode ?? mode };
  });
}

export class PodVolumes {
  constructor(
    /** DATA/agent/pods */
    private readonly podsDir: string,
    private readonly sources: KeyedSources,
  ) {}

  podDir(uid: string): string {
    return path.join(this.podsDir, uid);
  }

  /** Sets up every volume of the pod; resolves with host paths by volume name. */
  async setUp(pod: Pod): Promise<Map<string, string>> {
    const uid = pod.metadata.uid!;
    const namespace = pod.metadata.namespace ?? 'default';
    const paths = new Map<string, string>();
    for (const v of pod.spec.volumes ?? []) {
      if (v.hostPath) {
        prepareHostPath(v.name, v.hostPath.path, v.hostPath.type);
        paths.set(v.name, v.hostPath.path);
        continue;
      }
      const dir = path.join(this.podDir(uid), 'volumes', plugin(v), v.name);
      if (v.emptyDir) {
        if (!fs.existsSync(dir)) {
          fs.mkdirSync(dir, { recursive: true, mode: 0o777 });
          fs.chmodSync(dir, 0o777);
        }
        // Checked by the mount itself, so a mount that failed once is tried again rather than left on disk.
        if (v.emptyDir.medium === 'Memory' && !isMountPoint(dir)) execFileSync('mount', ['-t', 'tmpfs', '-o', 'mode=0777', 'tmpfs', dir]);
      } else if (v.configMap) {
        const data = await this.sources.configMap(namespace, v.configMap.name);
        if (!data && !v.configMap.optional) throw new VolumeError(v.name, `configmap "${v.configMap.name}" not found`);
        writeFiles(dir, pick(data ?? {}, v.configMap.items, v.configMap.defaultMode ?? 0o644, v.name, `configMap ${v.configMap.name}`));
      } else if (v.secret) {
        const data = await this.sources.secret(namespace, v.secret.secretName);
        if (!data && !v.secret.optional) throw new VolumeError(v.name, `secret "${v.secret.secretName}" not found`);
        writeFiles(dir, pick(data ?? {}, v.secret.items, v.secret.defaultMode ?? 0o644, v.name, `secret ${v.secret.secretName}`));
      } else if (v.downwardAPI) {
        const d = v.downwardAPI as { items?: { path: string; fieldRef?: { fieldPath: string }; mode?: number }[]; defaultMode?: number };
        writeFiles(dir, downwardFiles(pod, d.items ?? [], d.defaultMode ?? 0o644));
      } else if (v.projected) {
        writeFiles(dir, await this.projectedFiles(pod, v));
      } else {
        throw new VolumeError(v.name, `volume type is not supported on this node`);
      }
      paths.set(v.name, dir);
    }
    return paths;
  }

  private async projectedFiles(pod: Pod, v: Volume): Promise<{ path: string; content: string; mode: number }[]> {
    const namespace = pod.metadata.namespace ?? 'default';
    const projected = v.projected as {
      defaultMode?: number;
      sources?: {
        configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
        secret?: { name: string; items?: KeyToPath[]; optional?: boolean };
        downwardAPI?: { items?: { path: string; fieldRef?: { fieldPath: string }; mode?: number }[] };
      }[];
    };
    const mode = projected.defaultMode ?? 0o644;
    const files: { path: string; content: string; mode: number }[] = [];
    for (const source of projected.sources ?? []) {
      if (source.configMap) {
        const data = await this.sources.configMap(namespace, source.configMap.name);
        if (!data && !source.configMap.optional) throw new VolumeError(v.name, `configmap "${source.configMap.name}" not found`);
        files.push(...pick(data ?? {}, source.configMap.items, mode, v.name, `configMap ${source.configMap.name}`));
      } else if (source.secret) {
        const data = await this.sources.secret(namespace, source.secret.name);
        if (!data && !source.secret.optional) throw new VolumeError(v.name, `secret "${source.secret.name}" not found`);
        files.push(...pick(data ?? {}, source.secret.items, mode, v.name, `secret ${source.secret.name}`));
      } else if (source.downwardAPI) {
        files.push(...downwardFiles(pod, source.downwardAPI.items ?? [], mode));
      }
    }
    return files;
  }

  /** Unmounts tmpfs volumes and removes everything the pod had on the node. */
  tearDown(uid: string): void {
    unmountBelow(this.podDir(uid));
    fs.rmSync(this.podDir(uid), { recursive: true, force: true });
  }
}

function isMountPoint(dir: string): boolean {
  return fs.readFileSync('/proc/self/mounts', 'utf8').split('\n').some((line) => line.split(' ')[1] === dir);
}

/** Unmounts whatever is mounted below `dir` (memory-backed emptyDirs), deepest first. */
export function unmountBelow(dir: string): void {
  const mounts = fs
    .readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) execFileSync('umount', [m]);
}
