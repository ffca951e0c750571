import { toErrorInfo, LabError } from '../src/core/errors';
import { parseBackendPreference } from '../src/core/backend';
import { initNodeBackend } from '../src/node/node-backend';
import { parseArgs } from './args';
import { COMMANDS } from './commands/index';

export { parseArgs };

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`);
  return ['Usage: prune-lab <command> [options]', '', 'Commands:', ...lines].join('\n');
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(name ? `Unknown command "${name}".\n${usage()}\n` : `${usage()}\n`);
    return name ? 2 : 0;
  }
  const args = parseArgs(rest);
  const json = args.options.json === true;
  try {
    const backendOpt = args.options.backend;
    if (backendOpt === true) throw new LabError('INVALID_ARGUMENT', '--backend needs a value.');
    const backend = await initNodeBackend(
      parseBackendPreference(typeof backendOpt === 'string' ? backendOpt : undefined),
    );
    const progress = (line: string) => process.stderr.write(line);
    const { result, human } = await command.run({ args, json, backend, progress });
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${human}\n`);
    return 0;
  } catch (e) {
    const info = toErrorInfo(e);
    if (json) process.stderr.write(`${JSON.stringify({ error: info })}\n`);
    else process.stderr.write(`error [${info.code}]: ${info.message}\n`);
    return 1;
  }
}
