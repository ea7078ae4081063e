// What the build's post-build steps share: the files of a built site, and esbuild.

import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Every file under `dir` (dot-folders skipped), as absolute paths. */
export async function walk(dir) {
  const out = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) out.push(...await walk(p));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** esbuild from tests/node_modules (scripts/lib.sh installs it), or null when it is missing. */
export function loadEsbuild() {
  const tests = path.join(path.dirname(fileURLToPath(import.meta.url)), '../tests/package.json');
  try {
    return createRequire(tests)('esbuild');
  } catch {
    return null;
  }
}
