import type { CliCommand } from '../command';
import { backendCommand } from './backend';

/** Every CLI command; add new ones here (one import + one entry). */
export const COMMANDS: CliCommand[] = [backendCommand];
