/** Saves bytes as a file: Blob + a temporary <a download> (main thread only). */
export function saveBytes(
  name: string,
  bytes: ArrayBuffer,
  type = 'application/octet-stream',
): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function mimeOf(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.md')) return 'text/markdown';
  if (name.endsWith('.zip')) return 'application/zip';
  return 'application/octet-stream';
}
