import { describe, expect, it } from 'vitest';
import { ProgressThrottle } from './progress-throttle';

describe('ProgressThrottle', () => {
  it('passes at most 10 events per second from a 1 kHz stream', () => {
    const throttle = new ProgressThrottle(10);
    let sent = 0;
    for (let ms = 0; ms < 1000; ms++)
      if (throttle.offer({ step: ms, totalSteps: 5000 }, ms)) sent++;
    expect(sent).toBe(10);
  });

  it('always passes the last step', () => {
    const throttle = new ProgressThrottle(10);
    expect(throttle.offer({ step: 1, totalSteps: 3 }, 0)).toBe(true);
    expect(throttle.offer({ step: 2, totalSteps: 3 }, 5)).toBe(false);
    expect(throttle.offer({ step: 3, totalSteps: 3 }, 6)).toBe(true);
  });
});
