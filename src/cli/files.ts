/** File helpers for the CLI: image discovery and writes that never leave a half-written file. */
import {readdirSync, renameSync, statSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';

export const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|gif|avif|tiff?|heic)$/i;

/** Every image file under `dir`, recursively, in a stable order. */
export function listImages(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && IMAGE_EXTENSIONS.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export const isDirectory = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

export const relativeName = (root: string, p: string) => relative(root, p) || p;

/** Write to a temporary sibling, then rename: readers see the old file or the whole new one. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
