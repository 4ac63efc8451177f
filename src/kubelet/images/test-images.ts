// The images this project builds for itself, since no registry is
// reachable here: busybox from Debian's busybox-static (every applet linked
// into /bin, like the official image), nginx shaped like the official image
// but from Debian (a debootstrap minbase root with Debian's nginx serving
// /usr/share/nginx/html on port 80, logs to stdout/stderr), and the pause
// image from a tiny static C program. Each is built once into a cache, keyed by what it is made of
// (package versions, source), so later runs only import the tarball.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOciArchive, type ImageSpec } from './oci-archive.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const IMAGE_CACHE = process.env.PEAPOD_IMAGE_CACHE ?? '/var/cache/peapod/images';
export const PAUSE_IMAGE = 'docker.io/peapod/pause:3.10';
export const BUSYBOX_IMAGES = ['docker.io/library/busybox:latest'];
const DEBIAN_MIRROR = process.env.PEAPOD_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

/** The official image's server block: the welcome page from /usr/share/nginx/html on port 80. */
const NGINX_SITE = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function packageVersion(pkg: string): string {
  return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();
}

const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

interface Recipe {
  name: string;
  /** What the image is made of: a change means a rebuild. */
  key(): string;
  /** Fills the root filesystem; returns the image's config and names. */
  fill(rootfs: string): Omit<ImageSpec, 'rootfs'>;
}

/** The few files every image's root wants: users, groups, a writable /tmp. */
function baseFiles(rootfs: string): void {
  for (const dir of ['bin', 'etc', 'root', 'home', 'var', 'dev', 'proc', 'sys']) fs.mkdirSync(path.join(rootfs, dir), { recursive: true });
  fs.mkdirSync(path.join(rootfs, 'tmp'), { mode: 0o1777 });
  fs.chmodSync(path.join(rootfs, 'tmp'), 0o1777);
  fs.writeFileSync(path.join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  fs.writeFileSync(path.join(rootfs, 'etc', 'group'), 'root:x:0:\nnobody:x:65534:\n');
}

const busybox: Recipe = {
  name: 'busybox',
  key: () => packageVersion('busybox-static'),
  fill(rootfs) {
    baseFiles(rootfs);
    fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin', 'busybox'));
    fs.chmodSync(path.join(rootfs, 'bin', 'busybox'), 0o755);
    const applets = execFileSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).split('\n').filter((a) => a && a !== 'busybox');
    for (const applet of applets) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
    return { names: BUSYBOX_IMAGES, config: { Cmd: ['sh'], Env: [PATH_ENV] } };
  },
};

const pause: Recipe = {
  name: 'pause',
  key: () => `${packageVersion('gcc')}-${short(fs.readFileSync(path.join(ROOT, 'images', 'pause', 'pause.c'), 'utf8'))}`,
  fill(rootfs) {
    execFileSync('gcc', ['-static', '-Os', '-s', '-o', path.join(rootfs, 'pause'), path.join(ROOT, 'images', 'pause', 'pause.c')]);
    return { names: [PAUSE_IMAGE], config: { Entrypoint: ['/pause'], Env: [PATH_ENV] } };
  },
};

/** The candidate version apt would install: the image is rebuilt when Debian updates the package. */
function candidateVersion(pkg: string): string {
  const policy = execFileSync('apt-cache', ['policy', pkg], { encoding: 'utf8' });
  return /Candidate:\s*(\S+)/.exec(policy)?.[1] ?? 'unknown';
}

/** nginx:latest, and nginx:MAJOR.MINOR of the Debian package (bookworm's is 1.22). */
function nginxNames(): string[] {
  const minor = /^(?:\d+:)?(\d+\.\d+)/.exec(candidateVersion('nginx'))?.[1];
  return ['docker.io/library/nginx:latest', ...(minor ? [`docker.io/library/nginx:${minor}`] : [])];
}

const NGINX_PACKAGES = ['nginx', 'curl'];

const nginx: Recipe = {
  name: 'nginx',
  key: () => `${NGINX_PACKAGES.map(candidateVersion).join('-')}-${short(NGINX_SITE)}`,
  fill(rootfs) {
    execFileSync('debootstrap', ['--variant=minbase', `--include=${NGINX_PACKAGES.join(',')}`, 'bookworm', rootfs, DEBIAN_MIRROR], { stdio: 'ignore' });
    // The runtime provides /dev; apt's caches, docs and translations only make the image bigger.
    for (const dir of ['dev', 'var/cache/apt', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/locale']) {
      fs.rmSync(path.join(rootfs, dir), { recursive: true, force: true });
      fs.mkdirSync(path.join(rootfs, dir), { recursive: true });
    }
    fs.rmSync(path.join(rootfs, 'etc/nginx/sites-enabled/default'), { force: true });
    fs.writeFileSync(path.join(rootfs, 'etc/nginx/conf.d/default.conf'), NGINX_SITE);
    // As the official image: the logs are the container's output.
    for (const [log, target] of [['access.log', '/dev/stdout'], ['error.log', '/dev/stderr']] as const) {
      fs.rmSync(path.join(rootfs, 'var/log/nginx', log), { force: true });
      fs.symlinkSync(target, path.join(rootfs, 'var/log/nginx', log));
    }
    return { names: nginxNames(), config: { Cmd: ['nginx', '-g', 'daemon off;'], Env: [PATH_ENV], ExposedPorts: { '80/tcp': {} }, StopSignal: 'SIGQUIT' } };
  },
};

export const RECIPES = [busybox, pause, nginx];

/**
 * The newest cached tarball of each image without working out the keys
 * (asking apt for package versions takes most of a second): what a node
 * imports at start. Undefined when one has never been built.
 */
export function cachedImages(): string[] | undefined {
  const files = fs.existsSync(IMAGE_CACHE) ? fs.readdirSync(IMAGE_CACHE).filter((f) => f.endsWith('.oci.tar')) : [];
  const newest = RECIPES.map((recipe) =>
    files
      .filter((f) => f.startsWith(`${recipe.name}-`))
      .map((f) => path.join(IMAGE_CACHE, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0],
  );
  return newest.every((f) => f) ? (newest as string[]) : undefined;
}

/** The cached tarball of each image, built first where missing. */
export async function ensureTestImages(log: (message: string) => void = () => {}): Promise<string[]> {
  fs.mkdirSync(IMAGE_CACHE, { recursive: true });
  const tarballs: string[] = [];
  for (const recipe of RECIPES) {
    const file = path.join(IMAGE_CACHE, `${recipe.name}-${short(recipe.key())}.oci.tar`);
    if (!fs.existsSync(file)) {
      log(`building the ${recipe.name} image`);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), `peapod-image-${recipe.name}-`));
      try {
        const rootfs = path.join(work, 'rootfs');
        fs.mkdirSync(rootfs);
        await writeOciArchive({ ...recipe.fill(rootfs), rootfs }, file, work);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    }
    tarballs.push(file);
  }
  return tarballs;
}
