import type { AuditApi } from '@sauda/audit';
import type { Clock, Db, Logger, RequestContext } from '@sauda/platform';
import type { FileStorage } from './file-storage.ts';

/** Who changes the catalog: a staff user (`usr_…`), `system:<component>` or `cli:<command>`. */
export interface Actor {
  readonly id: string;
  readonly context?: RequestContext | undefined;
}

/** The shared state of the catalog's use cases. */
export interface CatalogContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly storage: FileStorage;
  /** Absolute base of links the API hands out (logo URLs, `/go` links). */
  readonly publicUrl: string;
  readonly logger?: Logger | undefined;
}
