import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sizeLabel } from '../../src/core/report/size-vs-input';
import { sizeTestSpec, uint8ModelFiles } from '../../test-support/fixtures/quantized-input-model';
import { writeModelDir } from '../../src/node/model-files';
import { runCliCaptured } from '../cli-test-fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-quantize-sizes-'));
const modelDir = path.join(root, 'uint8-model');
let inputBytes = 0;

function dirBytes(dir: string, names: string[]): number {
  return names.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
}

beforeAll(async () => {
  const files = uint8ModelFiles(await sizeTestSpec());
  writeModelDir(modelDir, files);
  inputBytes = Object.values(files).reduce((n, b) => n + b.length, 0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function quantize(format: string[], out: string) {
  const r = await runCliCaptured(['quantize', modelDir, '--wbits', '4', ...format, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return {
    stdout: r.stdout,
    report: JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')),
  };
}

describe('quantize: sizes against an already-uint8 input', () => {
  it('report.json gives the input bytes, its dtype and the ratio against it', async () => {
    const { report } = await quantize(['--format', 'stock'], path.join(root, 'stock'));
    expect(report.bytes.input.fileBytes).toBe(inputBytes);
    expect(report.bytes.input.storedDtype).toBe('uint8');
    expect(report.bytes.input.paramsByDtype).toEqual({ uint8: 56_394 });
    expect(report.bytes.vsInput.stock).toBeCloseTo(inputBytes / report.bytes.stock.fileBytes, 12);
    expect(report.bytes.vsInput.stock).toBeLessThan(1);
    expect(report.bytes.vsInput.packed).toBeGreaterThan(1.5);
  });

  it('--format stock at 4 bits says "larger" with both numbers', async () => {
    const out = path.join(root, 'stock4');
    const { stdout, report } = await quantize(['--format', 'stock'], out);
    const stockBytes = dirBytes(out, ['model.json', 'weights.bin']);
    expect(report.bytes.stock.fileBytes).toBe(stockBytes);
    expect(stockBytes).toBeGreaterThan(inputBytes);
    const both = `larger than your input: ${sizeLabel(stockBytes)} vs your ${sizeLabel(inputBytes)}`;
    expect(stdout).toContain(`written: stock, ${sizeLabel(stockBytes)} (${stockBytes} B), ${both}`);
    expect(stdout).toContain(
      `warning: The stock format stores 4-bit codes in whole bytes: ${sizeLabel(stockBytes)} vs your ${sizeLabel(inputBytes)}; the packed format is ${sizeLabel(report.bytes.packed.fileBytes)} but needs the lab to load.`,
    );
    expect(report.notes[0]).toBe(
      `The stock format stores 4-bit codes in whole bytes: ${sizeLabel(stockBytes)} vs your ${sizeLabel(inputBytes)}; the packed format is ${sizeLabel(report.bytes.packed.fileBytes)} but needs the lab to load.`,
    );
  });

  it('--format packed writes a file smaller than the input and prints its ratio against it', async () => {
    const out = path.join(root, 'packed4');
    const { stdout } = await quantize(['--format', 'packed'], out);
    const packedBytes = dirBytes(out, ['model.packed.json', 'weights.packed.bin']);
    expect(packedBytes).toBeLessThan(inputBytes * 0.66);
    const ratio = (inputBytes / packedBytes).toFixed(2);
    expect(stdout).toContain(
      `written: packed, ${sizeLabel(packedBytes)} (${packedBytes} B), ${ratio}× smaller than your ${sizeLabel(inputBytes)}`,
    );
  });

  it('without --format it writes the smaller file (packed here) and says why', async () => {
    const out = path.join(root, 'auto');
    const { stdout } = await quantize([], out);
    expect(readdirSync(out).sort()).toEqual([
      'model.packed.json',
      'model.zip',
      'report.json',
      'report.md',
      'weights.packed.bin',
    ]);
    expect(stdout).toContain('written: packed (chosen as the smaller file; --format picks one)');
  });
});
