import { LabError } from '../errors';
import type { ManifestGroup } from './weights-manifest';

/**
 * Finds each group's shard files among the given files and joins them into the group's
 * byte stream. Files are matched by the basename of the manifest path only — never by
 * extension (shards are often named `group1-shard1of2` without `.bin`), and a path such as
 * `../x` or `https://host/x` can never reach anything but a given file called `x`.
 */
export function basenameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}

function dirnameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.slice(0, -1).join('/');
}

export class ShardLookup {
  private readonly byBasename = new Map<string, string[]>();

  constructor(
    private readonly files: Record<string, Uint8Array>,
    private readonly jsonPath: string,
  ) {
    for (const key of Object.keys(files)) {
      const base = basenameOf(key);
      this.byBasename.set(base, [...(this.byBasename.get(base) ?? []), key]);
    }
  }

  /** When two folders hold a file of that name, the one beside the JSON wins. */
  find(manifestPath: string): Uint8Array | undefined {
    const keys = this.byBasename.get(basenameOf(manifestPath));
    if (!keys) return undefined;
    const jsonDir = dirnameOf(this.jsonPath);
    const key = keys.find((k) => dirnameOf(k) === jsonDir) ?? keys[0];
    return this.files[key];
  }
}

/** Checks every group's shards exist and add up to the claimed size, before joining any. */
export function groupBytes(
  groups: ManifestGroup[],
  lookup: ShardLookup,
  jsonName: string,
): Uint8Array[] {
  const shardsPerGroup = groups.map((group) => findShards(group.paths, lookup, jsonName));
  groups.forEach((group, i) => checkGroupLength(group, shardsPerGroup[i], jsonName));
  return shardsPerGroup.map(concatenate);
}

/** The bytes of each listed shard, in order; a missing one names the file and the JSON. */
function findShards(paths: string[], lookup: ShardLookup, jsonName: string): Uint8Array[] {
  return paths.map((path) => {
    const bytes = lookup.find(path);
    if (!bytes) {
      throw new LabError(
        'SHARD_MISSING',
        `Weight file "${basenameOf(path)}" listed in "${jsonName}" was not provided; add it next to the JSON.`,
      );
    }
    return bytes;
  });
}

/** The listed shards joined into one buffer (no size check: see groupBytes for that). */
export function joinShards(paths: string[], lookup: ShardLookup, jsonName: string): Uint8Array {
  return concatenate(findShards(paths, lookup, jsonName));
}

function checkGroupLength(group: ManifestGroup, shards: Uint8Array[], jsonName: string): void {
  const actualBytes = shards.reduce((sum, s) => sum + s.byteLength, 0);
  if (actualBytes === group.sizeBytes) return;
  const names = group.paths.map(basenameOf).join('", "');
  throw new LabError(
    'BYTE_LENGTH_MISMATCH',
    `Weight group ${group.number} in "${jsonName}" needs ${group.sizeBytes} bytes for its weights, but its file${group.paths.length > 1 ? 's' : ''} "${names}" hold${group.paths.length > 1 ? '' : 's'} ${actualBytes} bytes.`,
  );
}

function concatenate(shards: Uint8Array[]): Uint8Array {
  if (shards.length === 1) return shards[0];
  const total = shards.reduce((sum, s) => sum + s.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const shard of shards) {
    joined.set(shard, offset);
    offset += shard.byteLength;
  }
  return joined;
}
