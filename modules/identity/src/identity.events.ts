import { defineEvent, Type } from '@sauda/platform';

/** Events identity publishes. Payloads carry ids only, never personal data. */
export const UserRegistered = defineEvent(
  'identity.user-registered',
  Type.Object({ userId: Type.String(), locale: Type.String() }),
);

export const UserActivated = defineEvent('identity.user-activated', Type.Object({ userId: Type.String() }));

export const UserBlocked = defineEvent(
  'identity.user-blocked',
  Type.Object({ userId: Type.String(), by: Type.String() }),
);

export const UserUnblocked = defineEvent(
  'identity.user-unblocked',
  Type.Object({ userId: Type.String(), by: Type.String() }),
);

export const RoleGranted = defineEvent(
  'identity.role-granted',
  Type.Object({ userId: Type.String(), role: Type.String(), by: Type.String() }),
);

export const RoleRevoked = defineEvent(
  'identity.role-revoked',
  Type.Object({ userId: Type.String(), role: Type.String(), by: Type.String() }),
);

/** Other modules stop acting for the user (payouts, marketing) from here on. */
export const DeletionRequested = defineEvent(
  'identity.deletion-requested',
  Type.Object({ userId: Type.String(), erasureDueAt: Type.String() }),
);

/**
 * Identity erased the user's personal data. Modules erase or anonymize theirs, keeping what the
 * law requires them to retain (ledger, KYC) for its retention period.
 */
export const UserErased = defineEvent('identity.user-erased', Type.Object({ userId: Type.String() }));

/**
 * The account's email or phone is now a different, verified address. Modules that keep a copy of
 * a contact point, or trust it (notification routing, partner records), refresh it from identity.
 */
export const ContactChanged = defineEvent(
  'identity.contact-changed',
  Type.Object({ userId: Type.String(), channel: Type.Union([Type.Literal('email'), Type.Literal('phone')]) }),
);

/** The user took back a deletion request in its grace period: modules resume acting for them. */
export const DeletionCancelled = defineEvent(
  'identity.deletion-cancelled',
  Type.Object({ userId: Type.String() }),
);
