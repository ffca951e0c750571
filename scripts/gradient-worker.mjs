// Worker-thread entry for scripts/gradient-worker.ts: worker threads do not inherit tsx's
// loader from `tsx` on the command line, so the worker registers it before importing.
import { register } from 'tsx/esm/api';

register();
await import('./gradient-worker.ts');
