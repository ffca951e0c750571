import type { BackendReport } from '../src/core/backend';

/** Parsed argv: positionals plus `--flag value` / `--flag` (true) options. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean>;
}

export interface CliContext {
  args: ParsedArgs;
  json: boolean;
  /** Initialised backend (from --backend, default auto). */
  backend: BackendReport;
  /** Human-readable progress goes to stderr so that --json stdout stays one object. */
  progress: (line: string) => void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the JSON-able result; the runner prints it (JSON with --json, else `human`). */
  run(ctx: CliContext): Promise<{ result: unknown; human: string }>;
}
