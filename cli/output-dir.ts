import fs from 'node:fs';
import path from 'node:path';
import { LabError } from '../src/core/errors';
import type { ParsedArgs } from './command';
import { modelRefArg } from './args';

/** Folders that hold devices and kernel views, never model files: writing there hangs or harms. */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

export interface OutDirCheck {
  /** The folders (or files) the command reads; the output may not be one of them, inside or around them. */
  inputs: string[];
  /** `--force`: an existing, non-empty output folder may be written into. */
  force: boolean;
}

/** The path with symbolic links of its existing part resolved (the rest appended as written). */
function realPathOf(p: string): string {
  const abs = path.resolve(p);
  let existing = abs;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The folder an input argument reads from: the folder itself, or a file's folder. */
function inputFolder(input: string): string {
  const real = realPathOf(input);
  return fs.existsSync(real) && fs.statSync(real).isFile() ? path.dirname(real) : real;
}

function checkAgainstInput(out: string, outReal: string, input: string): void {
  const folder = inputFolder(input);
  if (outReal === folder) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--out "${out}" is the input folder "${input}"; choose another folder so the input stays untouched.`,
    );
  }
  if (isInside(outReal, folder)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--out "${out}" lies inside the input folder "${input}"; choose a folder outside it.`,
    );
  }
  if (isInside(folder, outReal)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--out "${out}" holds the input "${input}"; choose a folder outside it.`,
    );
  }
}

function checkExisting(out: string, outReal: string, force: boolean): void {
  const stat = fs.statSync(outReal);
  if (!stat.isDirectory()) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--out "${out}" is an existing file, not a folder; give a folder to write the model into.`,
    );
  }
  if (!force && fs.readdirSync(outReal).length > 0) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--out "${out}" already exists and is not empty; add --force to write into it.`,
    );
  }
}

function checkCreatable(out: string, outReal: string): void {
  let ancestor = path.dirname(outReal);
  while (!fs.existsSync(ancestor)) ancestor = path.dirname(ancestor);
  const writable = (() => {
    try {
      fs.accessSync(ancestor, fs.constants.W_OK);
      return fs.statSync(ancestor).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!writable) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--out "${out}" cannot be created: "${ancestor}" is not a writable folder.`,
    );
  }
}

/**
 * Checks `--out` before any work: not a system folder, not an input folder (nor inside or
 * around one), not an existing file, not an existing non-empty folder without --force, and
 * creatable. Returns the resolved output path.
 */
export function checkOutDir(out: string, check: OutDirCheck): string {
  const outReal = realPathOf(out);
  const system = SYSTEM_ROOTS.find((root) => outReal === root || isInside(outReal, root));
  if (system) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `--out "${out}" is under ${system}, a system folder; choose a folder on disk.`,
    );
  }
  for (const input of check.inputs) checkAgainstInput(out, outReal, input);
  if (fs.existsSync(outReal)) checkExisting(out, outReal, check.force);
  else checkCreatable(out, outReal);
  return outReal;
}

/**
 * Writes the files into a temporary folder beside `outDir`, then renames each into place, so a
 * run that fails while writing leaves no half-written output. Names must be plain file names.
 */
export function writeOutputDir(outDir: string, files: Record<string, Uint8Array>): void {
  for (const name of Object.keys(files)) {
    if (name !== path.basename(name) || name === '..' || name === '.' || name === '') {
      throw new LabError(
        'INVALID_ARGUMENT',
        `Cannot write model file "${name}": it must be a plain file name.`,
      );
    }
  }
  const parent = path.dirname(path.resolve(outDir));
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(outDir)}.tmp-`));
  try {
    for (const [name, bytes] of Object.entries(files))
      fs.writeFileSync(path.join(tmp, name), bytes);
    fs.mkdirSync(outDir, { recursive: true });
    for (const name of Object.keys(files)) {
      fs.renameSync(path.join(tmp, name), path.join(outDir, name));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** What a command reads: the model argument (a demo resolved to its folder) and a --data folder. */
function commandInputs(args: ParsedArgs): string[] {
  const inputs: string[] = [];
  const model = args.positionals[0];
  if (model) inputs.push(modelRefArg(model).modelPath);
  const data = args.options.data;
  if (typeof data === 'string' && data !== 'mnist' && data !== 'mnist-noisy') inputs.push(data);
  return inputs;
}

/**
 * `--out` (or `fallback` when absent) checked against the command's inputs before any work;
 * undefined when there is neither.
 */
export function checkedOutDir(args: ParsedArgs, fallback?: string): string | undefined {
  const given = args.options.out;
  if (typeof given === 'boolean') throw new LabError('INVALID_ARGUMENT', '--out needs a value.');
  const out = given ?? fallback;
  if (out === undefined) return undefined;
  checkOutDir(out, { inputs: commandInputs(args), force: args.options.force === true });
  return out;
}
