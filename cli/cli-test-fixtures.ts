import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { vi } from 'vitest';
import { runCli } from './run-cli';

/** Test fixture: 8×8 PNG folders class0..class3, class k = bright quadrant k (faint noise elsewhere). */
export function writeQuadrantImages(dataDir: string, perClass: number): void {
  for (let k = 0; k < 4; k++) {
    mkdirSync(path.join(dataDir, `class${k}`), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const png = new PNG({ width: 8, height: 8 });
      for (let p = 0; p < 64; p++) {
        const on = Math.floor(Math.floor(p / 8) / 4) * 2 + Math.floor((p % 8) / 4) === k;
        const v = on ? 200 : (i * 37 + p * 11) % 60;
        png.data.set([v, v, v, 255], p * 4);
      }
      writeFileSync(path.join(dataDir, `class${k}`, `${i}.png`), PNG.sync.write(png));
    }
  }
}

/** Runs the CLI in-process and captures what it writes to stdout and stderr. */
export async function runCliCaptured(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await runCli(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
