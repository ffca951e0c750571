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

  it('refuses tfjs in the page, even as a type: the page imports through src/protocol', async () => {
    const whitelist =
      'src/ui and src/store import only src/protocol, src/store, src/ui and react, react-dom, zustand, recharts, vitest.';
    const runtime = await messagesFor(
      "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n",
      'src/ui/fence-probe.ts',
    );
    expect(runtime).toEqual([
      `lab/page-imports: '@tensorflow/tfjs' is outside the page's whitelist: ${whitelist}`,
    ]);
    const typeOnly = await messagesFor(
      "import type { Tensor } from '@tensorflow/tfjs';\nexport type T = Tensor;\n",
      'src/store/fence-probe.ts',
    );
    expect(typeOnly).toEqual([
      `lab/page-imports: '@tensorflow/tfjs' is outside the page's whitelist: ${whitelist}`,
    ]);
  });

  it('refuses core, worker and node modules in the page, even tfjs-free ones', async () => {
    const probe = [
      "import { sizeLabel } from '../../core/report/size-vs-input';",
      "import type { RunOutcome } from '../../worker/run-handlers';",
      "export { modelFiles } from '../../node/model-files';",
      'export const x = [sizeLabel, {} as RunOutcome];',
    ].join('\n');
    const messages = await messagesFor(probe, 'src/ui/results/fence-probe.ts');
    expect(messages.map((m) => m.split("'")[1])).toEqual([
      '../../core/report/size-vs-input',
      '../../worker/run-handlers',
      '../../node/model-files',
    ]);
  });

  it('allows src/protocol, src/store, src/ui and the named packages in the page', async () => {
    const probe = [
      "import { useState } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import { sizeLabel } from '../../protocol/page-core';",
      "import { useLabStore } from '../../store/store';",
      "import { formatBytes } from '../format';",
      'export const x = [useState, createRoot, sizeLabel, useLabStore, formatBytes];',
    ].join('\n');
    expect(await messagesFor(probe, 'src/ui/results/fence-probe.ts')).toEqual([]);
  });
});
