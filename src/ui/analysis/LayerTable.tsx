import { bitLabel } from '../../store/pipeline-settings';
import { useLabStore } from '../../store/store';
import { formatBytes, formatCount } from '../format';
import { MiniHistogram } from './MiniHistogram';

/** Per-unit view of the last run: channels, bits, params and bytes, with small histograms. */
export function LayerTable() {
  const analysis = useLabStore((s) => s.runAnalysis);
  const error = useLabStore((s) => s.runAnalysisError);
  return (
    <section
      className="panel panel-layers"
      aria-labelledby="panel-layers-title"
      data-testid="layers-panel"
    >
      <h2 id="panel-layers-title">Per-layer view</h2>
      {error && (
        <div role="alert" className="banner banner-error">
          {error}
        </div>
      )}
      {!analysis ? (
        <p className="muted">Finish a run to see each unit before → after.</p>
      ) : (
        <div className="table-scroll">
          <table className="layer-table" data-testid="layer-table">
            <caption>
              Run {analysis.runId}: weights {bitLabel(analysis.wbits as 32)}, activations{' '}
              {bitLabel(analysis.abits as 32)}. Importance: activation L1 of the dense model on a
              calibration batch, with the cut at the run's kept count. Weights: the pruned kernel
              before and after quantization, grid of its widest channel.
            </caption>
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Channels kept</th>
                <th scope="col">Params</th>
                <th scope="col">Bytes</th>
                <th scope="col">Importance</th>
                <th scope="col">Weights before</th>
                <th scope="col">Weights after</th>
              </tr>
            </thead>
            <tbody>
              {analysis.units.map((u) => (
                <tr key={u.unitId} data-unit={u.unitId}>
                  <th scope="row">
                    {u.unitId} <span className="muted">{u.producerClass}</span>
                  </th>
                  <td data-testid={`kept-${u.unitId}`}>
                    {u.channelsKept}/{u.channelsTotal}
                  </td>
                  <td>
                    {formatCount(u.paramsBefore)} → {formatCount(u.paramsAfter)}
                  </td>
                  <td>
                    {formatBytes(u.bytesBefore)} → {formatBytes(u.bytesAfter)}
                  </td>
                  <td>
                    <MiniHistogram
                      h={u.importance}
                      cut={u.importanceCut}
                      label={`Importance of ${u.unitId}'s channels`}
                    />
                  </td>
                  <td>
                    <MiniHistogram
                      h={u.weightsBefore}
                      label={`${u.unitId} weights before quantization`}
                    />
                  </td>
                  <td>
                    <MiniHistogram
                      h={u.weightsAfter}
                      gridStep={u.gridStep}
                      label={`${u.unitId} weights after quantization`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
