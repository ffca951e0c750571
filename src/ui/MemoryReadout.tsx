import { useEffect } from 'react';
import { refreshMemory } from '../store/lab-actions';
import { useLabStore } from '../store/store';
import { formatBytes } from './format';

const POLL_MS = 2000;

/** tf.memory() of the worker, polled: tensors alive and their bytes. */
export function MemoryReadout() {
  const memory = useLabStore((s) => s.memory);
  const ready = useLabStore((s) => s.engineStatus === 'ready');
  useEffect(() => {
    if (!ready) return;
    void refreshMemory();
    const timer = setInterval(() => void refreshMemory(), POLL_MS);
    return () => clearInterval(timer);
  }, [ready]);
  if (!memory) return null;
  return (
    <span className="badge" data-testid="memory-readout" title="Tensors held by the engine worker">
      {memory.numTensors} tensors · {formatBytes(memory.numBytes)}
    </span>
  );
}
