import { useRef, useState, type DragEvent } from 'react';
import { loadModelFiles } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import type { FileBytes } from '../../worker/engine-types';
import { filesFromDataTransfer, filesFromList } from './drop-files';

/**
 * Drop model.json with its shards (loose or as a folder), or browse for them. The hidden
 * input is reached through a real button so the keyboard path works too.
 */
export function DropZone() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const engineReady = useLabStore((s) => s.engineStatus === 'ready');

  // A refused file (FILE_TOO_LARGE) shows like any bad model; the loaded model stays.
  const load = async (read: () => Promise<FileBytes[]>) => {
    let files: FileBytes[];
    try {
      files = await read();
    } catch (err) {
      useLabStore.getState().setModelError(err instanceof Error ? err.message : String(err));
      return;
    }
    if (files.length > 0) await loadModelFiles(files);
  };

  const onDrop = async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const dataTransfer = e.dataTransfer;
    await load(() => filesFromDataTransfer(dataTransfer));
  };

  const onPick = async () => {
    const list = input.current?.files;
    if (list && list.length > 0) await load(() => filesFromList(list));
    if (input.current) input.current.value = '';
  };

  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <p>
        Drop a TensorFlow.js layers model here: <code>model.json</code> and its weight shards
        together, or their folder.
      </p>
      <button type="button" disabled={!engineReady} onClick={() => input.current?.click()}>
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
