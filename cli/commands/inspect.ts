import type { CliCommand } from '../command';
import { inspectModel, type ModelInspection } from '../../src/core/graph/inspect-model';
import { loadModelArg } from '../args';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatInspection(modelPath: string, info: ModelInspection): string {
  const layerRows = [
    ['layer', 'class', 'out channels', 'params'],
    ...info.layers.map((l) => [
      l.name,
      l.className,
      String(l.outChannels ?? '?'),
      String(l.params),
    ]),
  ];
  const groupRows = [
    ['group', 'channels', 'prunable', 'measured at', 'members / reason'],
    ...info.groups.map((g) => [
      g.id,
      String(g.channels),
      g.prunable ? 'yes' : 'no',
      g.measurementLayer,
      g.prunable ? g.members.join(', ') : (g.reason ?? ''),
    ]),
  ];
  return [
    `${modelPath}: ${info.format}, input [${info.inputShape.join(', ')}] → output [${info.outputShape?.join(', ') ?? '?'}]`,
    `params ${info.params}, weight bytes ${info.weightBytes}`,
    '',
    table(layerRows),
    '',
    table(groupRows),
    ...info.unsupported.map((u) => `unsupported: ${u.reason}`),
    ...info.warnings.map((w) => `warning: ${w}`),
    ...info.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: "Show a model's layers, sizes and prunable channel groups.",
  usage: 'inspect <model.json|dir|demo:name> [--json]',
  async run(ctx) {
    const { spec, modelPath } = loadModelArg(ctx.args.positionals[0]);
    const info = inspectModel(spec);
    return { result: info, human: formatInspection(modelPath, info) };
  },
};
