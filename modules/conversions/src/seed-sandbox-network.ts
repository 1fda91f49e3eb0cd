import { isAppError } from '@sauda/platform';
import type { ConversionsApi } from './conversions.module.ts';
import { ConversionsErrors } from './conversions.errors.ts';

export const SANDBOX_NETWORK_KEY = 'sandbox';

/**
 * The demo's affiliate network: the sandbox simulator signs its postbacks with `secret` and serves
 * `statistics/actions` under `<sandboxUrl>/affiliate-network/api`, polled with the same secret.
 * Idempotent: an existing `sandbox` network is left as it is.
 */
export async function seedSandboxNetwork(
  api: Pick<ConversionsApi, 'createNetwork' | 'getNetworkByKey'>,
  options: { readonly sandboxUrl: string; readonly secret: string },
): Promise<boolean> {
  if (await api.getNetworkByKey(SANDBOX_NETWORK_KEY)) return false;
  try {
    await api.createNetwork(
      { id: 'system:demo' },
      {
        key: SANDBOX_NETWORK_KEY,
        name: 'Sandbox affiliate network',
        kind: 'sandbox',
        secret: options.secret,
        defaultCurrency: 'KZT',
        polling: {
          url: `${options.sandboxUrl.replace(/\/+$/, '')}/affiliate-network/api/statistics/actions`,
          enabled: true,
        },
      },
    );
    return true;
  } catch (error) {
    // Another instance seeded it at the same moment.
    if (isAppError(error) && error.code === ConversionsErrors.CONVERSIONS_NETWORK_KEY_TAKEN) return false;
    throw error;
  }
}
