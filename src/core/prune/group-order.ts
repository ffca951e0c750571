import type { ChannelGraph } from '../graph/types';
import type { MemberCombine } from './importance';

/**
 * When the layerwise schedule visits a coupled (residual) group, and how it combines its members.
 *
 * A residual stream couples units far apart: on mnist-resnet `stem` and `block1_conv2` share
 * channels, with `block1_conv1` between them. The method's premise is that a unit is measured
 * after everything upstream of it is pruned, so:
 * - 'after-upstream' (default): the group takes the topological position of its LAST member,
 *   so every member is measured after all units upstream of it are pruned and frozen (here
 *   `block1_conv1` first, then the stream). Its members' scores are mean-normalised before they
 *   are summed ('normalized', importance.ts). The price: units inside a block that read an early
 *   member (`block1_conv1` reads `stem`) are measured with the stream still dense — a group and a
 *   unit upstream of some member and downstream of another cannot both be measured last.
 * - 'first-member': the old behaviour — the group at its first member's position, members summed
 *   as they are. Kept so bench:quality can compare the two.
 */
export type CoupledGroupTiming = 'after-upstream' | 'first-member';

export const COUPLED_GROUP_TIMINGS: readonly CoupledGroupTiming[] = [
  'after-upstream',
  'first-member',
];

/** The member combination that goes with a timing. */
export function memberCombineFor(timing: CoupledGroupTiming): MemberCombine {
  return timing === 'after-upstream' ? 'normalized' : 'sum';
}

/**
 * `groupIds` in the order the layerwise schedule visits them. The graph's units are in
 * topological order; a group's position is that of its first member ('first-member') or of its
 * last ('after-upstream'). Ties keep the given order.
 */
export function orderGroupsForSchedule(
  graph: ChannelGraph,
  groupIds: readonly string[],
  timing: CoupledGroupTiming,
): string[] {
  const position = new Map<string, number>();
  graph.units.forEach((unit, index) => {
    const seen = position.get(unit.groupId);
    const first = seen === undefined ? index : Math.min(seen, index);
    position.set(unit.groupId, timing === 'first-member' ? first : Math.max(seen ?? index, index));
  });
  const rank = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  return groupIds
    .map((id, i) => ({ id, i }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.i - b.i)
    .map((x) => x.id);
}
