/**
 * A tiny promise wrapper over indexedDB: one database, object stores keyed by `runId`.
 * Errors keep their DOMException name (QuotaExceededError stays recognisable for the UI).
 */
export const DB_NAME = 'pruning-lab';
const DB_VERSION = 1;
export const RUNS_STORE = 'runs';
export const ARTIFACTS_STORE = 'artifacts';

let opening: Promise<IDBDatabase> | null = null;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

export function openLabDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('This browser has no IndexedDB: runs are kept for this session only.'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of [RUNS_STORE, ARTIFACTS_STORE]) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'runId' });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('Could not open IndexedDB.'));
  });
  opening.catch(() => (opening = null));
  return opening;
}

/** Resolves when the transaction commits (a quota error surfaces here, not at put()). */
export async function putRecord(storeName: string, value: object): Promise<void> {
  const db = await openLabDb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(storeName, 'readwrite');
    tx.objectStore(storeName).put(value);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write was aborted.'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed.'));
  });
}

export async function getRecord<T>(storeName: string, key: string): Promise<T | undefined> {
  const db = await openLabDb();
  return promised(
    db.transaction(storeName).objectStore(storeName).get(key) as IDBRequest<T | undefined>,
  );
}

export async function getAllRecords<T>(storeName: string): Promise<T[]> {
  const db = await openLabDb();
  return promised(db.transaction(storeName).objectStore(storeName).getAll() as IDBRequest<T[]>);
}

export async function clearStores(storeNames: string[]): Promise<void> {
  const db = await openLabDb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(storeNames, 'readwrite');
    for (const name of storeNames) tx.objectStore(name).clear();
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB clear failed.'));
  });
}
