import type { DocumentSide, DocumentType, ImageContentType } from '../kyc.tables.ts';

/**
 * The port to a KYC aggregator: whoever checks a person's document, liveness and the state
 * database of individuals (ГБД ФЛ) for us. The module speaks only this vocabulary; each vendor's
 * words, URLs and signatures stay inside its adapter.
 */
export interface KycProvider {
  /** Stable internal name stored with each case (`provider` column); not shown to users. */
  readonly name: string;
  readonly capabilities: KycProviderCapabilities;
  createSession(input: CreateSessionInput): Promise<ProviderSession>;
  uploadDocument(sessionId: string, document: DocumentUpload): Promise<DocumentRecognition>;
  submitLiveness(sessionId: string, selfie: ImageUpload): Promise<void>;
  fetchResult(sessionId: string): Promise<ProviderDecision>;
  /** Verifies the signature and the replay window, then parses; throws WebhookRejected otherwise. */
  parseWebhook(input: WebhookInput): ProviderWebhook;
}

export interface KycProviderCapabilities {
  readonly documentTypes: readonly DocumentType[];
  /** A selfie is checked for liveness and matched to the document photo. */
  readonly livenessBySelfie: boolean;
  readonly stateDatabaseCheck: boolean;
  readonly resultByWebhook: boolean;
  readonly resultByPolling: boolean;
}

export interface CreateSessionInput {
  /** Our case id; the provider echoes it and uses it to make session creation idempotent. */
  readonly reference: string;
  readonly iin: string;
  readonly consentVersion: string;
  readonly consentGivenAt: Date;
}

export interface ProviderSession {
  readonly sessionId: string;
  readonly expiresAt: Date | undefined;
}

export interface ImageUpload {
  readonly contentType: ImageContentType;
  readonly bytes: Buffer;
}

export interface DocumentUpload {
  readonly documentType: DocumentType;
  readonly pages: readonly (ImageUpload & { readonly side: DocumentSide })[];
}

/** Fields read from the document. Personal data: encrypt before storing. */
export interface RecognisedDocument {
  readonly documentType: DocumentType;
  readonly documentNumber: string | null;
  readonly iin: string | null;
  readonly lastName: string | null;
  readonly firstName: string | null;
  readonly middleName: string | null;
  readonly birthDate: string | null;
  readonly expiresOn: string | null;
}

export type DocumentRecognition =
  | { readonly outcome: 'recognised'; readonly fields: RecognisedDocument }
  | { readonly outcome: 'unreadable' };

/** The person as the state database knows them. Personal data: encrypt before storing. */
export interface VerifiedPerson {
  readonly iin: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly birthDate: string;
  /** ISO 3166-1 alpha-2. */
  readonly citizenship: string;
  readonly resident: boolean;
  readonly documentNumber: string | null;
}

/** Scores and flags of the checks: no personal data, may be stored in clear. */
export interface ProviderChecks {
  readonly livenessScore?: number | undefined;
  readonly faceSimilarity?: number | undefined;
  readonly stateDatabase?: 'match' | 'mismatch' | 'not_found' | undefined;
}

export const PROVIDER_DECLINE_REASONS = [
  'document_unreadable',
  'document_expired',
  'document_forged',
  'liveness_failed',
  'face_mismatch',
  'person_not_found',
  'person_deceased',
  'data_mismatch',
  'other',
] as const;
export type ProviderDeclineReason = (typeof PROVIDER_DECLINE_REASONS)[number];

export type ProviderDecision =
  | { readonly outcome: 'pending' }
  | { readonly outcome: 'approved'; readonly person: VerifiedPerson; readonly checks: ProviderChecks }
  | {
      readonly outcome: 'declined';
      readonly reasons: readonly ProviderDeclineReason[];
      readonly checks: ProviderChecks;
    }
  | { readonly outcome: 'review'; readonly checks: ProviderChecks };

export interface WebhookInput {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly now: Date;
}

export interface ProviderWebhook {
  /** Unique per delivery content; a redelivery carries the same id. */
  readonly eventId: string;
  readonly sessionId: string;
  readonly reference: string | null;
  readonly decision: ProviderDecision;
}

/** The provider cannot be reached or answered 5xx/429: retry later with backoff. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError';
}

/** The provider no longer knows the session (expired or deleted): the attempt cannot continue. */
export class ProviderSessionGoneError extends Error {
  override name = 'ProviderSessionGoneError';
}

/** The provider refused our request (4xx): a bug or a configuration error on our side. */
export class ProviderRequestError extends Error {
  override name = 'ProviderRequestError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export type WebhookRejection = 'signature' | 'stale' | 'malformed';

export class WebhookRejected extends Error {
  override name = 'WebhookRejected';
  readonly kind: WebhookRejection;
  constructor(kind: WebhookRejection) {
    super(`webhook rejected: ${kind}`);
    this.kind = kind;
  }
}
