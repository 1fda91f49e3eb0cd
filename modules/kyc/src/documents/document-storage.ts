import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where document images live: a plain blob store, given bytes that are already encrypted. The
 * platform has no shared file storage yet, so this port and its local-disk adapter sit inside the
 * KYC module; an object-storage adapter (hosted in Kazakhstan) can replace the adapter without
 * touching the use cases.
 */
export interface DocumentStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removing a missing key is not an error (purges may be retried). */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9_]+(\/[a-z0-9_]+)*\.bin$/;

/** Files under `root`, one per key; keys are generated ids, checked so none can leave the root. */
export function localDiskStorage(root: string): DocumentStorage {
  const base = resolve(root);
  const pathOf = (key: string): string => {
    const path = resolve(join(base, key));
    if (!KEY_PATTERN.test(key) || !path.startsWith(base + sep))
      throw new Error('invalid document storage key');
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // Written aside and renamed, so a crash never leaves a half-written file under the real name.
      const partial = `${path}.partial`;
      await writeFile(partial, bytes, { mode: 0o600 });
      await rename(partial, path);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
