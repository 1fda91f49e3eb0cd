import { browser } from 'wxt/browser';
import type { KeyValueStore } from '../core/key-value-store.ts';

type StorageArea = typeof browser.storage.local;

function storeOf(area: StorageArea): KeyValueStore {
  return {
    get: async <T>(key: string) => (await area.get(key))[key] as T | undefined,
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

/** Survives restarts: the feed, the account link, the on/off switch, the last activation. */
export const localStore = storeOf(browser.storage.local);

/**
 * Lives for the browser session only: which tabs are activated. `storage.session` where the browser
 * has it; otherwise memory of the background page, which lives exactly as long on those browsers.
 */
const memory = new Map<string, unknown>();
export const sessionStore: KeyValueStore = (browser.storage as { session?: StorageArea }).session
  ? storeOf(browser.storage.session)
  : {
      get: async <T>(key: string) => memory.get(key) as T | undefined,
      set: async (key, value) => {
        memory.set(key, value);
      },
      remove: async (key) => {
        memory.delete(key);
      },
    };
