import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../cli-test-fixtures';

describe('compress --coupled', () => {
  it('passes the coupled-group timing to compress, which names a wrong one', async () => {
    const argv = ['compress', 'demo:mnist-resnet', '--coupled', 'last', '--out', '/nonexistent'];
    const r = await runCliCaptured(argv);
    expect([r.code, r.stderr]).toEqual([
      1,
      'error [INVALID_ARGUMENT]: Unknown coupled-group timing "last": choose after-upstream or first-member.\n',
    ]);
  });
});
