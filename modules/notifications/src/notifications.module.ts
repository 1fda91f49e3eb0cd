import type { FastifyPluginAsync } from 'fastify';
import type { TObject } from 'typebox';
import {
  systemClock,
  type Clock,
  type Db,
  type Executor,
  type Logger,
  type SaudaModule,
} from '@sauda/platform';
import type { ChannelAdapters } from './channels/channel.ts';
import { httpSmsGatewayAdapter, type HttpSmsGatewaySettings } from './channels/http-sms-gateway.ts';
import { inAppAdapter } from './channels/in-app.ts';
import { smtpEmailAdapter, type SmtpEmailSettings } from './channels/smtp-email.ts';
import { whatsAppBusinessAdapter, type WhatsAppBusinessSettings } from './channels/whatsapp-business.ts';
import { deliveryHandler } from './deliver-notification.ts';
import { mailboxRoutes, type MailboxRoutesOptions } from './mailbox.routes.ts';
import { findMessageLog, type MessageLog } from './notifications.repository.ts';
import { notificationRoutes, type NotificationRoutesOptions } from './notifications.routes.ts';
import { sendNotification, type OutgoingMessage } from './send-notification.ts';

export interface NotificationsApi {
  /**
   * Stores the message and enqueues its delivery with the caller's executor: pass the transaction
   * of the change that causes the message, and it is sent exactly when that change commits.
   */
  send<V extends TObject>(executor: Executor, message: OutgoingMessage<V>): Promise<{ messageId: string }>;
  /** The message with each delivery's status and its attempts, or undefined for an unknown id. */
  deliveryLog(messageId: string): Promise<MessageLog | undefined>;
}

export interface NotificationsModuleDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Email over SMTP; without it email deliveries are recorded as skipped (channel not configured). */
  readonly email?: SmtpEmailSettings | undefined;
  /** SMS through the HTTP gateway; without it SMS deliveries are recorded as skipped. */
  readonly sms?: HttpSmsGatewaySettings | undefined;
  /** WhatsApp Business template messages; without it WhatsApp deliveries are recorded as skipped. */
  readonly whatsapp?: WhatsAppBusinessSettings | undefined;
  /** Replaces adapters by channel (another vendor, or a test double); wins over email and sms. */
  readonly adapters?: ChannelAdapters;
  /** Attempts per delivery, from 1 to 11 (the job runner retries an event at most 10 times). */
  readonly maxAttempts?: number;
  /** Which routes `routes` registers: the mailbox only when enabled, user routes only with requireUser. */
  readonly http?: {
    readonly mailbox?: MailboxRoutesOptions;
    readonly user?: NotificationRoutesOptions;
  };
}

export interface NotificationsModule extends SaudaModule<NotificationsApi> {
  /** The signed-in user's in-app notifications and preferences, behind the given authentication. */
  notificationRoutes(options: NotificationRoutesOptions): FastifyPluginAsync;
  /** The demo mailbox page; registers nothing when disabled. */
  mailboxRoutes(options: MailboxRoutesOptions): FastifyPluginAsync;
}

const DEFAULT_MAX_ATTEMPTS = 5;

export function createNotificationsModule(deps: NotificationsModuleDeps): NotificationsModule {
  const clock = deps.clock ?? systemClock;
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 11)
    throw new RangeError(`maxAttempts must be a whole number from 1 to 11, got ${maxAttempts}`);
  const adapters: ChannelAdapters = {
    in_app: inAppAdapter({ now: () => clock.now() }),
    ...(deps.email ? { email: smtpEmailAdapter(deps.email) } : {}),
    ...(deps.sms ? { sms: httpSmsGatewayAdapter(deps.sms) } : {}),
    ...(deps.whatsapp ? { whatsapp: whatsAppBusinessAdapter(deps.whatsapp) } : {}),
    ...deps.adapters,
  };
  const api: NotificationsApi = {
    send: (executor, message) => sendNotification({ clock, adapters }, executor, message),
    deliveryLog: (messageId) => findMessageLog(deps.db, messageId),
  };
  const routesFor = {
    notificationRoutes: (options: NotificationRoutesOptions) =>
      notificationRoutes({ db: deps.db, clock }, options),
    mailboxRoutes: (options: MailboxRoutesOptions) => mailboxRoutes({ db: deps.db }, options),
  };
  const { mailbox, user } = deps.http ?? {};
  return {
    name: 'notifications',
    api,
    handlers: [deliveryHandler({ db: deps.db, clock, adapters, logger: deps.logger, maxAttempts })],
    ...routesFor,
    routes: async (app) => {
      if (mailbox) await app.register(routesFor.mailboxRoutes(mailbox));
      if (user) await app.register(routesFor.notificationRoutes(user));
    },
  };
}
