import type { PermissionGrants } from '@sauda/identity';

export const LedgerPermissions = {
  /** Any account's balances, statements and transfers (support answers "where is my money"). */
  readAny: 'ledger.read-any',
  /** Post a manual adjustment between two accounts, with a mandatory reason (audited). */
  adjust: 'ledger.adjust',
} as const;

/** Handed to identity by the composition root; `admin` holds every permission anyway. */
export const ledgerPermissionGrants: PermissionGrants = {
  [LedgerPermissions.readAny]: ['support', 'compliance_officer', 'cashier'],
  [LedgerPermissions.adjust]: [],
};
