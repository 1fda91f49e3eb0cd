import { Type } from '@sauda/platform';
import { STAFF_ROLES, ROLES } from './roles.ts';

/** Request and response schemas of the identity API; they are the OpenAPI document. */

const strict = { additionalProperties: false } as const;

export const LocaleSchema = Type.Union([Type.Literal('ru'), Type.Literal('kk'), Type.Literal('en')]);
const Email = Type.String({ minLength: 3, maxLength: 254, examples: ['aigerim@example.kz'] });
const Phone = Type.String({ minLength: 5, maxLength: 32, examples: ['+7 701 234 56 78'] });
const Password = Type.String({ minLength: 1, maxLength: 256, description: 'At least 10 characters' });
const Code = Type.String({ minLength: 1, maxLength: 32 });
const Altcha = Type.String({
  maxLength: 8192,
  description: 'ALTCHA payload (base64); required once the endpoint answers IDENTITY_CHALLENGE_REQUIRED',
});
const Instant = Type.String({ format: 'date-time' });
const IdParam = (prefix: string) =>
  Type.String({ minLength: 3, maxLength: 64, pattern: `^${prefix}_[0-9a-z]+$` });

export const ContactBody = Type.Object(
  { email: Type.Optional(Email), phone: Type.Optional(Phone), altcha: Type.Optional(Altcha) },
  strict,
);

export const RegisterBody = Type.Object(
  {
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Password,
    locale: LocaleSchema,
    acceptedDocuments: Type.Array(
      Type.Object(
        { document: Type.String({ maxLength: 32 }), version: Type.String({ maxLength: 64 }) },
        strict,
      ),
      { maxItems: 10 },
    ),
    altcha: Type.Optional(Altcha),
  },
  strict,
);

export const VerificationSent = Type.Object({
  status: Type.Literal('verification-sent'),
  channels: Type.Array(Type.Union([Type.Literal('email'), Type.Literal('sms')])),
  codeExpiresInSeconds: Type.Integer(),
});

export const VerifyBody = Type.Object(
  {
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    code: Code,
    altcha: Type.Optional(Altcha),
  },
  strict,
);

export const Accepted = Type.Object({
  status: Type.Literal('accepted'),
  retryAfterSeconds: Type.Integer({ description: 'Earliest time to ask for another code' }),
});

export const Done = Type.Object({ status: Type.Literal('ok') });

export const LegalDocumentsResponse = Type.Object({
  documents: Type.Array(
    Type.Object({
      document: Type.String(),
      version: Type.String(),
      url: Type.String(),
      publishedAt: Instant,
    }),
  ),
});

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Phone number or email' }),
    password: Password,
    secondFactor: Type.Optional(Code),
    altcha: Type.Optional(Altcha),
  },
  strict,
);

export const LoginResponse = Type.Object({
  userId: Type.String(),
  csrfToken: Type.String({ description: 'Send back as X-CSRF-Token on state-changing requests' }),
  expiresAt: Instant,
});

export const TokenBody = Type.Object(
  {
    grant_type: Type.Union([
      Type.Literal('password'),
      Type.Literal('refresh_token'),
      Type.Literal('urn:ietf:params:oauth:grant-type:device_code'),
    ]),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    password: Type.Optional(Password),
    otp: Type.Optional(Code),
    refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    device_code: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    client_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    altcha: Type.Optional(Altcha),
  },
  strict,
);

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  refresh_token: Type.String(),
  scope: Type.String(),
});

export const JwksResponse = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.String(),
      kid: Type.String(),
      alg: Type.String(),
      use: Type.String(),
      crv: Type.Optional(Type.String()),
      x: Type.Optional(Type.String()),
      y: Type.Optional(Type.String()),
    }),
  ),
});

export const ChallengeResponse = Type.Object({
  parameters: Type.Record(Type.String(), Type.Unknown()),
  signature: Type.Optional(Type.String()),
});

export const DeviceCodeBody = Type.Object(
  {
    client_id: Type.String({ minLength: 1, maxLength: 64 }),
    scope: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  strict,
);

export const DeviceCodeResponse = Type.Object({
  device_code: Type.String(),
  user_code: Type.String(),
  verification_uri: Type.String(),
  verification_uri_complete: Type.String(),
  expires_in: Type.Integer(),
  interval: Type.Integer(),
});

export const UserCodeQuery = Type.Object({ user_code: Type.String({ minLength: 1, maxLength: 16 }) }, strict);
export const UserCodeBody = Type.Object({ userCode: Type.String({ minLength: 1, maxLength: 16 }) }, strict);

export const DeviceRequestResponse = Type.Object({
  clientId: Type.String(),
  clientName: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: Instant,
});

export const PasswordResetBody = Type.Object(
  {
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    code: Code,
    newPassword: Password,
    altcha: Type.Optional(Altcha),
  },
  strict,
);

const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));
export const StaffRoleSchema = Type.Union(STAFF_ROLES.map((role) => Type.Literal(role)));

export const ProfileResponse = Type.Object({
  id: Type.String(),
  status: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  emailVerified: Type.Boolean(),
  phone: Type.Union([Type.String(), Type.Null()]),
  phoneVerified: Type.Boolean(),
  fullName: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  roles: Type.Array(RoleSchema),
  twoFactorEnabled: Type.Boolean(),
  backupCodesRemaining: Type.Integer(),
  blockedReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});

/** What the owner changes without verification; at least one field. */
export const UpdateProfileBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    // An enum rather than LocaleSchema's union, so a wrong value gets one message naming the choices.
    locale: Type.Optional(
      Type.Unsafe<'ru' | 'kk' | 'en'>({ type: 'string', enum: ['ru', 'kk', 'en'], examples: ['kk'] }),
    ),
  },
  { ...strict, minProperties: 1 },
);

export const MeResponse = Type.Object({
  profile: ProfileResponse,
  permissions: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
  authMethod: Type.String(),
  secondFactorAt: Type.Union([Instant, Type.Null()]),
});

export const SessionKindQuery = Type.Object(
  { kind: Type.Optional(Type.Union([Type.Literal('web'), Type.Literal('api'), Type.Literal('device')])) },
  strict,
);

export const SessionsResponse = Type.Object({
  sessions: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      client: Type.String(),
      scopes: Type.Array(Type.String()),
      ip: Type.Union([Type.String(), Type.Null()]),
      userAgent: Type.Union([Type.String(), Type.Null()]),
      createdAt: Instant,
      lastSeenAt: Instant,
      expiresAt: Instant,
      current: Type.Boolean(),
    }),
  ),
});

export const SessionParams = Type.Object({ sessionId: IdParam('ses') }, strict);

export const TwoFactorSetupResponse = Type.Object({
  secret: Type.String({ description: 'Base32 secret, for typing into an authenticator app' }),
  otpauthUri: Type.String(),
  qrCodeDataUrl: Type.String({ description: 'PNG data URL of the otpauth URI' }),
});

export const CodeBody = Type.Object({ code: Code }, strict);
export const BackupCodesResponse = Type.Object({ backupCodes: Type.Array(Type.String()) });
export const DisableTwoFactorBody = Type.Object({ password: Password, code: Code }, strict);
export const StepUpResponse = Type.Object({ secondFactorAt: Instant });
export const PasswordBody = Type.Object({ password: Password }, strict);
export const DeletionResponse = Type.Object({ erasureDueAt: Instant });

const ApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Instant,
  lastUsedAt: Type.Union([Instant, Type.Null()]),
  revokedAt: Type.Union([Instant, Type.Null()]),
});

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 }),
  },
  strict,
);
export const CreatedApiKey = Type.Intersect([
  ApiKeyView,
  Type.Object({ key: Type.String({ description: 'Shown once; store it now' }) }),
]);
export const ApiKeysResponse = Type.Object({ apiKeys: Type.Array(ApiKeyView) });
export const ApiKeyParams = Type.Object({ keyId: IdParam('key') }, strict);

export const UserParams = Type.Object({ userId: IdParam('usr') }, strict);
export const RoleParams = Type.Object({ userId: IdParam('usr'), role: StaffRoleSchema }, strict);
export const RoleBody = Type.Object({ role: StaffRoleSchema }, strict);
export const RolesResponse = Type.Object({ roles: Type.Array(RoleSchema) });
export const BlockBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, strict);

const StepUpPassword = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 256,
    description: 'Current password: the step-up of an account without two-factor authentication',
  }),
);
export const ChangeEmailBody = Type.Object(
  { email: Email, password: StepUpPassword, altcha: Type.Optional(Altcha) },
  strict,
);
export const ChangePhoneBody = Type.Object(
  { phone: Phone, password: StepUpPassword, altcha: Type.Optional(Altcha) },
  strict,
);
export const ContactChangeStarted = Type.Object({
  status: Type.Literal('code-sent'),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
  codeExpiresInSeconds: Type.Integer(),
  retryAfterSeconds: Type.Integer({ description: 'Earliest time to ask for another code' }),
});
export const ConfirmChangeBody = Type.Object({ code: Code, altcha: Type.Optional(Altcha) }, strict);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password, altcha: Type.Optional(Altcha) },
  strict,
);
export const PasswordChanged = Type.Object({
  status: Type.Literal('ok'),
  sessionsRevoked: Type.Integer({ description: 'Other sessions that were ended' }),
});

export const CancelDeletionBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Phone number or email' }),
    password: Password,
    secondFactor: Type.Optional(Code),
    altcha: Type.Optional(Altcha),
  },
  strict,
);
