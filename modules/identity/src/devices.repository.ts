import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { deviceAuthorizations, type DeviceAuthorizationRow } from './identity.tables.ts';

export type DeviceAuthorizationPatch = Partial<Omit<typeof deviceAuthorizations.$inferInsert, 'id'>>;

export async function insertDeviceAuthorization(
  executor: Executor,
  row: typeof deviceAuthorizations.$inferInsert,
): Promise<void> {
  await executor.insert(deviceAuthorizations).values(row);
}

export async function findDeviceAuthorizationByDeviceCode(
  executor: Executor,
  deviceCodeHash: string,
): Promise<DeviceAuthorizationRow | undefined> {
  const [row] = await executor
    .select()
    .from(deviceAuthorizations)
    .where(eq(deviceAuthorizations.deviceCodeHash, deviceCodeHash))
    .for('update');
  return row;
}

/** A pending, unexpired request by the code the user typed. */
export async function findPendingByUserCode(
  executor: Executor,
  userCode: string,
  now: Date,
  options: { forUpdate?: boolean } = {},
): Promise<DeviceAuthorizationRow | undefined> {
  const query = executor
    .select()
    .from(deviceAuthorizations)
    .where(
      and(
        eq(deviceAuthorizations.userCode, userCode),
        eq(deviceAuthorizations.status, 'pending'),
        gt(deviceAuthorizations.expiresAt, now),
      ),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateDeviceAuthorization(
  executor: Executor,
  id: string,
  patch: DeviceAuthorizationPatch,
): Promise<void> {
  await executor.update(deviceAuthorizations).set(patch).where(eq(deviceAuthorizations.id, id));
}

/** Drops requests that expired unused; consumed ones stay, as they name the session they created. */
export async function purgeExpiredDeviceAuthorizations(executor: Executor, before: Date): Promise<void> {
  await executor
    .delete(deviceAuthorizations)
    .where(and(lt(deviceAuthorizations.expiresAt, before), ne(deviceAuthorizations.status, 'consumed')));
}
