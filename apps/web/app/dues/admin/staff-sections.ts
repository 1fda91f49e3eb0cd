/**
 * The staff area's sections and the roles that may use them, mirroring the dues permissions
 * (modules/dues/src/dues.permissions.ts; admin holds every permission). The API enforces them on
 * every call; the pages use this only to show a clear 403 early and to hide links a role cannot use.
 */
export const STAFF_SECTIONS = {
  payments: ['admin', 'cashier'],
  reports: ['admin', 'cashier'],
  tickets: ['admin', 'cashier'],
  members: ['admin', 'cashier'],
  import: ['admin'],
  audit: ['admin'],
  pages: ['admin', 'content_manager'],
  settings: ['admin'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type StaffSection = keyof typeof STAFF_SECTIONS;

/** In the order of the staff menu. */
export const SECTION_ORDER: readonly StaffSection[] = [
  'payments',
  'reports',
  'tickets',
  'members',
  'import',
  'audit',
  'pages',
  'settings',
];

/** The roles that open the staff area at all. */
export const DUES_STAFF_ROLES: readonly string[] = ['admin', 'cashier', 'content_manager'];

export const maySee = (roles: readonly string[], section: StaffSection): boolean =>
  roles.some((role) => (STAFF_SECTIONS[section] as readonly string[]).includes(role));

/** The sections a person may open; every section when their roles are unknown. */
export const visibleSections = (roles: readonly string[] | null): readonly StaffSection[] =>
  roles === null ? SECTION_ORDER : SECTION_ORDER.filter((section) => maySee(roles, section));

/** Editing members and changing their status (`dues.members.manage`): admins only; cashiers read cards. */
export const mayManageMembers = (roles: readonly string[]): boolean => roles.includes('admin');
