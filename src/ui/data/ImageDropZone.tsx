import { loadImageData } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import { useFileDrop } from '../use-file-drop';
import { pickedFromDataTransfer, pickedFromList, readPicked } from '../model/drop-files';

/**
 * Drop a folder of PNG/JPEG images, or browse for one: one subfolder per class gives
 * labelled data, images without subfolders give unlabelled data (distillation).
 */
export function ImageDropZone() {
  const engineReady = useLabStore((s) => s.engineStatus === 'ready');
  const hasModel = useLabStore((s) => s.model !== null);
  // Sizes are checked (FILE_TOO_LARGE) before anything is read.
  const { input, zoneProps, onPick, browse } = useFileDrop({
    fromDrop: async (dataTransfer) =>
      readPicked(await pickedFromDataTransfer(dataTransfer), 'images'),
    fromList: (list) => readPicked(pickedFromList(list), 'images'),
    onFiles: loadImageData,
    onError: (message) => useLabStore.getState().setDataError(message),
  });

  return (
    <div {...zoneProps} data-testid="image-drop-zone">
      <p>
        Or drop a folder of PNG/JPEG images: one subfolder per class gives labelled data; images
        without subfolders are unlabelled and the model is distilled against the original. Images
        are resized to the model's input.
      </p>
      <button type="button" disabled={!engineReady || !hasModel} onClick={browse}>
        Browse folder…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="image-folder-input"
        aria-label="Image folder"
        // webkitdirectory is not in React's input props; set as a plain attribute.
        {...{ webkitdirectory: '' }}
        onChange={() => void onPick()}
      />
    </div>
  );
}
