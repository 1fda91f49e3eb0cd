import type { AuditApi } from '@sauda/audit';
import type { Clock, Db, Encryptor, Logger, Product, RequestContext } from '@sauda/platform';
import type { DocumentStorage } from './documents/document-storage.ts';
import type { KycProvider } from './providers/kyc-provider.ts';

/** Policy knobs from config (`config.kyc`), passed in by the composition root. */
export interface KycSettings {
  /** Attempts a user gets before a curable rejection becomes final. */
  readonly maxAttempts: number;
  /** What happens to a person who is not a resident of Kazakhstan. */
  readonly nonResidents: 'allow' | 'review' | 'reject';
  /** Days personal data is kept after the account is closed. */
  readonly retentionDays: number;
  /** Products whose routes demand a verified identity (`requireKyc`). */
  readonly requiredProducts: readonly Product[];
}

/** The shared state of the use cases. */
export interface KycContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly provider: KycProvider;
  readonly storage: DocumentStorage;
  readonly settings: KycSettings;
  readonly logger: Logger | undefined;
}

/** The person acting through the API, with where the request came from (for audit records). */
export interface KycActor {
  readonly userId: string;
  readonly context?: RequestContext | undefined;
}

/** A staff member acting on someone else's case. */
export interface KycStaff {
  readonly id: string;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  readonly context?: RequestContext | undefined;
}
