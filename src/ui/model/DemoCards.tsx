import { useEffect, useState } from 'react';
import { DEMOS, type DemoInfo } from '../../protocol/page-core';
import { loadDemo } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import { formatBytes, formatCount, formatMetric } from '../format';

interface DemoCard {
  metric?: { name: 'accuracy' | 'psnr'; value: number; n: number };
  params?: number;
  weightsBytes?: number;
}

/** card.json (written by scripts/train-demos.ts) plus the weight file's size. */
async function fetchCard(name: string): Promise<DemoCard> {
  const base = `${import.meta.env.BASE_URL}models/${name}/`;
  const [card, head] = await Promise.all([
    fetch(`${base}card.json`).then((r) => (r.ok ? (r.json() as Promise<DemoCard>) : {})),
    fetch(`${base}weights.bin`, { method: 'HEAD' }).catch(() => null),
  ]);
  const length = Number(head?.headers.get('content-length'));
  return { ...card, weightsBytes: Number.isFinite(length) && length > 0 ? length : undefined };
}

function CardFigures({ card }: { card: DemoCard | undefined }) {
  if (!card) return <span className="muted">loading card…</span>;
  return (
    <dl className="figures">
      <dt>{card.metric?.name === 'psnr' ? 'PSNR' : 'accuracy'}</dt>
      <dd>{card.metric ? formatMetric(card.metric.name, card.metric.value) : '—'}</dd>
      <dt>params</dt>
      <dd>{formatCount(card.params ?? null)}</dd>
      <dt>size</dt>
      <dd>{formatBytes(card.weightsBytes ?? null)}</dd>
    </dl>
  );
}

export function DemoCards() {
  const [cards, setCards] = useState<Record<string, DemoCard>>({});
  const loading = useLabStore((s) => s.modelLoading);
  const loadedOrigin = useLabStore((s) => s.model?.origin);
  const engineReady = useLabStore((s) => s.engineStatus === 'ready');

  useEffect(() => {
    for (const demo of DEMOS) {
      fetchCard(demo.name)
        .then((card) => setCards((c) => ({ ...c, [demo.name]: card })))
        .catch(() => setCards((c) => ({ ...c, [demo.name]: {} })));
    }
  }, []);

  const pick = (demo: DemoInfo) => void loadDemo(demo.name);
  return (
    <ul className="demo-cards" aria-label="Demo models">
      {DEMOS.map((demo) => (
        <li
          key={demo.name}
          className={`demo-card${loadedOrigin === `demo ${demo.name}` ? ' selected' : ''}`}
        >
          <h3>{demo.title}</h3>
          <p className="muted">{demo.description}</p>
          <CardFigures card={cards[demo.name]} />
          <button
            type="button"
            data-testid={`demo-${demo.name}`}
            disabled={!engineReady || loading !== null}
            onClick={() => pick(demo)}
          >
            Load {demo.title}
          </button>
        </li>
      ))}
    </ul>
  );
}
