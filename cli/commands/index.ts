import type { CliCommand } from '../command';
import { backendCommand } from './backend';
import { inspectCommand } from './inspect';
import { pruneCommand } from './prune';
import { compressCommand } from './compress';
import { rankShiftCommand } from './rank-shift';
import { evalCommand } from './eval';
import { quantizeCommand } from './quantize';

/** Every CLI command; add new ones here (one import + one entry). */
export const COMMANDS: CliCommand[] = [
  backendCommand,
  inspectCommand,
  pruneCommand,
  compressCommand,
  rankShiftCommand,
  evalCommand,
  quantizeCommand,
];
