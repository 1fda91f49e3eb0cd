/** Permissions of the catalog, declared to identity through the composition root. */
export const CatalogPermissions = {
  /** Create, change, pause and archive partners; upload logos; read drafts and rate history. */
  partnersManage: 'catalog.partners.manage',
  categoriesManage: 'catalog.categories.manage',
} as const;

/** Which roles (besides admin) hold each permission; the shape of identity's PermissionGrants. */
export const catalogPermissionGrants: Readonly<
  Record<string, readonly ('partner_manager' | 'content_manager')[]>
> = {
  [CatalogPermissions.partnersManage]: ['partner_manager'],
  [CatalogPermissions.categoriesManage]: ['partner_manager', 'content_manager'],
};
