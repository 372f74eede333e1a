/** Store-ready zip of an unpacked extension folder (no external zip tool needed in CI). */
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {zipSync, type Zippable} from 'fflate';

function collect(root: string, dir: string, into: Zippable): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(root, path, into);
    else into[relative(root, path).split('\\').join('/')] = readFileSync(path);
  }
}

export function zipDir(dir: string, zipPath: string): void {
  const files: Zippable = {};
  collect(dir, dir, files);
  // Fixed mtime: the same sources give byte-identical zips, which stores and reviewers can diff.
  writeFileSync(zipPath, zipSync(files, {level: 9, mtime: new Date('2020-01-01T00:00:00Z')}));
}
