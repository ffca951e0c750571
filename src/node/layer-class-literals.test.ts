import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownClassNames } from '../core/layers/registry';

/**
 * Issue 16's "one home per layer class": outside src/core/layers, no non-test source spells a
 * Keras class name as a string literal; code that needs one imports KERAS_CLASS from the
 * registry. Each exception below is the same word meaning something else.
 */
const ROOT = join(__dirname, '..', '..');
const SCANNED = ['src', 'cli'];
const HOME = 'src/core/layers/';

const NOT_A_CLASS: Record<string, string[]> = {
  // tfjs kernel names (run through the engine), not Keras layers.
  'src/core/wasm-kernels/wasm-scratch.ts': ['Conv2D', 'Reshape'],
  // ONNX operator names (the node types the ONNX writer emits), not Keras layers.
  'src/core/formats/onnx/onnx-export.ts': ['BatchNormalization', 'Softmax', 'Flatten', 'Add'],
  // The presenter's step about the dense (unpruned) model.
  'src/ui/presenter/story-steps.ts': ['Dense'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Drops block and line comments (a class named in prose is fine). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function classLiterals(text: string, names: readonly string[]): string[] {
  const body = code(text);
  return names.filter((name) => new RegExp(`(['"\`])${name}\\1`).test(body));
}

describe('Keras class names live in src/core/layers', () => {
  it('finds a class literal in a line of code and ignores it in a comment', () => {
    const text = "// 'Dense' in prose\nif (c === 'Conv2D') return;\n/* \"ReLU\" */";
    expect(classLiterals(text, ['Dense', 'Conv2D', 'ReLU'])).toEqual(['Conv2D']);
  });

  it('no non-test file outside src/core/layers spells one', () => {
    const names = knownClassNames();
    expect(names.length).toBeGreaterThanOrEqual(29);
    const files = SCANNED.flatMap(sourceFiles).filter((f) => !f.startsWith(HOME));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((file) => {
      const allowed = NOT_A_CLASS[relative(ROOT, join(ROOT, file))] ?? [];
      const found = classLiterals(readFileSync(join(ROOT, file), 'utf8'), names);
      return found.filter((n) => !allowed.includes(n)).map((n) => `${file}: '${n}'`);
    });
    expect(offenders).toEqual([]);
  });
});
