import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the import fences of eslint.config.js: linting fails when the layering is broken.
const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint fences', () => {
  it('refuses React in src/core', async () => {
    const messages = await messagesFor(
      "import { useState } from 'react';\nexport const x = useState;\n",
      'src/core/fence-probe.ts',
    );
    expect(messages).toContain(
      "no-restricted-imports: 'react' import is restricted from being used by a pattern. src/core is framework-free: no React, Zustand or Recharts.",
    );
  });

  it('refuses DOM globals in src/core', async () => {
    const messages = await messagesFor(
      'export const w = window.innerWidth;\n',
      'src/core/fence-probe.ts',
    );
    expect(messages).toContain(
      "no-restricted-globals: Unexpected use of 'window'. src/core has no DOM: pass what you need in.",
    );
  });

  it('refuses a runtime tfjs import in the UI but allows a type import', async () => {
    const runtime = await messagesFor(
      "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n",
      'src/ui/fence-probe.ts',
    );
    expect(runtime).toHaveLength(1);
    expect(runtime[0]).toContain(
      'The page never loads tfjs: import types only, talk to the worker.',
    );
    const typeOnly = await messagesFor(
      "import type { Tensor } from '@tensorflow/tfjs';\nexport type T = Tensor;\n",
      'src/ui/fence-probe.ts',
    );
    expect(typeOnly).toEqual([]);
  });
});
