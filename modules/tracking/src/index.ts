import type { ModuleMigrations } from '@sauda/platform';

export {
  createTrackingModule,
  type TrackingApi,
  type TrackingDeps,
  type TrackingModule,
} from './tracking.module.ts';
export type {
  ProblemRequest,
  RedirectFastPath,
  RedirectFastPathOptions,
  RedirectSample,
} from './fast-redirect.ts';
export { CLICK_ID_LENGTH, mintClickId, readClickId, type ClickClaims, type ClickRoute } from './click-id.ts';
export { CONTEXT_COOKIE } from './click-context.ts';
export type { ClickAttribution } from './resolve-click.ts';
export type { ProbableClick, ProbableClickQuery } from './probable-click.ts';
export type { DailyClicksFilter } from './click-reports.ts';
export { TrackingErrors } from './tracking.errors.ts';
export { TrackingPermissions, trackingPermissionGrants } from './tracking.permissions.ts';
export { checkTarget, MAX_TARGET_LENGTH, type TargetCheck, type TargetProblem } from './safe-target.ts';

export const trackingMigrations: ModuleMigrations = {
  module: 'tracking',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform', 'catalog'],
};
