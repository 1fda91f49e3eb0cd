import type { PermissionGrants } from '@sauda/identity';

export const KycPermissions = {
  /** See the review queue (masked) and approve, reject or reopen cases. */
  review: 'kyc.cases.review',
  /** Decrypted personal data and document images; also needs the compliance_officer role itself. */
  personalDataRead: 'kyc.personal-data.read',
  /** Export the KYC journal for the regulator. */
  journalExport: 'kyc.journal.export',
} as const;

/** Handed to identity by the composition root; `admin` holds every permission anyway. */
export const kycPermissionGrants: PermissionGrants = {
  [KycPermissions.review]: ['compliance_officer'],
  [KycPermissions.personalDataRead]: ['compliance_officer'],
  [KycPermissions.journalExport]: ['compliance_officer'],
};

export const COMPLIANCE_ROLE = 'compliance_officer';
