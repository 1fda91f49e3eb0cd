import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ICON_SIZES, STORE_ICON_SIZES, writeIcons } from './icons.ts';

/**
 * `npm run build:extension`: icons, then one build and one store zip per browser. Chrome and Edge
 * get Manifest V3 with `declarativeContent`; Firefox gets its add-on id; Safari gets the web
 * extension folder that Xcode's safari-web-extension-converter turns into an app (docs/extension/safari.md).
 * Output lands in apps/extension/dist (gitignored), or in `SAUDA_EXTENSION_OUT_DIR` (tests).
 * Store assets (icons, and the store screenshots the e2e test made, if any) go to `store-assets/`.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wxt = join(root, '..', '..', 'node_modules', '.bin', 'wxt');
const TARGETS = ['chrome', 'edge', 'firefox', 'safari'] as const;
// eslint-disable-next-line no-restricted-properties -- build configuration, read as wxt.config.ts reads it
const outDir = resolve(root, process.env.SAUDA_EXTENSION_OUT_DIR ?? 'dist');
const SCREENSHOTS = join(root, 'test', 'screenshots');
/**
 * Builds share src/public/icon and WXT's .wxt folder, so two at once (parallel test files) take
 * turns; a lock older than this was left by a build that died.
 */
const LOCK = join(root, 'dist', '.build-lock');
const STALE_LOCK_MS = 5 * 60_000;

async function takeLock(): Promise<void> {
  await mkdir(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(LOCK).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      else await sleep(200);
    }
  }
}

async function copyScreenshots(): Promise<void> {
  if (!existsSync(SCREENSHOTS)) return;
  const target = join(outDir, 'store-assets', 'screenshots');
  await mkdir(target, { recursive: true });
  for (const name of await readdir(SCREENSHOTS))
    if (name.endsWith('.png')) await copyFile(join(SCREENSHOTS, name), join(target, name));
}

async function build(only: readonly string[]): Promise<number> {
  await writeIcons(join(root, 'src', 'public', 'icon'), PACKAGE_ICON_SIZES);
  await writeIcons(join(outDir, 'store-assets'), STORE_ICON_SIZES);
  await copyScreenshots();
  for (const target of TARGETS) {
    if (only.length > 0 && !only.includes(target)) continue;
    // `wxt zip` builds first, then packs the store archive (Firefox also gets the sources zip).
    const result = spawnSync(wxt, ['zip', '-b', target, '--mv3'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`sauda extension: the ${target} build failed`);
      return result.status ?? 1;
    }
  }
  return 0;
}

await takeLock();
try {
  process.exitCode = await build(process.argv.slice(2));
} finally {
  // WXT's generated types are not used (auto-imports are off); removing them keeps lint and git clean.
  await rm(join(root, '.wxt'), { recursive: true, force: true });
  await rm(LOCK, { recursive: true, force: true });
}
