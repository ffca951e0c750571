import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, importSpecifiers } from './import-cycles';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('import cycle finder', () => {
  it('reads import, import type, side-effect import and export-from specifiers', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import './c';",
      "export { d } from './d/index';",
      "export * from './e';",
      "import * as tf from '@tensorflow/tfjs';",
      "// import { z } from './commented';",
      'const s = "import x from \'./not-a-statement\'".length;',
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a', '../b', './c', './d/index', './e']);
  });

  it('finds a three-file cycle and names its files in order', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cycles-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './sub/b';\nexport const a = 1;\n");
    writeFileSync(path.join(dir, 'sub', 'b.ts'), "export { c as b } from '../c';\n");
    writeFileSync(path.join(dir, 'c.ts'), "import type { a } from './a';\nexport const c = 2;\n");
    writeFileSync(path.join(dir, 'd.ts'), "import { a } from './a';\n");
    const cycles = findCycles(importGraph([dir])).map((c) => c.map((f) => path.relative(dir, f)));
    expect(cycles).toEqual([['a.ts', path.join('sub', 'b.ts'), 'c.ts', 'a.ts']]);
  });
});

describe('the project', () => {
  it('has no import cycle among src/ and cli/ files', () => {
    const graph = importGraph([path.join(ROOT, 'src'), path.join(ROOT, 'cli')]);
    expect(graph.size).toBeGreaterThan(100);
    const cycles = findCycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
