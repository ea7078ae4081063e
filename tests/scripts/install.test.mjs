// Tests of the install steps in scripts/lib.sh with stubbed package tools: what they run on a
// root machine (CI, containers: no sudo) and on a user's, without installing anything.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs `ensure_apt` of scripts/lib.sh for `pairs` (command:package) with stub `apt-get`,
 * `sudo` and `id` first on PATH (`id -u` prints `uid`); returns the stubs' log, one call a
 * line (`sudo …` for a call through sudo, DEBIAN_FRONTEND as apt-get saw it).
 */
async function ensureApt(uid, pairs) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'descent-apt-'));
  const log = path.join(dir, 'log');
  const stub = async (name, body) => {
    await fs.writeFile(path.join(dir, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  };
  await stub('apt-get', `echo "apt-get $* (DEBIAN_FRONTEND=\${DEBIAN_FRONTEND:-unset})" >> "${log}"`);
  await stub('sudo', `echo "sudo" >> "${log}"; exec "$@"`);
  await stub('id', `[ "$1" = "-u" ] && echo ${uid} || /usr/bin/id "$@"`);
  try {
    execFileSync('bash', ['-c', `source scripts/lib.sh && PATH="${dir}:$PATH" && ensure_apt ${pairs.join(' ')}`], {
      cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    return (await fs.readFile(log, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

test('as root, the missing packages are installed with apt-get directly, non-interactively', async () => {
  const calls = await ensureApt(0, ['descent-no-such-cmd:pkg-a', 'bash:bash', 'descent-no-such-cmd-2:pkg-b']);
  assert.deepEqual(calls, [
    'apt-get update -qq (DEBIAN_FRONTEND=noninteractive)',
    'apt-get install -y -qq pkg-a pkg-b (DEBIAN_FRONTEND=noninteractive)',
  ]);
});

test('as a user, apt-get runs through sudo', async () => {
  const calls = await ensureApt(1000, ['descent-no-such-cmd:pkg-a']);
  assert.deepEqual(calls, [
    'sudo',
    'apt-get update -qq (DEBIAN_FRONTEND=noninteractive)',
    'sudo',
    'apt-get install -y -qq pkg-a (DEBIAN_FRONTEND=noninteractive)',
  ]);
});

test('nothing is installed when every command is there', async () => {
  assert.deepEqual(await ensureApt(0, ['bash:bash', 'node:nodejs']), []);
});
