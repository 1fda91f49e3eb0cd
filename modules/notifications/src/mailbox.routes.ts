import type { FastifyPluginAsync } from 'fastify';
import { resolveLocale, type Db, type Locale } from '@sauda/platform';
import { MAILBOX_CSP, renderMailboxPage } from './mailbox-page.ts';
import { listRecentDeliveries } from './notifications.repository.ts';

export interface MailboxRoutesOptions {
  /** Only in demo mode: the page shows recipients' addresses and the texts sent to them. */
  readonly enabled: boolean;
  readonly defaultLocale?: Locale;
}

const MAILBOX_SIZE = 200;

/**
 * `/dev/mailbox`: every email and SMS the platform sent, read from this module's message store, so a
 * demo can show what a user would have received. When disabled the route does not exist at all
 * (the app answers 404), rather than existing and refusing.
 */
export function mailboxRoutes(deps: { db: Db }, options: MailboxRoutesOptions): FastifyPluginAsync {
  return async (app) => {
    if (!options.enabled) return;
    app.get('/dev/mailbox', { schema: { hide: true } }, async (request, reply) => {
      const locale = resolveLocale({
        acceptLanguage: request.headers['accept-language'],
        fallback: options.defaultLocale ?? 'ru',
      });
      const entries = await listRecentDeliveries(deps.db, ['email', 'sms'], MAILBOX_SIZE);
      return reply
        .header('content-security-policy', MAILBOX_CSP)
        .header('cache-control', 'no-store')
        .header('content-language', locale)
        .type('text/html; charset=utf-8')
        .send(renderMailboxPage(entries, locale));
    });
  };
}
