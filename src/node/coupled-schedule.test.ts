import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChannelGraph } from '../core/graph/channel-graph';
import type { ChannelGraph } from '../core/graph/types';
import { parseModelFiles } from '../core/model/load-files';
import type { ModelSpec } from '../core/model/spec';
import { compress } from '../core/pipeline/compress';
import { resolveCompressConfig, scheduledGroupIds } from '../core/pipeline/compress-config';
import type { CoupledGroupTiming } from '../core/prune/group-order';
import type { GroupTraceEvent } from '../core/prune/schedule-trace';
import { ancestorsOf } from '../core/rank-shift/sub-network';
import { DEMO_MODELS_DIR } from './demo-models';
import { loadMnistSource } from './mnist-node';
import { readModelDir } from './model-files';

function resnetSpec(): ModelSpec {
  return parseModelFiles(readModelDir(path.join(DEMO_MODELS_DIR, 'mnist-resnet', 'model.json')));
}

/**
 * Members of coupled groups that start measuring before some unit upstream of them (in another
 * group) is frozen, as "member ← upstream unit" — read from a schedule's trace events.
 */
function measuredBeforeUpstream(
  spec: ModelSpec,
  graph: ChannelGraph,
  trace: GroupTraceEvent[],
): string[] {
  const stepOf = (groupId: string, phase: string) =>
    trace.find((e) => e.groupId === groupId && e.phase === phase)?.step ?? Infinity;
  const violations: string[] = [];
  for (const group of graph.groups.filter((g) => g.units.length > 1 && g.prunable)) {
    for (const memberId of group.units) {
      const member = graph.units.find((u) => u.id === memberId)!;
      const upstream = ancestorsOf(spec, member.producer);
      for (const unit of graph.units) {
        const otherGroup = graph.groups.find((g) => g.id === unit.groupId)!;
        if (unit.groupId === group.id || !otherGroup.prunable) continue;
        if (!upstream.has(unit.measurementLayer)) continue;
        if (stepOf(unit.groupId, 'frozen') > stepOf(group.id, 'measuring'))
          violations.push(`${memberId} ← ${unit.id}`);
      }
    }
  }
  return violations;
}

async function traceOf(spec: ModelSpec, coupledGroups: CoupledGroupTiming) {
  const result = await compress({
    spec,
    source: loadMnistSource('mnist'),
    config: {
      coupledGroups,
      sparsity: 0.5,
      statsSteps: 2,
      refreshSteps: 1,
      finetuneSteps: 0,
      batchSize: 8,
      evalLimit: 16,
    },
  });
  return result.report.trace;
}

describe('coupled groups on the shipped mnist-resnet', () => {
  it('measures every member of a coupled group after all units upstream of it', async () => {
    const spec = resnetSpec();
    const graph = buildChannelGraph(spec);
    const coupled = graph.groups.filter((g) => g.units.length > 1).map((g) => g.units);
    expect(coupled).toEqual([
      ['stem', 'block1_conv2'],
      ['block2_conv2', 'block2_proj'],
    ]);
    const order = (coupledGroups: CoupledGroupTiming) =>
      scheduledGroupIds(graph, resolveCompressConfig({ coupledGroups }));
    expect(order('after-upstream')).toEqual([
      'block1_conv1',
      'stem',
      'block2_conv1',
      'block2_conv2',
      'fc1',
    ]);
    expect(order('first-member')).toEqual([
      'stem',
      'block1_conv1',
      'block2_conv1',
      'block2_conv2',
      'fc1',
    ]);
    expect(measuredBeforeUpstream(spec, graph, await traceOf(spec, 'after-upstream'))).toEqual([]);
    // The old timing measures block1_conv2 with block1_conv1 still dense.
    expect(measuredBeforeUpstream(spec, graph, await traceOf(spec, 'first-member'))).toEqual([
      'block1_conv2 ← block1_conv1',
    ]);
  });

  it('refuses an unknown timing', () => {
    expect(() => resolveCompressConfig({ coupledGroups: 'last' as CoupledGroupTiming })).toThrow(
      'Unknown coupled-group timing "last": choose after-upstream or first-member.',
    );
  });
});
