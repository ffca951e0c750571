import path from 'node:path';
import { LabError } from '../src/core/errors';
import { inputSizes, type InputSizes } from '../src/core/footprint/input-bytes';
import { parseModelFiles } from '../src/core/model/load-files';
import type { ModelSpec } from '../src/core/model/spec';
import { choiceList, inRange, matchChoice, rangeText } from '../src/core/settings/bounds';
import { SETTINGS, type SettingKey } from '../src/core/settings/schema';
import type { ChoiceSetting, SettingSpec } from '../src/core/settings/types';
import { resolveModelRef, type ModelRef } from '../src/node/demo-models';
import { isOnnxPath, readOnnxModel } from '../src/node/onnx/onnx-file';
import { readModelDir } from '../src/node/model-files';
import type { ParsedArgs } from './command';

/**
 * Everything a command reads from its argv: `--flag value` options, numbers, and the model
 * argument. The model argument has one resolver (src/node/demo-models.ts `resolveModelRef`) and
 * one message when it is missing, for every command.
 */

export const MISSING_MODEL = 'Give a model: a model.json, its folder, or demo:<name>.';

/** Positionals plus `--flag value`, `--flag=value` and bare `--flag` (true). */
export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      options[arg.slice(2)] = argv[++i];
    } else {
      options[arg.slice(2)] = true;
    }
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  if (v === true) throw new LabError('INVALID_ARGUMENT', `--${name} needs a value.`);
  return typeof v === 'string' ? v : undefined;
}

export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new LabError('INVALID_ARGUMENT', `--${name} needs a number, got "${v}".`);
  return n;
}

/** The model argument resolved (`demo:<name>` → its shipped model.json), or MISSING_MODEL. */
export function modelRefArg(arg: string | undefined): ModelRef {
  if (!arg) throw new LabError('INVALID_ARGUMENT', MISSING_MODEL);
  return resolveModelRef(arg);
}

export interface LoadedModelArg {
  spec: ModelSpec;
  modelPath: string;
  /** The demo's own data set, for `demo:<name>`. */
  dataId?: string;
  /** Sizes of the files the model was read from. */
  input: InputSizes;
}

/** Reads and parses the model the argument names (a model.json, its folder, or demo:<name>). */
export function loadModelArg(arg: string | undefined): LoadedModelArg {
  const { modelPath, demo } = modelRefArg(arg);
  if (isOnnxPath(modelPath)) {
    const onnx = readOnnxModel(modelPath);
    return { spec: onnx.spec, modelPath, input: inputSizes(onnx.files, onnx.spec) };
  }
  const files = readModelDir(modelPath);
  const jsonPath = modelPath.toLowerCase().endsWith('.json') ? path.basename(modelPath) : undefined;
  const spec = parseModelFiles(files, jsonPath ? { jsonPath } : {});
  return {
    spec,
    modelPath,
    ...(demo ? { dataId: demo.dataId } : {}),
    input: inputSizes(files, spec),
  };
}

/**
 * The schema settings `keys` as their CLI flags give them (absent flags are left out, so core's
 * defaults apply). A word setting must be one of its choices; a number must lie in its range.
 * Bit widths are passed as numbers: core checks which widths it supports.
 */
export function settingsFromArgs(
  args: ParsedArgs,
  keys: readonly SettingKey[],
): Partial<Record<SettingKey, string | number>> {
  const out: Partial<Record<SettingKey, string | number>> = {};
  for (const key of keys) {
    const spec: SettingSpec = SETTINGS[key];
    const flag = spec.cliFlag;
    if (flag === null || args.options[flag] === undefined) continue;
    if (spec.kind === 'choice' && typeof spec.default === 'string') {
      const raw = stringOption(args, flag) as string;
      const value = matchChoice(spec as ChoiceSetting, raw, { lab: false });
      if (value === undefined)
        throw new LabError(
          'INVALID_ARGUMENT',
          `Unknown --${flag} "${raw}": choose ${choiceList(spec.choices.map((c) => c.value))}.`,
        );
      out[key] = value;
      continue;
    }
    const n = numberOption(args, flag) as number;
    const range = spec.kind === 'number' ? (spec.cliRange ?? spec.range) : undefined;
    if (range && !inRange(range, n))
      throw new LabError('INVALID_ARGUMENT', `--${flag} must be ${rangeText(range)}, got ${n}.`);
    out[key] = n;
  }
  return out;
}

/** "[--method layerwise|oneshot|…] [--stats-steps I] …": the flags of `keys`, for usage lines. */
export function settingsUsage(keys: readonly SettingKey[]): string {
  return keys
    .map((key) => {
      const spec: SettingSpec = SETTINGS[key];
      const value =
        spec.kind === 'choice'
          ? spec.choices.map((c) => c.value).join('|')
          : ((spec.symbol?.length === 1 ? spec.symbol : null) ?? (spec.range.integer ? 'N' : 'X'));
      return `[--${spec.cliFlag} ${value}]`;
    })
    .join(' ');
}
