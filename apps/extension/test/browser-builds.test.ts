import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID } from '../wxt.config.ts';

/**
 * The Firefox and Safari builds, which cannot be run here: the Firefox package passes Mozilla's
 * linter (`web-ext lint`) and the Safari folder carries
 * only what Safari's web extensions support (docs/extension/safari.md). Both keep the permissions
 * docs/extension/permissions.md promises.
 */
const EXTENSION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(EXTENSION_ROOT, '..', '..', 'node_modules', '.bin');
const WEB_EXT = join(BIN, 'web-ext');
const ALLOWED_PERMISSIONS = ['storage', 'alarms', 'activeTab'];
/** Manifest keys and permissions Safari rejects or ignores (Apple's browser-compatibility notes). */
const SAFARI_UNSUPPORTED_KEYS = [
  'browser_specific_settings',
  'chrome_settings_overrides',
  'devtools_page',
  'file_browser_handlers',
  'input_components',
  'key',
  'minimum_chrome_version',
  'oauth2',
  'offline_enabled',
  'side_panel',
  'storage',
  'update_url',
];
const SAFARI_UNSUPPORTED_PERMISSIONS = [
  'declarativeContent',
  'background',
  'browsingData',
  'contentSettings',
  'debugger',
  'downloads',
  'history',
  'identity',
  'idle',
  'management',
  'pageCapture',
  'privacy',
  'proxy',
  'sessions',
  'sidePanel',
  'topSites',
  'webRequestBlocking',
];

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: unknown;
  background?: { service_worker?: string; scripts?: string[] };
  action?: { default_popup?: string; default_icon?: Record<string, string> };
  icons?: Record<string, string>;
  browser_specific_settings?: {
    gecko?: { id?: string; data_collection_permissions?: { required?: string[] } };
  };
  [key: string]: unknown;
}

let outDir: string;
const manifestOf = async (target: string): Promise<Manifest> =>
  JSON.parse(await readFile(join(outDir, `${target}-mv3`, 'manifest.json'), 'utf8')) as Manifest;

/** Every file the manifest points at is in the package. */
function expectFilesPresent(target: string, manifest: Manifest): void {
  const files = [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    manifest.action?.default_popup ?? '',
    manifest.background?.service_worker ?? '',
    ...(manifest.background?.scripts ?? []),
  ].filter(Boolean);
  for (const file of files) expect(existsSync(join(outDir, `${target}-mv3`, file)), file).toBe(true);
}

/** The promises of permissions.md: no page access, no `tabs`, only the API origin as a host. */
function expectFewestPermissions(manifest: Manifest): void {
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions?.every((permission) => ALLOWED_PERMISSIONS.includes(permission))).toBe(true);
  expect(manifest.host_permissions).toEqual(['https://sauda.kz/*']);
  expect(manifest.content_scripts).toBeUndefined();
  expect(manifest.optional_permissions).toBeUndefined();
}

describe('the Firefox and Safari builds', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'sauda-extension-stores-'));
    const build = spawnSync(join(BIN, 'node'), ['scripts/build-all.ts', 'firefox', 'safari'], {
      cwd: EXTENSION_ROOT,
      env: { ...process.env, SAUDA_API_URL: 'https://sauda.kz', SAUDA_EXTENSION_OUT_DIR: outDir },
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('packs Firefox with its add-on id, an event page and the data it declares', async () => {
    const manifest = await manifestOf('firefox');
    expectFewestPermissions(manifest);
    expectFilesPresent('firefox', manifest);
    expect(manifest.browser_specific_settings?.gecko?.id).toBe(FIREFOX_ADDON_ID);
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual([
      'browsingActivity',
    ]);
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(existsSync(join(outDir, 'sauda-0.1.0-firefox.zip'))).toBe(true);
    expect(existsSync(join(outDir, 'sauda-0.1.0-sources.zip'))).toBe(true);
  });

  it('passes Mozilla’s linter (web-ext lint) with no errors', () => {
    const lint = spawnSync(
      join(BIN, 'node'),
      [WEB_EXT, 'lint', '--source-dir', join(outDir, 'firefox-mv3'), '--output', 'json', '--no-input'],
      { encoding: 'utf8' },
    );
    // The JSON report of addons-linter, which web-ext runs; anything printed before it is skipped.
    const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as {
      errors: { code: string; message: string }[];
      summary: { errors: number };
    };
    expect(report.errors, JSON.stringify(report.errors, null, 2)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('packs Safari without keys or permissions Safari does not support', async () => {
    const manifest = await manifestOf('safari');
    expectFewestPermissions(manifest);
    expectFilesPresent('safari', manifest);
    expect(Object.keys(manifest).filter((key) => SAFARI_UNSUPPORTED_KEYS.includes(key))).toEqual([]);
    expect(manifest.permissions?.filter((p) => SAFARI_UNSUPPORTED_PERMISSIONS.includes(p))).toEqual([]);
    // A non-persistent background, which Safari on iOS requires.
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(existsSync(join(outDir, 'sauda-0.1.0-safari.zip'))).toBe(true);
  });
});
