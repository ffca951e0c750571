import { useRef, useState, type DragEvent } from 'react';
import { loadImageData } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import type { FileBytes } from '../../worker/engine-types';
import { pickedFromDataTransfer, pickedFromList, readPicked } from '../model/drop-files';

/**
 * Drop a folder of PNG/JPEG images, or browse for one: one subfolder per class gives
 * labelled data, images without subfolders give unlabelled data (distillation).
 */
export function ImageDropZone() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const engineReady = useLabStore((s) => s.engineStatus === 'ready');
  const hasModel = useLabStore((s) => s.model !== null);

  // Sizes are checked (FILE_TOO_LARGE) before anything is read.
  const load = async (read: () => Promise<FileBytes[]>) => {
    let files: FileBytes[];
    try {
      files = await read();
    } catch (err) {
      useLabStore.getState().setDataError(err instanceof Error ? err.message : String(err));
      return;
    }
    if (files.length > 0) await loadImageData(files);
  };

  const onDrop = async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const dataTransfer = e.dataTransfer;
    await load(async () => readPicked(await pickedFromDataTransfer(dataTransfer), 'images'));
  };

  const onPick = async () => {
    const list = input.current?.files;
    if (list && list.length > 0) await load(() => readPicked(pickedFromList(list), 'images'));
    if (input.current) input.current.value = '';
  };

  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      data-testid="image-drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <p>
        Or drop a folder of PNG/JPEG images: one subfolder per class gives labelled data; images
        without subfolders are unlabelled and the model is distilled against the original. Images
        are resized to the model's input.
      </p>
      <button
        type="button"
        disabled={!engineReady || !hasModel}
        onClick={() => input.current?.click()}
      >
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
