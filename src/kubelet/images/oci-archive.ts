// Writes an image as an OCI image-layout tarball that `ctr images import`
// takes (what k3s's auto-import folder holds): one gzip layer made from a
// root filesystem directory, the image config, a manifest, and an index
// naming the image (io.containerd.image.name) once per name.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import * as tar from 'tar';

export interface ImageConfig {
  Entrypoint?: string[];
  Cmd?: string[];
  Env?: string[];
  WorkingDir?: string;
  ExposedPorts?: Record<string, object>;
  StopSignal?: string;
}

export interface ImageSpec {
  /** Full references: docker.io/library/busybox:latest */
  names: string[];
  rootfs: string;
  config: ImageConfig;
}

const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Writes a blob into the layout, named by its digest; returns its descriptor. */
function writeBlob(layout: string, mediaType: string, content: Buffer): { mediaType: string; digest: string; size: number } {
  const hex = createHash('sha256').update(content).digest('hex');
  fs.writeFileSync(path.join(layout, 'blobs', 'sha256', hex), content);
  return { mediaType, digest: `sha256:${hex}`, size: content.length };
}

export async function writeOciArchive(spec: ImageSpec, outFile: string, workDir: string): Promise<void> {
  const layout = path.join(workDir, 'layout');
  fs.mkdirSync(path.join(layout, 'blobs', 'sha256'), { recursive: true });

  // The layer: the root filesystem as a tar (its digest is the diff_id), then gzipped (its digest names the blob).
  const layerTar = path.join(workDir, 'layer.tar');
  // Only files, directories and links: device nodes and FIFOs (a debootstrap root has some) would be read as endless data.
  const plain = (_: string, entry: fs.Stats | tar.ReadEntry) => !('isFile' in entry) || entry.isFile() || entry.isDirectory() || entry.isSymbolicLink();
  await tar.c({ cwd: spec.rootfs, file: layerTar, portable: true, filter: plain }, fs.readdirSync(spec.rootfs));
  const diffId = await sha256File(layerTar);
  const layerGz = path.join(workDir, 'layer.tar.gz');
  await pipeline(fs.createReadStream(layerTar), zlib.createGzip(), fs.createWriteStream(layerGz));
  const layerHex = await sha256File(layerGz);
  fs.renameSync(layerGz, path.join(layout, 'blobs', 'sha256', layerHex));
  fs.rmSync(layerTar);
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${layerHex}`, size: fs.statSync(path.join(layout, 'blobs', 'sha256', layerHex)).size };

  const config = writeBlob(
    layout,
    'application/vnd.oci.image.config.v1+json',
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: spec.config, rootfs: { type: 'layers', diff_ids: [`sha256:${diffId}`] } })),
  );
  const manifest = writeBlob(layout, MANIFEST, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST, config, layers: [layer] })));
  const index = {
    schemaVersion: 2,
    manifests: spec.names.map((name) => ({
      ...manifest,
      annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': name.slice(name.lastIndexOf(':') + 1) },
    })),
  };
  fs.writeFileSync(path.join(layout, 'index.json'), JSON.stringify(index));
  fs.writeFileSync(path.join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  await tar.c({ cwd: layout, file: partial, portable: true }, ['oci-layout', 'index.json', 'blobs']);
  fs.renameSync(partial, outFile);
}
