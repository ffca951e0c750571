import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ChannelGraph, PrunableUnit } from '../graph/types';
import {
  ActivationCollector,
  UnitActivationStats,
  batchChannelStatistic,
  combineMemberScores,
  meanNormalized,
} from './importance';
import { groupRandomScores } from './criteria/random';
import { meanAbsAlongAxis } from './criteria/weight-l1';

const unit = (id: string, channels: number, groupId = id): PrunableUnit => ({
  id,
  producer: id,
  producerClass: 'Conv2D',
  followers: [],
  measurementLayer: `${id}_relu`,
  channels,
  groupId,
});

describe('activation importance', () => {
  it('m_t = mean |x| (l1) or fraction non-zero (l0) per channel', () => {
    const x = tf.tensor4d([1, -2, 0, 4, 3, 0, -1, 0], [2, 1, 2, 2]); // channels: [1,0,3,-1] and [-2,4,0,0]
    expect(Array.from(batchChannelStatistic(x, 'l1').dataSync())).toEqual([1.25, 1.5]);
    expect(Array.from(batchChannelStatistic(x, 'l0').dataSync())).toEqual([0.75, 0.5]);
    const dense = tf.tensor2d([1, -3, 0, 5], [2, 2]);
    expect(Array.from(batchChannelStatistic(dense, 'l1').dataSync())).toEqual([0.5, 4]);
    tf.dispose([x, dense]);
  });

  it('keeps the cumulative mean M_t = (t·M_{t−1} + m_t)/(t+1), also when observed inside tidy', async () => {
    const stats = new UnitActivationStats(unit('c', 2), 'l1');
    const before = tf.memory().numTensors;
    // m_0 = [1, 2], m_1 = [3, 0], m_2 = [2, 4] → M_2 = [2, 2].
    for (const m of [
      [1, 2],
      [3, 0],
      [2, 4],
    ])
      tf.tidy(() => stats.observe(tf.tensor2d([m, m.map((v) => -v)])));
    expect(stats.steps).toBe(3);
    expect(Array.from(await stats.read())).toEqual([2, 2]);
    expect(tf.memory().numTensors).toBe(before + 1); // the running sum only
    stats.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('combines member scores over a coupled group and names a channel mismatch', async () => {
    const graph: ChannelGraph = {
      units: [unit('a', 2, 'a'), unit('b', 2, 'a')],
      groups: [{ id: 'a', units: ['a', 'b'], channels: 2, prunable: true }],
    };
    const collector = new ActivationCollector(graph, 'l1');
    const summed = new ActivationCollector(graph, 'l1', 'sum');
    expect([...collector.layersOf(['a'])]).toEqual(['a_relu', 'b_relu']);
    tf.tidy(() => {
      for (const c of [collector, summed]) {
        c.observe('a_relu', tf.tensor2d([[1, 2]]));
        c.observe('b_relu', tf.tensor2d([[10, 0]]));
      }
    });
    // Normalised: [1, 2]/1.5 + [10, 0]/5 = [2/3 + 2, 4/3]: b no longer dominates by scale.
    const normalized = Array.from(await collector.groupScores('a'));
    expect(normalized[0]).toBeCloseTo(8 / 3, 6);
    expect(normalized[1]).toBeCloseTo(4 / 3, 6);
    expect(Array.from(await summed.groupScores('a'))).toEqual([11, 2]);
    summed.dispose();
    expect(() => tf.tidy(() => collector.observe('a_relu', tf.tensor2d([[1, 2, 3]])))).toThrow(
      'Layer "a_relu" has 3 channels, expected 2.',
    );
    collector.dispose();
  });
});

describe('member combination', () => {
  it('divides each member by its mean, leaves a zero member and a single member unscaled', () => {
    expect(Array.from(meanNormalized([2, 6]))).toEqual([0.5, 1.5]);
    expect(Array.from(meanNormalized([0, 0]))).toEqual([0, 0]);
    expect(Array.from(combineMemberScores([[3, 9]]))).toEqual([3, 9]);
    expect(
      Array.from(
        combineMemberScores([
          [2, 6],
          [0, 0],
        ]),
      ),
    ).toEqual([0.5, 1.5]);
    expect(
      Array.from(
        combineMemberScores(
          [
            [2, 6],
            [1, 1],
          ],
          'sum',
        ),
      ),
    ).toEqual([3, 7]);
  });
});

describe('weight importance', () => {
  it('mean |W| along the output axis', () => {
    // shape [2, 3] (Dense in×out): columns [1,−4] [2,5] [−3,6] → [2.5, 3.5, 4.5].
    const dense = { shape: [2, 3], data: new Float32Array([1, 2, -3, -4, 5, 6]) };
    expect(Array.from(meanAbsAlongAxis(dense, 1))).toEqual([2.5, 3.5, 4.5]);
    // shape [1, 1, 2, 2] with out axis 2 (Conv2DTranspose): rows [1,2] and [3,4] → [1.5, 3.5].
    const transpose = { shape: [1, 1, 2, 2], data: new Float32Array([1, -2, 3, 4]) };
    expect(Array.from(meanAbsAlongAxis(transpose, 2))).toEqual([1.5, 3.5]);
  });

  it('random scores are fixed by the seed', () => {
    const graph: ChannelGraph = {
      units: [unit('a', 3)],
      groups: [{ id: 'a', units: ['a'], channels: 3, prunable: true }],
    };
    expect(Array.from(groupRandomScores(graph, 5).a)).toEqual(
      Array.from(groupRandomScores(graph, 5).a),
    );
    expect(Array.from(groupRandomScores(graph, 5).a)).not.toEqual(
      Array.from(groupRandomScores(graph, 6).a),
    );
  });
});
