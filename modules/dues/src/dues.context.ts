import type { AuditApi } from '@sauda/audit';
import type { FileStorage } from '@sauda/catalog';
import type { LedgerApi } from '@sauda/ledger';
import type { NotificationsApi } from '@sauda/notifications';
import type { Clock, Db, Encryptor, Logger, RequestContext } from '@sauda/platform';
import type { PaymentProvider } from './providers/payment-provider.ts';

/** Who acts: a member or staff user (`usr_…`), `provider:<name>`, `system:<component>` or `cli:<command>`. */
export interface Actor {
  readonly id: string;
  readonly context?: RequestContext | undefined;
}

/** The shared state of the dues use cases. */
export interface DuesContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record' | 'list'>;
  readonly ledger: LedgerApi;
  readonly notifications: Pick<NotificationsApi, 'send'>;
  /** Where receipts are kept (encrypted before they get there). */
  readonly storage: FileStorage;
  /** The online payment provider (Kaspi QR or a webhook gateway); undefined: transfers only. */
  readonly provider: PaymentProvider | undefined;
  /** Absolute base of links handed out (ticket QR, provider return URL). */
  readonly publicUrl: string;
  /** HMAC key of membership tickets. */
  readonly ticketKey: Buffer;
  /** Where the payment provider posts its webhooks. */
  readonly webhookUrl: string;
  /** Source addresses allowed to post provider webhooks (empty: any). */
  readonly webhookAllowedIps: readonly string[];
  readonly logger?: Logger | undefined;
}
