import type { Rng } from '../../random';
import { jsonNameOf, pick, randomInt, shardNamesOf, type FileSet } from './json-tree';

/**
 * Mutations of the files as bytes: what a broken download, a wrong drop or a hostile file
 * does before any JSON is parsed. Each returns a new file set and never edits its input.
 */
export interface Mutation {
  name: string;
  apply(files: FileSet, rng: Rng): FileSet;
}

function anyFile(files: FileSet, rng: Rng): string | undefined {
  const names = Object.keys(files);
  return names.length === 0 ? undefined : pick(rng, names);
}

function mapShard(files: FileSet, rng: Rng, edit: (bytes: Uint8Array) => Uint8Array): FileSet {
  const shards = shardNamesOf(files);
  if (shards.length === 0) return files;
  const name = pick(rng, shards);
  return { ...files, [name]: edit(files[name]) };
}

function flipBytes(bytes: Uint8Array, rng: Rng, count: number): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i < count && out.length > 0; i++)
    out[randomInt(rng, 0, out.length - 1)] ^= 1 << randomInt(rng, 0, 7);
  return out;
}

/** Inserts `insert` at a random position of the model JSON's text. */
function spliceJson(files: FileSet, rng: Rng, insert: number[]): FileSet {
  const name = jsonNameOf(files);
  if (name === undefined) return files;
  const bytes = files[name];
  const at = randomInt(rng, 0, bytes.length);
  const out = new Uint8Array(bytes.length + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at), at + insert.length);
  return { ...files, [name]: out };
}

export const BYTE_MUTATIONS: readonly Mutation[] = [
  {
    name: 'truncate-shard',
    apply: (f, r) => mapShard(f, r, (b) => b.slice(0, randomInt(r, 0, Math.max(0, b.length - 1)))),
  },
  {
    name: 'extend-shard',
    apply: (f, r) =>
      mapShard(f, r, (b) => {
        const out = new Uint8Array(b.length + randomInt(r, 1, 64));
        out.set(b);
        return out;
      }),
  },
  {
    name: 'flip-shard-bytes',
    apply: (f, r) => mapShard(f, r, (b) => flipBytes(b, r, randomInt(r, 1, 16))),
  },
  {
    name: 'flip-json-bytes',
    apply: (f, r) => {
      const name = jsonNameOf(f);
      return name === undefined ? f : { ...f, [name]: flipBytes(f[name], r, randomInt(r, 1, 4)) };
    },
  },
  {
    name: 'truncate-json',
    apply: (f, r) => {
      const name = jsonNameOf(f);
      return name === undefined
        ? f
        : { ...f, [name]: f[name].slice(0, randomInt(r, 0, f[name].length - 1)) };
    },
  },
  {
    name: 'drop-file',
    apply: (f, r) => {
      const name = anyFile(f, r);
      if (name === undefined) return f;
      const { [name]: _dropped, ...rest } = f;
      return rest;
    },
  },
  {
    name: 'rename-file',
    apply: (f, r) => {
      const name = anyFile(f, r);
      if (name === undefined) return f;
      const { [name]: bytes, ...rest } = f;
      const to = pick(r, [
        'weights',
        'group1-shard1of1.bin',
        'x/model.json',
        'model.JSON',
        'other.json',
        '../model.json',
        'a\\b.bin',
      ]);
      return { ...rest, [to]: bytes };
    },
  },
  {
    name: 'empty-file',
    apply: (f, r) => {
      const name = anyFile(f, r);
      return name === undefined ? f : { ...f, [name]: new Uint8Array(0) };
    },
  },
  // Invalid UTF-8 (a lone continuation byte, an overlong form, 0xFF) inside the JSON text.
  {
    name: 'non-utf8-json',
    apply: (f, r) =>
      spliceJson(f, r, pick(r, [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80]])),
  },
  {
    name: 'bom-and-nul',
    apply: (f, r) => spliceJson(f, r, pick(r, [[0xef, 0xbb, 0xbf], [0x00], [0x20, 0x0a]])),
  },
  {
    name: 'extra-files',
    apply: (f, r) => ({
      ...f,
      'notes.json': new TextEncoder().encode(
        pick(r, ['{}', '[]', '{"weightsManifest": []}', '{"modelTopology": 1}', 'null']),
      ),
      'random.bin': flipBytes(new Uint8Array(randomInt(r, 0, 32)), r, 8),
    }),
  },
  {
    name: 'json-as-text',
    apply: (f, r) => {
      const name = jsonNameOf(f) ?? 'model.json';
      const text = pick(r, [
        '',
        ' ',
        'null',
        '0',
        '"model"',
        '[]',
        '[[]]',
        '{}',
        '{"format":"graph-model"}',
        '[{"paths":["a"],"weights":[]}]',
      ]);
      return { ...f, [name]: new TextEncoder().encode(text) };
    },
  },
];
