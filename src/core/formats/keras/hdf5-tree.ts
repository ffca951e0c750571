import { Dataset, File, Group } from 'jsfive';
import { LabError } from '../../errors';
import type { WeightTensor } from '../../model/spec';

/**
 * A thin, checked view of an HDF5 file read with jsfive (pure JS, so it runs in the worker and
 * in Node alike). jsfive throws plain strings and returns null for dangling links; here every
 * failure becomes one LabError naming the file and the path.
 */
export class Hdf5Tree {
  private constructor(
    private readonly root: Group,
    readonly fileName: string,
  ) {}

  static open(bytes: Uint8Array, fileName: string): Hdf5Tree {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    try {
      return new Hdf5Tree(new File(buffer as ArrayBuffer, fileName), fileName);
    } catch {
      throw corruptHdf5(fileName);
    }
  }

  /** The group at `path`, or undefined when there is none. */
  group(path: string): Group | undefined {
    const node = this.node(path);
    return node instanceof Group ? node : undefined;
  }

  /** The names inside the group at `path` ([] when there is no such group). */
  keys(path: string): string[] {
    return this.group(path)?.keys ?? [];
  }

  /** A string attribute of the group at `path` (fixed-length strings lose their trailing NULs). */
  stringAttr(path: string, name: string): string | undefined {
    const attrs = this.attrsOf(path);
    const value = attrs && Object.hasOwn(attrs, name) ? attrs[name] : undefined;
    return typeof value === 'string' ? stripNuls(value) : undefined;
  }

  /** A string-list attribute, e.g. a legacy .h5 layer group's `weight_names`. */
  stringListAttr(path: string, name: string): string[] | undefined {
    const attrs = this.attrsOf(path);
    const value = attrs && Object.hasOwn(attrs, name) ? attrs[name] : undefined;
    if (typeof value === 'string') return [stripNuls(value)];
    if (!Array.isArray(value)) return undefined;
    return value.map((v) => stripNuls(String(v)));
  }

  /** A float dataset as a float32 weight; refuses anything that is not a numeric array. */
  weight(path: string): WeightTensor {
    const node = this.node(path);
    if (!(node instanceof Dataset)) {
      throw new LabError('WEIGHTS_MISSING', `Weight "${path}" is missing from "${this.fileName}".`);
    }
    try {
      const value = node.value;
      const shape = [...node.shape];
      const size = shape.reduce((a, b) => a * b, 1);
      if (!isNumberArray(value) || value.length !== size) throw new Error('not numeric');
      return { shape, data: Float32Array.from(value) };
    } catch {
      throw corruptHdf5(this.fileName, path);
    }
  }

  private attrsOf(path: string): Record<string, unknown> | undefined {
    const node = this.node(path);
    if (node === undefined) return undefined;
    try {
      return node.attrs;
    } catch {
      throw corruptHdf5(this.fileName, path);
    }
  }

  private node(path: string): Group | Dataset | undefined {
    if (path === '' || path === '/') return this.root;
    const parts = path.split('/').filter((p) => p !== '');
    let current: Group = this.root;
    for (const [i, part] of parts.entries()) {
      if (!current.keys.includes(part)) return undefined;
      let next: Group | Dataset | null;
      try {
        next = current.get(part);
      } catch {
        throw corruptHdf5(this.fileName, parts.slice(0, i + 1).join('/'));
      }
      if (next === null) return undefined;
      if (i === parts.length - 1) return next;
      if (!(next instanceof Group)) return undefined;
      current = next;
    }
    return current;
  }
}

export function corruptHdf5(fileName: string, path?: string): LabError {
  const where = path === undefined ? '' : ` at "${path}"`;
  return new LabError(
    'INVALID_MODEL',
    `"${fileName}" is not a readable HDF5 file${where}: it is truncated or corrupt.`,
  );
}

function stripNuls(text: string): string {
  return text.replace(/\0+$/, '');
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  if (ArrayBuffer.isView(value)) return true;
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}
