import { Type, type TSchema } from 'typebox';
import { MAX_IMAGE_BASE64_LENGTH } from './documents/document-vault.ts';
import { IIN_INVALID_REASONS } from './iin.ts';
import { JOURNAL_OPERATIONS } from './journal/kyc-journal.ts';
import { KYC_REASONS, KYC_STATUSES } from './kyc-status.ts';
import { NEXT_STEP_ACTIONS } from './kyc-texts.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const IinValidateBody = Type.Object(
  { iin: Type.String({ maxLength: 64, description: '12 digits, sent exactly as typed' }) },
  { additionalProperties: false },
);

export const IinValidateResponse = Type.Union([
  Type.Object({
    valid: Type.Literal(true),
    birthDate: Type.String({ format: 'date' }),
    sex: Type.Enum(['male', 'female']),
    age: Type.Integer({ description: 'Whole years today in Asia/Almaty' }),
  }),
  Type.Object({
    valid: Type.Literal(false),
    reason: Type.Enum(IIN_INVALID_REASONS),
    message: Type.String({ description: 'The reason in the request language' }),
  }),
]);

export const ConsentResponse = Type.Object({
  version: Type.String(),
  locale: Type.String(),
  text: Type.String(),
});

export const StartBody = Type.Object(
  {
    iin: Type.String({ maxLength: 64 }),
    consentVersion: Type.String({ maxLength: 32, description: 'The version of the consent text shown' }),
    consentAccepted: Type.Literal(true),
    resident: Type.Boolean({ description: 'Declared residency of the Republic of Kazakhstan' }),
  },
  { additionalProperties: false },
);

const ImageContentType = Type.Enum(['image/jpeg', 'image/png']);
const ImageData = Type.String({
  maxLength: MAX_IMAGE_BASE64_LENGTH + 4,
  description: 'Base64 of the image bytes',
});

export const DocumentBody = Type.Object(
  {
    documentType: Type.Enum(['id_card', 'passport']),
    pages: Type.Array(
      Type.Object(
        { side: Type.Enum(['front', 'back', 'main']), contentType: ImageContentType, data: ImageData },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2 },
    ),
  },
  { additionalProperties: false },
);

export const LivenessBody = Type.Object(
  {
    selfie: Type.Object({ contentType: ImageContentType, data: ImageData }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const StatusResponse = Type.Object({
  status: Type.Enum(KYC_STATUSES),
  title: Type.String(),
  reason: Nullable(Type.Enum(KYC_REASONS)),
  reasonText: Nullable(Type.String()),
  nextStep: Type.Object({ action: Type.Enum(NEXT_STEP_ACTIONS), text: Type.String() }),
  retryAllowed: Type.Boolean(),
  attemptsUsed: Type.Integer(),
  attemptsLeft: Type.Integer(),
  caseId: Nullable(Type.String()),
  maskedIin: Nullable(Type.String({ examples: ['900101******'] })),
  documentTypes: Type.Array(Type.String()),
  nextRetryAt: Nullable(Timestamp),
  updatedAt: Nullable(Timestamp),
  verifiedAt: Nullable(Timestamp),
});

export const WebhookResponse = Type.Object({ status: Type.Enum(['applied', 'duplicate', 'ignored']) });

export const CaseParams = Type.Object({ caseId: Type.String({ pattern: '^kyc_[0-9a-z]{26}$' }) });
export const DocumentParams = Type.Object({
  caseId: Type.String({ pattern: '^kyc_[0-9a-z]{26}$' }),
  documentId: Type.String({ pattern: '^kdoc_[0-9a-z]{26}$' }),
});

export const CaseListQuery = Type.Object({
  status: Type.Optional(Type.Enum(KYC_STATUSES)),
  before: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const CaseSummary = Type.Object({
  caseId: Type.String(),
  userId: Type.String(),
  attempt: Type.Integer(),
  status: Type.Enum(KYC_STATUSES),
  reason: Nullable(Type.Enum(KYC_REASONS)),
  reasonText: Nullable(Type.String()),
  maskedIin: Type.String(),
  documentType: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  purged: Type.Boolean(),
});

export const CaseList = Type.Object({ items: Type.Array(CaseSummary), nextBefore: Nullable(Type.String()) });

const PersonFields = Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean(), Type.Null()]));

export const CaseEvidenceResponse = Type.Object({
  case: CaseSummary,
  iin: Nullable(Type.String({ description: 'Decrypted; this access is audited' })),
  declaredResident: Type.Boolean(),
  consentVersion: Type.String(),
  consentGivenAt: Timestamp,
  recognisedDocument: Nullable(PersonFields),
  statePerson: Nullable(PersonFields),
  providerChecks: Nullable(Type.Record(Type.String(), Type.Unknown())),
  decisionNote: Nullable(Type.String()),
  documents: Type.Array(
    Type.Object({
      documentId: Type.String(),
      side: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
      createdAt: Timestamp,
      available: Type.Boolean(),
    }),
  ),
  history: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      occurredAt: Timestamp,
      actor: Type.String(),
      operation: Type.Enum(JOURNAL_OPERATIONS),
      fromStatus: Nullable(Type.String()),
      toStatus: Nullable(Type.String()),
      result: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
});

const Note = Type.String({
  minLength: 3,
  maxLength: 1000,
  description: 'For colleagues and auditors: no personal data',
});
export const ApproveBody = Type.Object({ note: Note }, { additionalProperties: false });
export const RejectBody = Type.Object(
  { note: Note, final: Type.Boolean({ description: 'false: the user may try again' }) },
  { additionalProperties: false },
);
export const ReopenBody = Type.Object({ note: Note }, { additionalProperties: false });

export const ExportQuery = Type.Object({
  from: Type.String({ format: 'date', description: 'First Almaty day included' }),
  to: Type.String({ format: 'date', description: 'Last Almaty day included' }),
  format: Type.Enum(['csv', 'pdf']),
  locale: Type.Optional(Type.Enum(['ru', 'kk', 'en'])),
});
