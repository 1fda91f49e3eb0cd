import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Encryptor, Executor } from '@sauda/platform';
import { devices } from './referrals.tables.ts';

/**
 * Devices, as far as a server can tell them apart: the network fingerprint (address, browser,
 * language) and the device id the app keeps in its own storage, each stored only as a keyed hash.
 * Two accounts seen on the same device are treated as one person for referrals.
 */

export interface DeviceSignals {
  readonly ip?: string | undefined;
  readonly userAgent?: string | undefined;
  readonly language?: string | undefined;
  /** The `X-Device-Id` the app sends, if any. */
  readonly deviceId?: string | undefined;
}

export function fingerprintsOf(encryptor: Pick<Encryptor, 'blindIndex'>, signals: DeviceSignals): string[] {
  const prints: string[] = [];
  if (signals.ip) {
    const network = `${signals.ip}\n${signals.userAgent ?? ''}\n${signals.language ?? ''}`;
    prints.push(`n:${encryptor.blindIndex(network, 'referrals.network')}`);
  }
  if (signals.deviceId) prints.push(`d:${encryptor.blindIndex(signals.deviceId, 'referrals.device')}`);
  return prints;
}

export async function recordDevices(
  executor: Executor,
  userId: string,
  fingerprints: readonly string[],
  now: Date,
): Promise<void> {
  if (fingerprints.length === 0) return;
  await executor
    .insert(devices)
    .values(fingerprints.map((fingerprint) => ({ userId, fingerprint, firstSeenAt: now, lastSeenAt: now })))
    .onConflictDoUpdate({ target: [devices.userId, devices.fingerprint], set: { lastSeenAt: now } });
}

/** True when `userId` was seen on any of these fingerprints. */
export async function seenOn(
  executor: Executor,
  userId: string,
  fingerprints: readonly string[],
): Promise<boolean> {
  if (fingerprints.length === 0) return false;
  const [row] = await executor
    .select({ userId: devices.userId })
    .from(devices)
    .where(and(eq(devices.userId, userId), inArray(devices.fingerprint, [...fingerprints])))
    .limit(1);
  return row !== undefined;
}

/** True when the two users were ever seen on one device. */
export async function shareDevice(executor: Executor, first: string, second: string): Promise<boolean> {
  const { rows } = await executor.execute<{ shared: boolean }>(sql`
    SELECT EXISTS (
      SELECT 1 FROM referrals.devices a JOIN referrals.devices b USING (fingerprint)
      WHERE a.user_id = ${first} AND b.user_id = ${second}
    ) AS shared`);
  return rows[0]?.shared === true;
}
