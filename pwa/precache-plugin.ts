import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * Emits sw.js with the precache list of this build inlined: every emitted bundle file
 * (JS, CSS, wasm) plus every file under public/ (demo models, MNIST asset, manifest),
 * and the app shell. The list's hash names the cache, so each build replaces the last.
 */
const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sw-template.js');
const SKIP = new Set(['sw.js']);

function publicFiles(dir: string, prefix = ''): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(publicFiles(full, `${prefix}${name}/`));
    else if (!SKIP.has(name) && !name.startsWith('.')) out.push(`${prefix}${name}`);
  }
  return out;
}

export function precachePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'pruning-lab-precache',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const base = config.base;
      const fromBundle = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const fromPublic = config.publicDir ? publicFiles(config.publicDir) : [];
      const urls = [base, ...new Set([...fromBundle, ...fromPublic])]
        .map((f) => (f === base ? f : `${base}${f}`))
        .sort();
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(TEMPLATE, 'utf8')
        .replace('__VERSION__', version)
        .replace('/* __PRECACHE__ */ []', JSON.stringify(urls, null, 2));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
