import type { Localized } from '../localized.ts';
import { privacy20260101 } from './privacy-2026-01-01.ts';
import { program20260101 } from './program-2026-01-01.ts';
import { terms20260101 } from './terms-2026-01-01.ts';

export const LEGAL_DOCUMENTS = ['program', 'terms', 'privacy'] as const;
export type LegalDocument = (typeof LEGAL_DOCUMENTS)[number];

export interface LegalVersion {
  /** The version identity's consents refer to (`GET /v1/auth/legal-documents`). */
  readonly version: string;
  readonly effectiveFrom: string;
  /** Markdown in every language. */
  readonly body: Localized;
}

/**
 * Every published version of each document, newest first. Drafts: the operator supplies the final
 * legal texts; until content managers have a content API, a new version is a new file here.
 */
export const LEGAL_VERSIONS: Readonly<Record<LegalDocument, readonly LegalVersion[]>> = {
  program: [{ version: '2026-01-01', effectiveFrom: '2026-01-01', body: program20260101 }],
  terms: [{ version: '2026-01-01', effectiveFrom: '2026-01-01', body: terms20260101 }],
  privacy: [{ version: '2026-01-01', effectiveFrom: '2026-01-01', body: privacy20260101 }],
};

export const isLegalDocument = (value: unknown): value is LegalDocument =>
  typeof value === 'string' && (LEGAL_DOCUMENTS as readonly string[]).includes(value);
