import { describe, expect, it } from 'vitest';
import { keepCount, planFromScores, planSparsity, topKChannels } from './pruning-plan';
import { groupRandomScores as randomScores } from '../prune/criteria/random';
import {
  groupWeightL1Scores as weightL1Scores,
  meanAbsAlongAxis,
} from '../prune/criteria/weight-l1';
import type { ChannelGraph } from './types';
import type { ModelSpec } from '../model/spec';

const graph: ChannelGraph = {
  units: [
    {
      id: 'a',
      producer: 'a',
      producerClass: 'Conv2D',
      followers: [],
      measurementLayer: 'a',
      channels: 5,
      groupId: 'a',
    },
    {
      id: 'b',
      producer: 'b',
      producerClass: 'Dense',
      followers: [],
      measurementLayer: 'b',
      channels: 2,
      groupId: 'b',
    },
  ],
  groups: [
    { id: 'a', units: ['a'], channels: 5, prunable: true },
    {
      id: 'b',
      units: ['b'],
      channels: 2,
      prunable: false,
      reason: 'Unit "b" reaches the model output "b".',
    },
  ],
};

describe('planFromScores', () => {
  it('keeps exact top-k with ties to the lower index, ascending', () => {
    const scores = { a: Float32Array.from([1, 3, 3, 2, 3]), b: Float32Array.from([1, 2]) };
    expect(planFromScores(graph, scores, 0.4)).toEqual({ a: [1, 2, 4] });
    expect(planFromScores(graph, scores, 0.6)).toEqual({ a: [1, 2] });
    expect(planFromScores(graph, scores, 0)).toEqual({ a: [0, 1, 2, 3, 4] });
    expect(planFromScores(graph, scores, 1)).toEqual({ a: [1] });
    expect(planFromScores(graph, scores, {})).toEqual({});
    expect(planFromScores(graph, { a: Float32Array.from([0, 0, 0, 0, 0]) }, { a: 0.5 })).toEqual({
      a: [0, 1, 2],
    });
  });

  it('computes k = max(1, round((1 − s)·C)) and ranks NaN lowest', () => {
    expect([keepCount(5, 0.5), keepCount(8, 0.5), keepCount(10, 0.75), keepCount(3, 0.99)]).toEqual(
      [3, 4, 3, 1],
    );
    expect(topKChannels([NaN, 0.5, -1], 2)).toEqual([1, 2]);
    expect(planSparsity(graph, { a: [1, 2] })).toBeCloseTo(0.6, 12);
  });

  it('refuses a sparsity outside [0, 1] and scores of the wrong length', () => {
    expect(() => planFromScores(graph, { a: new Float32Array(5) }, 1.5)).toThrow(
      'Sparsity for group "a" is 1.5; it must lie between 0 and 1.',
    );
    expect(() => planFromScores(graph, { a: new Float32Array(4) }, 0.5)).toThrow(
      'Scores for group "a" must have 5 entries.',
    );
  });
});

describe('static importance', () => {
  it('weight L1 is the mean |W| per output channel, combined over a coupled group', () => {
    const kernel = { shape: [1, 2, 1, 2], data: Float32Array.from([1, -2, 3, 4]) };
    expect(Array.from(meanAbsAlongAxis(kernel, 3))).toEqual([2, 3]);
    const spec = {
      layers: [
        { name: 'p', className: 'Conv2D', config: {}, inbound: [], weights: ['p/kernel'] },
        { name: 'q', className: 'Dense', config: {}, inbound: [], weights: ['q/kernel'] },
      ],
      weights: {
        'p/kernel': kernel,
        'q/kernel': { shape: [3, 2], data: Float32Array.from([1, 0, 1, 0, 1, 6]) },
      },
    } as unknown as ModelSpec;
    const coupled: ChannelGraph = {
      units: [
        {
          id: 'p',
          producer: 'p',
          producerClass: 'Conv2D',
          followers: [],
          measurementLayer: 'p',
          channels: 2,
          groupId: 'p',
        },
        {
          id: 'q',
          producer: 'q',
          producerClass: 'Dense',
          followers: [],
          measurementLayer: 'q',
          channels: 2,
          groupId: 'p',
        },
      ],
      groups: [{ id: 'p', units: ['p', 'q'], channels: 2, prunable: true }],
    };
    expect(Array.from(weightL1Scores(spec, coupled, ['p'], 'sum').p)).toEqual([2 + 1, 3 + 2]);
    // Default: each member over its mean, [2, 3]/2.5 + [1, 2]/1.5.
    const normalized = Array.from(weightL1Scores(spec, coupled).p);
    expect(normalized[0]).toBeCloseTo(0.8 + 2 / 3, 6);
    expect(normalized[1]).toBeCloseTo(1.2 + 4 / 3, 6);
  });

  it('random scores repeat for a seed and differ across seeds', () => {
    expect(Array.from(randomScores(graph, 4).a)).toEqual(Array.from(randomScores(graph, 4).a));
    expect(Array.from(randomScores(graph, 4).a)).not.toEqual(Array.from(randomScores(graph, 5).a));
    expect(randomScores(graph, 4).b.length).toBe(2);
  });
});
