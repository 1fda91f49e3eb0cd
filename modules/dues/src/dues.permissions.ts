import type { PermissionGrants } from '@sauda/identity';

/** Permissions of the dues product, declared to identity through the composition root. */
export const DuesPermissions = {
  /** The members list, member cards and their history. */
  membersRead: 'dues.members.read',
  /** Edit members, suspend or block them, import members. */
  membersManage: 'dues.members.manage',
  /** Payments: receipts, confirm, reject, refund, manual entry, bulk confirm, CSV export. */
  paymentsManage: 'dues.payments.manage',
  reportsRead: 'dues.reports.read',
  /** Scan a membership ticket to see whether its holder is active. */
  ticketsCheck: 'dues.tickets.check',
  /** The public content pages in ru and kk. */
  pagesManage: 'dues.pages.manage',
  /** Fee schedule, payable months, bank details, reminder schedule. */
  settingsManage: 'dues.settings.manage',
  auditRead: 'dues.audit.read',
} as const;

/** admin holds all of these; cashiers handle money, content managers the pages. */
export const duesPermissionGrants: PermissionGrants = {
  [DuesPermissions.membersRead]: ['cashier'],
  [DuesPermissions.membersManage]: [],
  [DuesPermissions.paymentsManage]: ['cashier'],
  [DuesPermissions.reportsRead]: ['cashier'],
  [DuesPermissions.ticketsCheck]: ['cashier'],
  [DuesPermissions.pagesManage]: ['content_manager'],
  [DuesPermissions.settingsManage]: [],
  [DuesPermissions.auditRead]: [],
};
