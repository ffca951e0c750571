// Makes sure a Chromium exists for the e2e tests: CHROMIUM_PATH, else /usr/bin/chromium,
// else installs Debian's `chromium` with apt-get when running as root, else says how and fails.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

let found = findChromium();
if (!found && typeof process.getuid === 'function' && process.getuid() === 0) {
  console.error("Chromium not found: installing Debian's chromium with apt-get…");
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium']);
  found = findChromium();
}
if (!found) {
  console.error(
    'No Chromium found. Install one with:\n  sudo apt-get install -y chromium\nor set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}
console.error(`Chromium: ${found}`);
