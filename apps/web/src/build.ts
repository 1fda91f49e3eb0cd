import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { DEFAULT_BUILD_DIRECTORY, WEB_ROOT } from './renderer.ts';

const SOURCES = ['app', 'public', 'src', 'vite.config.ts', 'react-router.config.ts', 'package.json'];
const HASH_FILE = '.source-hash';
const LOCK = '.build-lock';
/** A lock older than this was left by a build that died; nobody is building any more. */
const STALE_LOCK_MS = 5 * 60_000;
/** Files smaller than this gain nothing from compression. */
const COMPRESS_FROM_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|svg|json|txt|xml)$/;

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !entry.name.endsWith('.test.ts'))
      .map((entry) => filesUnder(join(path, entry.name))),
  );
  return nested.flat();
}

/** A hash of everything the build reads, so an unchanged app is not built twice. */
export async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (
    await Promise.all(
      SOURCES.map((source) => join(WEB_ROOT, source))
        .filter(existsSync)
        .map(filesUnder),
    )
  )
    .flat()
    .sort();
  for (const file of files) {
    hash
      .update(relative(WEB_ROOT, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex');
}

function runBuild(): Promise<void> {
  const bin = join(createRequire(import.meta.url).resolve('@react-router/dev/package.json'), '..', 'bin.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], {
      cwd: WEB_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`react-router build exited with ${String(code)}:\n${output}`));
    });
  });
}

/** Writes .br and .gz beside each text asset, which the server sends to browsers that accept them. */
async function precompress(clientDirectory: string): Promise<void> {
  const files = (await filesUnder(clientDirectory)).filter((file) => COMPRESSIBLE.test(file));
  await Promise.all(
    files.map(async (file) => {
      const content = await readFile(file);
      if (content.length < COMPRESS_FROM_BYTES) return;
      await writeFile(
        `${file}.br`,
        await promisify(brotliCompress)(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      await writeFile(`${file}.gz`, await promisify(gzip)(content, { level: 9 }));
    }),
  );
}

/**
 * Test files and the benchmark may ask for a build at the same moment; they must not write the same
 * directory at once. `mkdir` is atomic, so the directory is the lock.
 */
async function withBuildLock<T>(directory: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(directory, { recursive: true });
  const lock = join(directory, LOCK);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds the web app for production (`npm run build:web`): the client bundle and the server
 * renderer, then pre-compressed copies of the client's files. Skipped when the sources have not
 * changed since the last build, unless forced.
 */
export async function buildWeb(
  options: { force?: boolean } = {},
): Promise<{ built: boolean; directory: string }> {
  const directory = DEFAULT_BUILD_DIRECTORY;
  const hash = await sourceHash();
  const hashFile = join(directory, HASH_FILE);
  const current = async () => existsSync(hashFile) && (await readFile(hashFile, 'utf8')) === hash;
  if (!options.force && (await current())) return { built: false, directory };
  return withBuildLock(directory, async () => {
    // Whoever held the lock may have built these very sources.
    if (!options.force && (await current())) return { built: false, directory };
    rmSync(hashFile, { force: true });
    await runBuild();
    await precompress(join(directory, 'client'));
    await writeFile(hashFile, hash);
    return { built: true, directory };
  });
}
