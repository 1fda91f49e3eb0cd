import type { KeyObject } from 'node:crypto';
import type { CatalogApi } from '@sauda/catalog';
import type { Clock, Db, Logger } from '@sauda/platform';
import type { ClickBuffer } from './click-buffer.ts';
import type { LinkCache } from './link-cache.ts';
import type { PartnerRules } from './partner-rules.ts';
import type { DuplicateWindow, FingerprintParts } from './visitor.ts';

/** The shared state of the tracking use cases and routes. */
export interface TrackingContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger | undefined;
  readonly catalog: CatalogApi;
  readonly rules: PartnerRules;
  readonly buffer: ClickBuffer;
  readonly duplicates: DuplicateWindow;
  readonly links: LinkCache;
  /** Keys derived from SAUDA_CLICK_SIGNING_KEY, one per purpose. */
  readonly keys: {
    readonly clickId: KeyObject;
    readonly context: KeyObject;
    readonly fingerprint: KeyObject;
  };
  /** Fingerprints under `keys.fingerprint`, remembered per visitor. */
  readonly fingerprintOf: (parts: FingerprintParts) => string;
  readonly publicUrl: string;
  readonly retentionMonths: number;
}
