import { useEffect, useRef } from 'react';
import type { ClassSamples } from '../../protocol/page-core';

/** One grayscale sample per class, drawn pixel for pixel and scaled up by CSS. */
function SampleCanvas({ samples, index }: { samples: ClassSamples; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const size = samples.height * samples.width;
    const image = context.createImageData(samples.width, samples.height);
    for (let p = 0; p < size; p++) {
      const value = samples.pixels[index * size + p];
      image.data.set([value, value, value, 255], p * 4);
    }
    context.putImageData(image, 0, 0);
  }, [samples, index]);
  return <canvas ref={ref} width={samples.width} height={samples.height} aria-hidden="true" />;
}

export function SampleStrip({
  samples,
  classNames,
}: {
  samples: ClassSamples;
  classNames: string[];
}) {
  return (
    <ul className="sample-strip" data-testid="data-samples" aria-label="One test image per class">
      {samples.labels.map((label, i) => (
        <li key={label}>
          <SampleCanvas samples={samples} index={i} />
          <span>{classNames[label] ?? label}</span>
        </li>
      ))}
    </ul>
  );
}
