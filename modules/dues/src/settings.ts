import { AppError, type Executor, type Localized } from '@sauda/platform';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { settings, type Requisites, type SettingsRow } from './dues.tables.ts';

/** What the community shows and allows; changes apply at once. */
export interface DuesSettings {
  readonly communityName: Localized;
  /** How many months back a member may pay online (staff can record any month). */
  readonly previousMonths: number;
  /** How many months ahead a member may pay. */
  readonly futureMonths: number;
  readonly requisites: Requisites | null;
  /** Days relative to the deadline day on which unpaid members are reminded (−3: three days before). */
  readonly reminderOffsets: readonly number[];
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type SettingsPatch = Partial<Omit<DuesSettings, 'updatedAt' | 'updatedBy'>>;

const toSettings = (row: SettingsRow): DuesSettings => ({
  communityName: row.communityName,
  previousMonths: row.previousMonths,
  futureMonths: row.futureMonths,
  requisites: row.requisites,
  reminderOffsets: row.reminderOffsets,
  updatedAt: row.updatedAt.toISOString(),
  updatedBy: row.updatedBy,
});

export async function loadSettings(executor: Executor): Promise<DuesSettings> {
  const [row] = await executor.select().from(settings);
  if (!row) throw new Error('dues.settings has no row');
  return toSettings(row);
}

export async function updateSettings(
  ctx: DuesContext,
  actor: Actor,
  patch: SettingsPatch,
): Promise<DuesSettings> {
  const offsets = patch.reminderOffsets;
  if (offsets && (new Set(offsets).size !== offsets.length || offsets.some((day) => day < -27 || day > 27)))
    throw new AppError(DuesErrors.DUES_INVALID_SETTINGS, { params: { field: 'reminderOffsets' } });
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(settings).for('update');
    if (!before) throw new Error('dues.settings has no row');
    const [after] = await tx
      .update(settings)
      .set({
        ...(patch.communityName ? { communityName: patch.communityName } : {}),
        ...(patch.previousMonths === undefined ? {} : { previousMonths: patch.previousMonths }),
        ...(patch.futureMonths === undefined ? {} : { futureMonths: patch.futureMonths }),
        ...(patch.requisites === undefined ? {} : { requisites: patch.requisites }),
        ...(offsets ? { reminderOffsets: [...offsets].sort((a, b) => a - b) } : {}),
        updatedAt: ctx.clock.now(),
        updatedBy: actor.id,
      })
      .returning();
    if (!after) throw new Error('dues.settings has no row');
    const { updatedAt: _beforeAt, updatedBy: _beforeBy, ...beforeValues } = toSettings(before);
    const { updatedAt: _afterAt, updatedBy: _afterBy, ...afterValues } = toSettings(after);
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'dues.settings-changed',
      entityType: 'dues-settings',
      entityId: 'settings',
      before: beforeValues,
      after: afterValues,
      context: actor.context,
    });
    return toSettings(after);
  });
}
