/**
 * Keeps progress traffic to the page at most `maxPerSecond` messages, so a fast backend
 * cannot flood the main thread with re-renders. The last step of a run always passes, so
 * the page always sees the run finish.
 */
export interface ThrottledProgress {
  step: number;
  totalSteps: number;
}

export class ProgressThrottle {
  private lastSentMs = -Infinity;
  private readonly minGapMs: number;

  constructor(maxPerSecond = 10) {
    this.minGapMs = 1000 / maxPerSecond;
  }

  /** True when the event should be sent now. */
  offer(event: ThrottledProgress, nowMs: number): boolean {
    const isLast = event.step >= event.totalSteps;
    if (!isLast && nowMs - this.lastSentMs < this.minGapMs) return false;
    this.lastSentMs = nowMs;
    return true;
  }
}
