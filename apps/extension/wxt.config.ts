import { defineConfig } from 'wxt';

// Build-time settings, read here only: the API origin baked into the bundle, and the e2e switch.
// eslint-disable-next-line no-restricted-properties -- build configuration, not server runtime config
const environment = process.env;
const apiUrl = new URL(environment.SAUDA_API_URL ?? 'http://127.0.0.1:3000');
const apiOrigin = apiUrl.origin;
/** The e2e build may read the tab it is pointed at (`tabs`), since a test cannot click the toolbar. */
const e2e = environment.SAUDA_EXTENSION_E2E === '1';
/** Tests build into folders of their own, so builds for different API origins never overwrite each other. */
const outDir = environment.SAUDA_EXTENSION_OUT_DIR ?? 'dist';
export const FIREFOX_ADDON_ID = 'extension@sauda.kz';

export default defineConfig({
  srcDir: 'src',
  outDir,
  publicDir: 'src/public',
  imports: false,
  zip: {
    artifactTemplate: 'sauda-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'sauda-{{version}}-sources.zip',
    // Mozilla's reviewers rebuild from the sources; the tests and their screenshots are not needed.
    excludeSources: ['test/**'],
  },
  manifestVersion: 3,
  vite: () => ({ define: { __SAUDA_API_URL__: JSON.stringify(apiOrigin) } }),
  manifest: ({ browser }) => ({
    name: 'Sauda — cashback',
    short_name: 'Sauda',
    description:
      'Cashback at Sauda partner shops: shows the rate on a partner site and activates cashback when you click.',
    homepage_url: apiOrigin,
    permissions: [
      'storage',
      'alarms',
      'activeTab',
      ...(browser === 'chrome' || browser === 'edge' ? ['declarativeContent'] : []),
      ...(e2e ? ['tabs'] : []),
    ],
    host_permissions: [`${apiOrigin}/*`],
    icons: {
      16: '/icon/color-16.png',
      32: '/icon/color-32.png',
      48: '/icon/color-48.png',
      96: '/icon/color-96.png',
      128: '/icon/color-128.png',
    },
    action: {
      default_title: 'Sauda',
      default_icon: { 16: '/icon/grey-16.png', 32: '/icon/grey-32.png', 48: '/icon/grey-48.png' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_ADDON_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['browsingActivity'] },
            },
          },
        }
      : {}),
  }),
});
