import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The page loads src/protocol at runtime: follow its value imports (type-only ones are erased)
// through every module they reach and prove none of them imports tfjs.
const VALUE_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function resolveModule(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`Cannot resolve ${spec} from ${fromFile}.`);
}

/** Module → the packages it imports as values, over the whole graph reached from `roots`. */
function runtimeGraph(roots: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(VALUE_IMPORT)].map((m) => m[1]);
    seen.set(
      file,
      specs.filter((s) => !s.startsWith('.')),
    );
    for (const spec of specs) {
      const next = resolveModule(file, spec);
      if (next) queue.push(next);
    }
  }
  return seen;
}

describe('src/protocol is tfjs-free at runtime', () => {
  const folder = path.resolve('src/protocol');
  const roots = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(folder, f));

  it('reaches no module that imports tfjs (type imports excepted)', () => {
    const graph = runtimeGraph(roots);
    const offenders = [...graph]
      .filter(([, packages]) => packages.some((p) => p.startsWith('@tensorflow/')))
      .map(([file]) => path.relative(process.cwd(), file));
    expect(offenders).toEqual([]);
    // The re-exported core modules are part of the graph (the walk follows them).
    expect(graph.has(path.resolve('src/core/report/size-vs-input.ts'))).toBe(true);
  });

  it('would catch a runtime tfjs import behind a re-export', () => {
    const probe = "export { x } from './y';\nimport * as tf from '@tensorflow/tfjs';\n";
    expect([...probe.matchAll(VALUE_IMPORT)].map((m) => m[1])).toEqual(['./y', '@tensorflow/tfjs']);
    const typeOnly =
      "import type * as tf from '@tensorflow/tfjs';\nexport type { A } from './a';\n";
    expect([...typeOnly.matchAll(VALUE_IMPORT)].map((m) => m[1])).toEqual([]);
  });
});
