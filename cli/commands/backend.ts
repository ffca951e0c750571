import type { CliCommand } from '../command';

export const backendCommand: CliCommand = {
  name: 'backend',
  summary: 'Print which TensorFlow.js backend the CLI runs on and why others were skipped.',
  usage: 'backend [--backend auto|wasm|cpu|webgpu] [--json]',
  async run(ctx) {
    const r = ctx.backend;
    const skipped = Object.entries(r.reasonsForSkipped).map(([k, v]) => `  skipped ${k}: ${v}`);
    return { result: r, human: [`backend: ${r.backend}`, ...skipped].join('\n') };
  },
};
