import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFilesFromArtifacts, specToArtifacts } from '../src/core/model/write-artifacts';
import { smallCnnSpec } from '../test-support/pipeline/pipeline-test-models';
import { writeModelDir } from '../src/node/model-files';
import { runCliCaptured, writeQuadrantImages } from './cli-test-fixtures';
import { checkOutDir, writeOutputDir } from './output-dir';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-out-'));
const modelDir = path.join(root, 'model');
const dataDir = path.join(root, 'images');

/** Every file under `dir` → its sha256, to prove the input is untouched byte for byte. */
function hashTree(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, entry);
    if (fs.statSync(p).isFile())
      hashes[entry] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return hashes;
}

beforeAll(async () => {
  writeModelDir(modelDir, modelFilesFromArtifacts(specToArtifacts(await smallCnnSpec())));
  writeQuadrantImages(dataDir, 2);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// A compress that would fail on its data (no such folder) if it got that far: the --out error
// arriving instead proves --out is checked before the model or data are read.
const compressArgs = (out: string) => [
  'compress',
  modelDir,
  '--data',
  path.join(root, 'no-such-data'),
  '--out',
  out,
];

describe('--out is checked before any work and never touches the input', () => {
  const cases: [string, () => string, (out: string) => string][] = [
    [
      'the input folder',
      () => modelDir,
      (o) =>
        `--out "${o}" is the input folder "${modelDir}"; choose another folder so the input stays untouched.`,
    ],
    [
      'a folder inside the input',
      () => path.join(modelDir, 'sub'),
      (o) => `--out "${o}" lies inside the input folder "${modelDir}"; choose a folder outside it.`,
    ],
    [
      'a folder around the input',
      () => root,
      (o) => `--out "${o}" holds the input "${modelDir}"; choose a folder outside it.`,
    ],
    [
      'an existing file',
      () => {
        const f = path.join(root, 'a-file.txt');
        fs.writeFileSync(f, 'keep me');
        return f;
      },
      (o) =>
        `--out "${o}" is an existing file, not a folder; give a folder to write the model into.`,
    ],
    [
      'a path under /proc',
      () => '/proc/self/pruned',
      (o) => `--out "${o}" is under /proc, a system folder; choose a folder on disk.`,
    ],
  ];
  for (const [what, makeOut, message] of cases) {
    it(`refuses ${what}`, async () => {
      const out = makeOut();
      const before = hashTree(modelDir);
      const r = await runCliCaptured([...compressArgs(out), '--force']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error [INVALID_ARGUMENT]: ${message(out)}\n`);
      expect(hashTree(modelDir)).toEqual(before);
      expect(Object.keys(before).sort()).toEqual(['model.json', 'weights.bin']);
    });
  }

  it('refuses the data folder as output', async () => {
    const r = await runCliCaptured(['compress', modelDir, '--data', dataDir, '--out', dataDir]);
    expect(r.stderr).toBe(
      `error [INVALID_ARGUMENT]: --out "${dataDir}" is the input folder "${dataDir}"; choose another folder so the input stays untouched.\n`,
    );
  });

  it('refuses an existing non-empty folder without --force, and prune writes into it with --force', async () => {
    const out = path.join(root, 'existing');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const args = ['prune', modelDir, '--sparsity', '0.5', '--out', out];
    const refused = await runCliCaptured(args);
    expect(refused.stderr).toBe(
      `error [INVALID_ARGUMENT]: --out "${out}" already exists and is not empty; add --force to write into it.\n`,
    );
    const forced = await runCliCaptured([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'model.json',
      'notes.txt',
      'report.json',
      'weights.bin',
    ]);
    expect(fs.readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('refuses a folder that cannot be created', () => {
    const blocker = path.join(root, 'blocker');
    fs.writeFileSync(blocker, '');
    const out = path.join(blocker, 'deeper', 'out');
    expect(() => checkOutDir(out, { inputs: [], force: false })).toThrow(
      `--out "${out}" cannot be created: "${blocker}" is not a writable folder.`,
    );
  });
});

describe('writeOutputDir', () => {
  it('refuses a name that is not a plain file name before writing anything, and leaves no temporary folder', () => {
    const out = path.join(root, 'atomic');
    const bad = { 'ok.bin': new Uint8Array([1, 2]), '../escape.bin': new Uint8Array([3]) };
    expect(() => writeOutputDir(out, bad)).toThrow(
      'Cannot write model file "../escape.bin": it must be a plain file name.',
    );
    expect(fs.existsSync(out)).toBe(false);
    writeOutputDir(out, { 'a.bin': new Uint8Array([7, 8, 9]) });
    expect([...fs.readFileSync(path.join(out, 'a.bin'))]).toEqual([7, 8, 9]);
    expect(fs.readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
