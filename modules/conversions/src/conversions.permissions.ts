/** Permissions of conversions, declared to identity through the composition root. */
export const ConversionsPermissions = {
  /** Configure networks, read conversions and the inbox, resolve unattributed conversions, poll now. */
  manage: 'conversions.manage',
} as const;

/** Which roles (besides admin) hold each permission; the shape of identity's PermissionGrants. */
export const conversionsPermissionGrants: Readonly<Record<string, readonly 'partner_manager'[]>> = {
  [ConversionsPermissions.manage]: ['partner_manager'],
};
