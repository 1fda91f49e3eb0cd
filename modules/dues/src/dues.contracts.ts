import { Type } from '@sauda/platform';
import { MEMBERSHIP_STATUSES } from './membership-status.ts';
import {
  MEMBER_LOCALES,
  PAGE_LOCALES,
  PAGE_SLUGS,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  REMINDER_CHANNELS,
  STAFF_STATUSES,
} from './dues.tables.ts';

/** Request and response schemas of the dues API; they are the OpenAPI document. */

const strict = { additionalProperties: false } as const;
const literals = <const T extends string>(values: readonly T[]) => Type.Enum([...values]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const PeriodSchema = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', examples: ['2026-03'] });
export const MemberIdSchema = Type.String({ pattern: '^mbr_[0-9a-z]{26}$' });
export const PaymentIdSchema = Type.String({ pattern: '^dpy_[0-9a-z]{26}$' });
export const ImportIdSchema = Type.String({ pattern: '^dim_[0-9a-z]{26}$' });
const Amount = Type.Object(
  {
    amount: Type.String({ pattern: '^\\d+$', examples: ['200000'] }),
    asset: Type.String({ examples: ['KZT'] }),
  },
  strict,
);
const Localized = Type.Object({ ru: Type.String(), kk: Type.String(), en: Type.String() }, strict);
const LocalizedInput = Type.Object(
  {
    ru: Type.String({ minLength: 1, maxLength: 200 }),
    kk: Type.String({ minLength: 1, maxLength: 200 }),
    en: Type.String({ minLength: 1, maxLength: 200 }),
  },
  strict,
);
const Status = literals(MEMBERSHIP_STATUSES);
const Channel = literals(REMINDER_CHANNELS);
const MemberLocale = literals(MEMBER_LOCALES);

const memberFields = {
  fullName: Type.String({ minLength: 1, maxLength: 200, examples: ['Мамедов Эльчин Рашид оглы'] }),
  phone: Type.String({ minLength: 5, maxLength: 32, examples: ['+77011234567'] }),
  email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  iin: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  city: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  preferredChannel: Type.Optional(Channel),
  remindersEnabled: Type.Optional(Type.Boolean()),
  locale: Type.Optional(MemberLocale),
};

export const RegistrationBody = Type.Object(memberFields, strict);
export const StaffMemberBody = Type.Object(
  { ...memberFields, joinedPeriod: Type.Optional(PeriodSchema) },
  strict,
);
export const SelfPatchBody = Type.Object(
  {
    fullName: Type.Optional(memberFields.fullName),
    phone: Type.Optional(memberFields.phone),
    email: memberFields.email,
    iin: memberFields.iin,
    city: memberFields.city,
    preferredChannel: memberFields.preferredChannel,
    remindersEnabled: memberFields.remindersEnabled,
    locale: memberFields.locale,
  },
  { ...strict, minProperties: 1 },
);
export const StaffPatchBody = Type.Object(
  { ...SelfPatchBody.properties, joinedPeriod: Type.Optional(PeriodSchema) },
  { ...strict, minProperties: 1 },
);

export const MemberSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.Integer(),
    userId: Nullable(Type.String()),
    fullName: Type.String(),
    phone: Type.String(),
    email: Nullable(Type.String()),
    iinMasked: Nullable(Type.String()),
    city: Nullable(Type.String()),
    preferredChannel: Channel,
    remindersEnabled: Type.Boolean(),
    locale: MemberLocale,
    joinedPeriod: Type.String(),
    status: Status,
    staffStatus: literals(STAFF_STATUSES),
    staffStatusReason: Nullable(Type.String()),
    source: literals(['registration', 'import', 'staff'] as const),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  strict,
);

const Requisites = Type.Object(
  {
    recipient: Type.String({ minLength: 1, maxLength: 200 }),
    bin: Type.String({ pattern: '^\\d{12}$' }),
    bank: Type.String({ minLength: 1, maxLength: 200 }),
    iban: Type.String({ pattern: '^KZ[0-9A-Z]{18}$' }),
    kaspiPhone: Type.Optional(Type.String({ maxLength: 32 })),
  },
  strict,
);

const PeriodAmount = Type.Object({ period: Type.String(), amount: Amount }, strict);

export const CabinetSchema = Type.Object(
  {
    member: MemberSchema,
    currentPeriod: Type.String(),
    deadline: Type.String({ format: 'date' }),
    fee: Amount,
    currentPeriodPaid: Type.Boolean(),
    payablePeriods: Type.Array(PeriodAmount),
    arrears: Type.Array(PeriodAmount),
    methods: Type.Object({ kaspiQr: Type.Boolean(), transfer: Type.Boolean() }, strict),
    requisites: Nullable(Requisites),
  },
  strict,
);

const Online = Type.Object(
  {
    provider: Type.String(),
    status: literals(['created', 'paid', 'failed', 'expired', 'amount-mismatch'] as const),
    qrPayload: Nullable(Type.String()),
    paymentUrl: Nullable(Type.String()),
    expiresAt: Nullable(Type.String({ format: 'date-time' })),
    qrImage: Type.Optional(Type.String({ description: 'PNG data URL of the QR code' })),
  },
  strict,
);

const paymentFields = {
  id: Type.String(),
  memberId: Type.String(),
  period: Type.String(),
  amount: Amount,
  status: literals(PAYMENT_STATUSES),
  method: literals(PAYMENT_METHODS),
  reference: Type.String({ description: 'What to write in the transfer comment' }),
  note: Nullable(Type.String()),
  receipt: Nullable(
    Type.Object(
      { contentType: Type.String(), bytes: Type.Integer(), uploadedAt: Type.String({ format: 'date-time' }) },
      strict,
    ),
  ),
  ledgerTransferId: Nullable(Type.String()),
  confirmedAt: Nullable(Type.String({ format: 'date-time' })),
  confirmedBy: Nullable(Type.String()),
  rejectedAt: Nullable(Type.String({ format: 'date-time' })),
  rejectionReason: Nullable(Type.String()),
  refundedAt: Nullable(Type.String({ format: 'date-time' })),
  refundReason: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  online: Nullable(Online),
};
export const PaymentSchema = Type.Object(paymentFields, strict);
export const StaffPaymentSchema = Type.Object(
  { ...paymentFields, memberName: Type.String(), memberPhone: Type.String(), memberNumber: Type.Integer() },
  strict,
);

export const PaymentHistorySchema = Type.Object(
  {
    months: Type.Array(
      Type.Object(
        {
          period: Type.String(),
          state: literals(['paid', 'pending', 'unpaid', 'upcoming'] as const),
          amount: Amount,
          paymentId: Nullable(Type.String()),
          confirmedAt: Nullable(Type.String({ format: 'date-time' })),
        },
        strict,
      ),
    ),
    payments: Type.Array(PaymentSchema),
  },
  strict,
);

export const StartPaymentBody = Type.Object(
  {
    period: Type.Optional(PeriodSchema),
    method: literals(['kaspi_qr', 'kaspi_transfer'] as const),
  },
  strict,
);

export const StartPaymentResponse = Type.Object(
  {
    payment: PaymentSchema,
    transfer: Nullable(
      Type.Object(
        {
          requisites: Requisites,
          amount: Amount,
          reference: Type.String(),
          instruction: Type.String(),
        },
        strict,
      ),
    ),
  },
  strict,
);

export const PaymentParams = Type.Object({ paymentId: PaymentIdSchema }, strict);
export const MemberParams = Type.Object({ memberId: MemberIdSchema }, strict);
export const ImportParams = Type.Object({ importId: ImportIdSchema }, strict);

export const TicketSchema = Type.Object(
  {
    token: Type.String(),
    url: Type.String(),
    qrImage: Type.String(),
    memberNumber: Type.Integer(),
    fullName: Type.String(),
    status: Status,
  },
  strict,
);

export const TicketCheckBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
export const TicketCheckResponse = Type.Object(
  {
    valid: Type.Literal(true),
    member: Type.Object(
      {
        id: Type.String(),
        number: Type.Integer(),
        fullName: Type.String(),
        status: Status,
        currentPeriod: Type.String(),
        paidThrough: Nullable(Type.String({ description: 'The latest period with a confirmed payment' })),
      },
      strict,
    ),
  },
  strict,
);

export const PageSlugSchema = literals(PAGE_SLUGS);
export const PageLocaleSchema = literals(PAGE_LOCALES);
export const PageSchema = Type.Object(
  {
    slug: PageSlugSchema,
    locale: PageLocaleSchema,
    version: Type.Integer(),
    title: Type.String(),
    body: Type.String({ description: 'Markdown' }),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
  },
  strict,
);
export const PageList = Type.Object({ items: Type.Array(PageSchema) }, strict);
export const PageParams = Type.Object({ slug: PageSlugSchema }, strict);
export const PageQuery = Type.Object({ locale: Type.Optional(PageLocaleSchema) }, strict);
export const PageEditParams = Type.Object({ slug: PageSlugSchema, locale: PageLocaleSchema }, strict);
export const PageBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ maxLength: 100_000 }),
    baseVersion: Type.Integer({ minimum: 0, description: 'The version the edit started from (0: new page)' }),
  },
  strict,
);

const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
};
const memberFilters = {
  status: Type.Optional(Status),
  unpaidPeriod: Type.Optional(PeriodSchema),
  city: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
};
export const MemberListQuery = Type.Object({ ...memberFilters, ...Paging }, strict);
export const MemberExportQuery = Type.Object(
  { ...memberFilters, period: Type.Optional(PeriodSchema) },
  strict,
);
export const MemberPage = Type.Object(
  {
    items: Type.Array(Type.Object({ ...MemberSchema.properties, arrearsCount: Type.Integer() }, strict)),
    total: Type.Integer(),
  },
  strict,
);

const paymentFilters = {
  status: Type.Optional(literals(PAYMENT_STATUSES)),
  period: Type.Optional(PeriodSchema),
  method: Type.Optional(literals(PAYMENT_METHODS)),
  memberId: Type.Optional(MemberIdSchema),
};
export const PaymentListQuery = Type.Object({ ...paymentFilters, ...Paging }, strict);
export const PaymentExportQuery = Type.Object(paymentFilters, strict);
export const PaymentPage = Type.Object(
  { items: Type.Array(StaffPaymentSchema), total: Type.Integer() },
  strict,
);

export const StatusChangeBody = Type.Object(
  { status: literals(STAFF_STATUSES), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  strict,
);
export const ConfirmBody = Type.Object({ period: Type.Optional(PeriodSchema) }, strict);
export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, strict);
export const ManualPaymentBody = Type.Object(
  {
    memberId: MemberIdSchema,
    period: PeriodSchema,
    method: literals(['manual', 'kaspi_transfer', 'other'] as const),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  strict,
);
export const BulkConfirmBody = Type.Object(
  { paymentIds: Type.Array(PaymentIdSchema, { minItems: 1, maxItems: 100 }) },
  strict,
);
export const BulkConfirmResponse = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          paymentId: Type.String(),
          status: literals(['confirmed', 'failed'] as const),
          code: Nullable(Type.String()),
          message: Nullable(Type.String()),
        },
        strict,
      ),
    ),
  },
  strict,
);

export const MemberCardSchema = Type.Object(
  {
    member: MemberSchema,
    arrears: Type.Array(PeriodAmount),
    history: PaymentHistorySchema,
  },
  strict,
);

export const CollectedQuery = Type.Object({ from: PeriodSchema, to: PeriodSchema }, strict);
export const CollectedReportSchema = Type.Object(
  {
    months: Type.Array(
      Type.Object(
        {
          period: Type.String(),
          payments: Type.Integer(),
          collected: Type.Array(Amount),
          refunded: Type.Integer(),
        },
        strict,
      ),
    ),
    treasury: Type.Array(Amount),
  },
  strict,
);
export const ArrearsReportSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          memberId: Type.String(),
          number: Type.Integer(),
          fullName: Type.String(),
          phone: Type.String(),
          status: Type.String(),
          periods: Type.Array(Type.String()),
          owed: Type.Array(Amount),
        },
        strict,
      ),
    ),
  },
  strict,
);

export const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  strict,
);
export const AuditPage = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          seq: Type.Integer(),
          id: Type.String(),
          occurredAt: Type.String({ format: 'date-time' }),
          actor: Type.String(),
          action: Type.String(),
          entityType: Type.String(),
          entityId: Nullable(Type.String()),
          before: Type.Unknown(),
          after: Type.Unknown(),
          ip: Nullable(Type.String()),
          userAgent: Nullable(Type.String()),
          requestId: Nullable(Type.String()),
        },
        strict,
      ),
    ),
    nextBefore: Nullable(Type.Integer()),
  },
  strict,
);

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Boolean({ default: true }),
    fileName: Type.String({ minLength: 1, maxLength: 200, default: 'members.csv' }),
  },
  strict,
);
const ImportRowError = Type.Object(
  { row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() },
  strict,
);
export const ImportReportSchema = Type.Object(
  {
    id: Type.String(),
    status: literals(['running', 'completed', 'failed'] as const),
    dryRun: Type.Boolean(),
    format: literals(['csv', 'xlsx'] as const),
    totalRows: Type.Integer(),
    processedRows: Type.Integer(),
    createdMembers: Type.Integer(),
    updatedMembers: Type.Integer(),
    paymentsCreated: Type.Integer(),
    errors: Type.Array(ImportRowError),
    preview: Type.Array(
      Type.Object(
        {
          row: Type.Integer(),
          fullName: Type.String(),
          phone: Type.String(),
          action: literals(['create', 'update'] as const),
          paidMonths: Type.Array(Type.String()),
        },
        strict,
      ),
    ),
    startedAt: Type.String({ format: 'date-time' }),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  strict,
);

export const SettingsSchema = Type.Object(
  {
    communityName: Localized,
    previousMonths: Type.Integer(),
    futureMonths: Type.Integer(),
    requisites: Nullable(Requisites),
    reminderOffsets: Type.Array(Type.Integer()),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
    feeSchedule: Type.Array(
      Type.Object(
        {
          effectiveFrom: Type.String(),
          amount: Amount,
          deadlineDay: Type.Integer(),
          createdAt: Type.String({ format: 'date-time' }),
          createdBy: Type.String(),
        },
        strict,
      ),
    ),
  },
  strict,
);
export const SettingsPatchBody = Type.Object(
  {
    communityName: Type.Optional(LocalizedInput),
    previousMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })),
    futureMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })),
    requisites: Type.Optional(Nullable(Requisites)),
    reminderOffsets: Type.Optional(Type.Array(Type.Integer({ minimum: -27, maximum: 27 }), { maxItems: 10 })),
  },
  { ...strict, minProperties: 1 },
);
export const FeeChangeBody = Type.Object(
  {
    effectiveFrom: PeriodSchema,
    amount: Type.String({ pattern: '^[1-9]\\d{0,17}$', description: 'Minor units', examples: ['250000'] }),
    currency: Type.String({ pattern: '^[A-Z][A-Z0-9]{1,11}$', default: 'KZT' }),
    deadlineDay: Type.Integer({ minimum: 1, maximum: 28 }),
  },
  strict,
);

export const WebhookResponse = Type.Object(
  { status: literals(['applied', 'duplicate', 'ignored'] as const) },
  strict,
);
