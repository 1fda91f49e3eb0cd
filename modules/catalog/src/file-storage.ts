import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Where uploaded files (partner logos) live. Keys are relative paths of lower-case letters, digits,
 * `-`, `_`, `.` and `/`; the content type travels with the file. The local adapter keeps files under
 * the data directory; another adapter (an S3-compatible bucket) implements the same two methods.
 */
export interface StoredFile {
  readonly data: Buffer;
  readonly contentType: string;
}

export interface FileStorage {
  put(key: string, file: StoredFile): Promise<void>;
  /** The file, or undefined when nothing is stored under the key. */
  get(key: string): Promise<StoredFile | undefined>;
}

const KEY = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*\.[a-z0-9]{2,5}$/;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

export function isStorageKey(key: string): boolean {
  return KEY.test(key) && key.length <= 200;
}

/** Files on the local disk under `directory`; writes go through a temporary file and a rename. */
export function localFileStorage(directory: string): FileStorage {
  const root = resolve(directory);
  const pathOf = (key: string): string => {
    if (!isStorageKey(key)) throw new RangeError(`Not a storage key: ${key}`);
    const path = resolve(join(root, key));
    if (!path.startsWith(root + sep)) throw new RangeError(`Not a storage key: ${key}`);
    return path;
  };
  return {
    async put(key, file) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, file.data);
      await rename(temporary, path);
    },
    async get(key) {
      if (!isStorageKey(key)) return undefined;
      try {
        const data = await readFile(pathOf(key));
        const extension = key.slice(key.lastIndexOf('.') + 1);
        return { data, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream' };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
