import { useRef, useState, type DragEvent } from 'react';
import type { FileBytes } from '../protocol/engine-types';

export interface FileDropOptions {
  /** Reads a drop (loose files or folders); may throw a size refusal before reading. */
  fromDrop: (dataTransfer: DataTransfer) => Promise<FileBytes[]>;
  /** Reads what the hidden file input picked. */
  fromList: (list: FileList) => Promise<FileBytes[]>;
  onFiles: (files: FileBytes[]) => Promise<void>;
  /** A refusal while reading (e.g. FILE_TOO_LARGE) is shown like any load error. */
  onError: (message: string) => void;
}

/**
 * The shared behaviour of the lab's drop zones: drag-over highlight, drop, and a hidden file
 * input reached through a real button so the keyboard path works too.
 */
export function useFileDrop(options: FileDropOptions) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const load = async (read: () => Promise<FileBytes[]>) => {
    let files: FileBytes[];
    try {
      files = await read();
    } catch (err) {
      options.onError(err instanceof Error ? err.message : String(err));
      return;
    }
    if (files.length > 0) await options.onFiles(files);
  };

  const zoneProps = {
    className: `drop-zone${over ? ' over' : ''}`,
    onDragOver: (e: DragEvent<HTMLDivElement>) => {
      e.preventDefault();
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (e: DragEvent<HTMLDivElement>) => {
      e.preventDefault();
      setOver(false);
      const dataTransfer = e.dataTransfer;
      void load(() => options.fromDrop(dataTransfer));
    },
  };

  const onPick = async () => {
    const list = input.current?.files;
    if (list && list.length > 0) await load(() => options.fromList(list));
    if (input.current) input.current.value = '';
  };

  return { input, zoneProps, onPick, browse: () => input.current?.click() };
}
