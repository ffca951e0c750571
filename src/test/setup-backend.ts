import { initNodeBackend } from '../node/node-backend';
import type { BackendPreference } from '../core/backend';

// Core tests run on wasm (with the lab's gradient kernels) unless TEST_BACKEND says otherwise;
// a test that needs exact reference numbers switches to 'cpu' itself.
await initNodeBackend((process.env.TEST_BACKEND as BackendPreference | undefined) ?? 'wasm');
