import { BackendBadge } from './BackendBadge';
import { MemoryReadout } from './MemoryReadout';

export function Header() {
  return (
    <header className="header">
      <h1 className="title">Pruning Lab</h1>
      <p className="subtitle">Layerwise channel pruning + quantization, in your browser</p>
      <BackendBadge />
      <MemoryReadout />
    </header>
  );
}
