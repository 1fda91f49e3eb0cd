import type { AuditApi } from '@sauda/audit';
import type { CatalogApi } from '@sauda/catalog';
import type { Clock, Db, Encryptor, Logger, RequestContext } from '@sauda/platform';
import type { TrackingApi } from '@sauda/tracking';
import type { CommissionTerms } from './derive-commission.ts';
import type { InboxWriter } from './inbox-writer.ts';
import type { NetworkDirectory } from './network-directory.ts';

/** Who acts: a staff user (`usr_…`), `system:<component>` or `cli:<command>`. */
export interface Actor {
  readonly id: string;
  readonly context?: RequestContext | undefined;
}

/** Does a user id name an account? (identity's `getProfile`, narrowed to what conversions needs). */
export type UserExists = (userId: string) => Promise<boolean>;

/** The shared state of the conversions use cases and routes. */
export interface ConversionsContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger | undefined;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly catalog: Pick<CatalogApi, 'getPartner'>;
  readonly tracking: Pick<TrackingApi, 'resolveClick' | 'findProbableClick'>;
  readonly userExists: UserExists;
  readonly networks: NetworkDirectory;
  readonly inbox: InboxWriter;
  readonly terms: CommissionTerms;
  /** Absolute base of URLs the API hands out (postback URLs, the pixel). */
  readonly publicUrl: string;
  /** Asks the inbox processor to run soon (no-op where it does not run). */
  readonly wakeProcessor: () => void;
}
