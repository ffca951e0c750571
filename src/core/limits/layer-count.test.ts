import { describe, expect, it } from 'vitest';
import { checkLayerCount, checkRawLayerCount, MAX_LAYERS } from './layer-count';

const layers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `l${i}`, config: {} }));

describe('layer-count limit', () => {
  it('counts a bare Keras 2.0 list, functional layers and nested models', () => {
    expect(() =>
      checkRawLayerCount({ class_name: 'Sequential', config: layers(MAX_LAYERS) }, 'm.json'),
    ).not.toThrow();
    expect(() =>
      checkRawLayerCount({ class_name: 'Sequential', config: layers(MAX_LAYERS + 1) }, 'm.json'),
    ).toThrow(
      'The model in "m.json" has 2001 layers; the lab refuses models with more than 2000 layers.',
    );
    const nested = {
      model_config: {
        class_name: 'Model',
        config: {
          layers: [
            ...layers(1000),
            { name: 'inner', class_name: 'Sequential', config: { layers: layers(1001) } },
          ],
        },
      },
    };
    expect(() => checkRawLayerCount(nested, 'n.json')).toThrow(
      /^The model in "n.json" has 2002 layers;/,
    );
  });

  it('refuses a parsed list over the limit', () => {
    expect(() => checkLayerCount(MAX_LAYERS, 'm.json')).not.toThrow();
    expect(() => checkLayerCount(2500, 'm.json')).toThrow(
      'The model in "m.json" has 2500 layers; the lab refuses models with more than 2000 layers.',
    );
  });
});
