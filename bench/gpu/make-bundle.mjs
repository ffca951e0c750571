#!/usr/bin/env node
/**
 * `node bench/gpu/make-bundle.mjs [libvulkan.so.1]`: packs bench/gpu/gpu-bench.ts for a GPU machine
 * that has Node but no network, no Chromium and no node_modules, into bench/out/gpu/:
 *   gpu-bench.mjs              the bench with tfjs, the lab's engine and npm webgpu's loader (esbuild)
 *   dist/linux-x64/dawn.node   Dawn's Node binding (where the bundled loader looks for it)
 *   wasm/*.wasm                tfjs-backend-wasm binaries (the wasm side of the comparison)
 *   lib/libvulkan.so.1         the Vulkan loader, if one is given or found here (for machines without it)
 *   run.sh                     sets the paths and runs the bench; arguments are passed on
 * and refuses to finish if the folder is over 64 MiB.
 */
import { build } from 'esbuild';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'bench', 'out', 'gpu');
const LIMIT_BYTES = 64 * 1024 * 1024;

function systemVulkanLoader() {
  try {
    const lines = execFileSync('ldconfig', ['-p'], { encoding: 'utf8' }).split('\n');
    const hit = lines.find((l) => l.includes('libvulkan.so.1') && l.includes('x86-64'));
    return hit ? hit.split('=>')[1].trim() : null;
  } catch {
    return null;
  }
}

function folderBytes(dir) {
  return readdirSync(dir).reduce((sum, name) => {
    const full = path.join(dir, name);
    return sum + (statSync(full).isDirectory() ? folderBytes(full) : statSync(full).size);
  }, 0);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.join(OUT, 'dist', 'linux-x64'), { recursive: true });
mkdirSync(path.join(OUT, 'wasm'), { recursive: true });
await build({
  entryPoints: [path.join(ROOT, 'bench', 'gpu', 'gpu-bench.ts')],
  outfile: path.join(OUT, 'gpu-bench.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  logLevel: 'warning',
  // CommonJS parts of tfjs call require() and read __dirname; give the ES module output both
  // (__dirname as a global property: webgpu's loader declares its own at module level).
  banner: {
    js: [
      "import { createRequire as __cr } from 'node:module';",
      'const require = __cr(import.meta.url);',
      "globalThis.__dirname ??= new URL('.', import.meta.url).pathname;",
    ].join(' '),
  },
});
const nm = path.join(ROOT, 'node_modules');
copyFileSync(
  path.join(nm, 'webgpu', 'dist', 'linux-x64', 'dawn.node'),
  path.join(OUT, 'dist', 'linux-x64', 'dawn.node'),
);
const wasmDir = path.join(nm, '@tensorflow', 'tfjs-backend-wasm', 'dist');
for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')))
  copyFileSync(path.join(wasmDir, f), path.join(OUT, 'wasm', f));
const loader = process.argv[2] ?? systemVulkanLoader();
if (loader) {
  mkdirSync(path.join(OUT, 'lib'));
  copyFileSync(loader, path.join(OUT, 'lib', 'libvulkan.so.1'));
}
writeFileSync(
  path.join(OUT, 'run.sh'),
  `#!/bin/sh
# Runs the WebGPU-vs-wasm bench; the machine's own Vulkan loader wins over the carried one.
here=$(cd "$(dirname "$0")" && pwd)
if ! ldconfig -p 2>/dev/null | grep -q libvulkan.so.1; then export LD_LIBRARY_PATH="$here/lib:$LD_LIBRARY_PATH"; fi
PRUNING_LAB_WASM_DIR="$here/wasm/" exec node "$here/gpu-bench.mjs" "$@"
`,
);
chmodSync(path.join(OUT, 'run.sh'), 0o755);
const bytes = folderBytes(OUT);
console.log(
  `${OUT}: ${(bytes / 2 ** 20).toFixed(1)} MiB${loader ? `, Vulkan loader from ${loader}` : ', no Vulkan loader carried (none found here; pass a path)'}`,
);
if (bytes > LIMIT_BYTES) {
  console.error(
    `The GPU bundle is ${(bytes / 2 ** 20).toFixed(1)} MiB, over the 64 MiB a device run carries.`,
  );
  process.exitCode = 1;
}
