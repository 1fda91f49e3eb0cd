import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ICON_SIZES, STORE_ICON_SIZES, writeIcons } from './icons.ts';

/**
 * `npm run build:extension`: icons, then one build and one store zip per browser. Chrome and Edge
 * get Manifest V3 with `declarativeContent`; Firefox gets its add-on id; Safari gets the web
 * extension folder that Xcode's safari-web-extension-converter turns into an app (docs/extension/safari.md).
 * Output lands in apps/extension/dist (gitignored).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wxt = join(root, '..', '..', 'node_modules', '.bin', 'wxt');
const TARGETS = ['chrome', 'edge', 'firefox', 'safari'] as const;

await writeIcons(join(root, 'src', 'public', 'icon'), PACKAGE_ICON_SIZES);
await writeIcons(join(root, 'dist', 'store-assets'), STORE_ICON_SIZES);
const only = process.argv.slice(2);
for (const target of TARGETS) {
  if (only.length > 0 && !only.includes(target)) continue;
  // `wxt zip` builds first, then packs the store archive (Firefox also gets the sources zip).
  const result = spawnSync(wxt, ['zip', '-b', target, '--mv3'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`sauda extension: the ${target} build failed`);
    process.exit(result.status ?? 1);
  }
}

// WXT's generated types are not used (auto-imports are off); removing them keeps lint and git clean.
await rm(join(root, '.wxt'), { recursive: true, force: true });
