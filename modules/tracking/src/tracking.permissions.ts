/** Permissions of tracking, declared to identity through the composition root. */
export const TrackingPermissions = {
  /** Wrap product links and see one's own links with their clicks (CPA influencers). */
  linksManage: 'tracking.links.manage',
  /** Click aggregates of every partner and user. */
  reportsRead: 'tracking.reports.read',
} as const;

export const trackingPermissionGrants: Readonly<
  Record<string, readonly ('member' | 'partner_manager' | 'support')[]>
> = {
  [TrackingPermissions.linksManage]: ['member'],
  [TrackingPermissions.reportsRead]: ['partner_manager', 'support'],
};
