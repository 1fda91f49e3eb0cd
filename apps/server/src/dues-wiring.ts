import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createKaspiMerchantProvider, createWebhookGatewayProvider, type PaymentProvider } from '@sauda/dues';
import type { WhatsAppBusinessSettings } from '@sauda/notifications';
import type { Config } from '@sauda/platform';
import { WHATSAPP_SANDBOX_PHONE_NUMBER_ID, WHATSAPP_SANDBOX_TOKEN } from '@sauda/sandbox';

/** The dues payment provider chosen by SAUDA_DUES_PAYMENT_PROVIDER, with its certificate files read. */
export function duesPaymentProvider(config: Config): PaymentProvider | undefined {
  const { dues } = config;
  if (dues.provider === 'gateway') return createWebhookGatewayProvider(dues.gateway);
  if (dues.provider === 'none') return undefined;
  const { kaspi } = dues;
  return createKaspiMerchantProvider({
    url: kaspi.url,
    organizationBin: kaspi.organizationBin,
    deviceToken: kaspi.deviceToken,
    mode: kaspi.mode,
    tls:
      kaspi.clientCertFile && kaspi.clientKeyFile
        ? {
            cert: readFileSync(kaspi.clientCertFile),
            key: readFileSync(kaspi.clientKeyFile),
            passphrase: kaspi.clientKeyPassphrase,
            ca: kaspi.caFile ? readFileSync(kaspi.caFile) : undefined,
          }
        : undefined,
  });
}

/** Membership tickets are signed with a key derived from the cookie secret (one secret fewer to manage). */
export const duesTicketKey = (config: Config): Buffer =>
  createHmac('sha256', config.auth.cookieSecret).update('dues.membership-ticket').digest();

/** The configured WhatsApp Business API; in the demo, the sandbox's simulator when none is configured. */
export function whatsAppSettings(config: Config): WhatsAppBusinessSettings | undefined {
  if (config.notifications.whatsapp || !config.demo) return config.notifications.whatsapp;
  return {
    url: `${config.sandbox.url}/whatsapp/v21.0`,
    phoneNumberId: WHATSAPP_SANDBOX_PHONE_NUMBER_ID,
    accessToken: WHATSAPP_SANDBOX_TOKEN,
  };
}
