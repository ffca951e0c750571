import type { Schedule, StepPlan } from './schedules';

/**
 * The per-group timeline the UI draws: one event each time a group changes phase.
 * A group is 'measuring' inside its window, 'masked' when its mask is in force outside a
 * window (stepwise between refreshes), 'frozen' once its mask can no longer change.
 */
export type GroupPhase = 'dense' | 'measuring' | 'masked' | 'frozen';

export interface GroupTraceEvent {
  groupId: string;
  phase: Exclude<GroupPhase, 'dense'>;
  step: number;
}

export function groupPhaseAt(plan: StepPlan, groupId: string): GroupPhase {
  if (plan.frozen.includes(groupId)) return 'frozen';
  if (plan.measuring.includes(groupId)) return 'measuring';
  if (plan.masked.includes(groupId)) return 'masked';
  return 'dense';
}

/** Tracks phases step by step and returns the transitions of this step. */
export class ScheduleTracer {
  private readonly phases = new Map<string, GroupPhase>();

  constructor(private readonly groupIds: readonly string[]) {}

  advance(plan: StepPlan): GroupTraceEvent[] {
    const events: GroupTraceEvent[] = [];
    for (const groupId of this.groupIds) {
      const phase = groupPhaseAt(plan, groupId);
      if (phase !== (this.phases.get(groupId) ?? 'dense') && phase !== 'dense') {
        events.push({ groupId, phase, step: plan.step });
      }
      this.phases.set(groupId, phase);
    }
    return events;
  }
}

/** Every transition of a whole schedule (steps 0 … totalSteps), without running it. */
export function traceSchedule(schedule: Schedule): GroupTraceEvent[] {
  const tracer = new ScheduleTracer(schedule.config.groupIds);
  const events: GroupTraceEvent[] = [];
  for (let step = 0; step <= schedule.totalSteps; step++)
    events.push(...tracer.advance(schedule.at(step)));
  return events;
}
