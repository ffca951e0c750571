import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LabError } from '../core/errors';
import {
  tinyFiles,
  tinyKeras20Json,
  tinyValue,
  tinyWeightBytes,
  filesOf,
} from '../../test-support/model/fixture-models';
import { parseModelFiles } from '../core/model/load-files';
import { readModelDir, writeModelDir } from './model-files';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-files-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('readModelDir / writeModelDir', () => {
  it('writes a model folder and reads back only the JSON and its shards', () => {
    const dir = tempDir();
    writeModelDir(dir, { ...tinyFiles(), 'notes.txt': new Uint8Array([1, 2]) });
    expect(fs.readdirSync(dir).sort()).toEqual(['group1-shard1of1.bin', 'model.json', 'notes.txt']);
    const fromDir = readModelDir(dir);
    expect(Object.keys(fromDir).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const fromJson = readModelDir(path.join(dir, 'model.json'));
    expect(Object.keys(fromJson).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    expect(Array.from(parseModelFiles(fromJson).weights['d2/bias'].data)).toEqual([tinyValue(10)]);
  });

  it('reads a JSON of any name with shards without .bin, ignoring other JSON files', () => {
    const dir = tempDir();
    writeModelDir(dir, {
      ...filesOf(tinyKeras20Json(), { 'group1-shard1of1': tinyWeightBytes() }, 'keras.json'),
      'model.json': new Uint8Array([123]),
    });
    const files = readModelDir(path.join(dir, 'keras.json'));
    expect(Object.keys(files).sort()).toEqual(['group1-shard1of1', 'keras.json']);
    expect(parseModelFiles(files).layers.map((l) => l.name)).toEqual(['d1_input', 'd1', 'd2']);
  });

  it('refuses missing paths, folders without JSON and file names with folders', () => {
    const dir = tempDir();
    expect(() => readModelDir(path.join(dir, 'nope.json'))).toThrowError(
      `Model path "${path.join(dir, 'nope.json')}" does not exist.`,
    );
    expect(() => readModelDir(dir)).toThrowError(
      `Folder "${dir}" holds no .json file; a TensorFlow.js model needs its model.json.`,
    );
    const write = () => writeModelDir(dir, { '../escape.bin': new Uint8Array(1) });
    expect(write).toThrowError(LabError);
    expect(write).toThrowError(
      'Cannot write model file "../escape.bin": it must be a plain file name.',
    );
    expect(fs.existsSync(path.join(dir, '..', 'escape.bin'))).toBe(false);
  });
});
