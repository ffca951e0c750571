import { loadModelFiles } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import { useFileDrop } from '../use-file-drop';
import { filesFromDataTransfer, filesFromList } from './drop-files';

/**
 * Drop model.json with its shards (loose or as a folder), or browse for them. The hidden
 * input is reached through a real button so the keyboard path works too.
 */
export function DropZone() {
  const engineReady = useLabStore((s) => s.engineStatus === 'ready');
  const { input, zoneProps, onPick, browse } = useFileDrop({
    fromDrop: filesFromDataTransfer,
    fromList: filesFromList,
    onFiles: loadModelFiles,
    // A refused file (FILE_TOO_LARGE) shows like any bad model; the loaded model stays.
    onError: (message) => useLabStore.getState().setModelError(message),
  });

  return (
    <div {...zoneProps} data-testid="drop-zone">
      <p>
        Drop a TensorFlow.js layers model here: <code>model.json</code> and its weight shards
        together, or their folder; or a Keras <code>.keras</code> / <code>.h5</code> or ONNX{' '}
        <code>.onnx</code> file.
      </p>
      <button type="button" disabled={!engineReady} onClick={browse}>
        Browse…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="model-file-input"
        aria-label="Model files"
        onChange={() => void onPick()}
      />
    </div>
  );
}
