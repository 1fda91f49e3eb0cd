import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditModule } from '@sauda/audit';
import { Encryptor, ManualClock } from '@sauda/platform';
import { createTestDatabase, testConfig, type TestDatabase } from '@sauda/testing';
import type { IdentityContext } from './identity.context.ts';
import { createIdentityContext } from './identity.module.ts';
import { registerUser } from './register-user.ts';
import { RecordingNotifier } from './testing.ts';
import { currentLegalDocuments } from './users.repository.ts';
import { verifyContact } from './verify-contact.ts';

/** The module on its own: a real database, the real audit log, and a notifier that records. */
let database: TestDatabase;
let ctx: IdentityContext;
const notifier = new RecordingNotifier();
const clock = new ManualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  ctx = createIdentityContext({
    db: database.db,
    clock,
    config,
    encryptor: new Encryptor(config.crypto),
    audit: createAuditModule({ db: database.db, clock }).api,
    notifier,
  });
});
afterAll(async () => {
  await database.close();
});

async function input(email: string) {
  const documents = await currentLegalDocuments(database.db, clock.now());
  return {
    email,
    fullName: 'Асель Серикова',
    password: 'a perfectly fine passphrase',
    locale: 'ru' as const,
    acceptedDocuments: documents.map(({ document, version }) => ({ document, version })),
  };
}

describe('registerUser', () => {
  it('creates one account when the same address registers concurrently', async () => {
    const request = await input('race@example.kz');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => registerUser(ctx, request, { ip: `10.9.0.${String(i + 1)}` })),
    );
    expect(results.every((result) => result.channels.join() === 'email')).toBe(true);
    const { rows } = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM identity.users',
    );
    expect(rows[0]?.n).toBe(1);
    expect(notifier.messages.filter((message) => message.address === 'race@example.kz')).toHaveLength(1);
  });

  it('stores personal data only encrypted, and records the consents with the IP', async () => {
    await registerUser(ctx, await input('private@example.kz'), { ip: '10.9.1.1' });
    const { rows } = await database.pool.query<Record<string, unknown>>('SELECT * FROM identity.users');
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('private@example.kz');
    expect(dump).not.toContain('Асель');
    const consents = await database.pool.query<{ document: string; ip: string }>(
      'SELECT document, ip FROM identity.consents ORDER BY document',
    );
    expect(consents.rows.filter((row) => row.ip === '10.9.1.1').map((row) => row.document)).toEqual([
      'privacy',
      'terms',
    ]);
  });

  it('activates the account with the code sent through the notifier port', async () => {
    await registerUser(ctx, await input('port@example.kz'), { ip: '10.9.2.1' });
    const code = notifier.lastCode('port@example.kz', 'verify-email');
    expect(code).toMatch(/^\d{6}$/);
    await verifyContact(ctx, { email: 'port@example.kz', code: code ?? '' }, { ip: '10.9.2.1' });
    const { rows } = await database.pool.query<{ status: string }>(
      `SELECT status FROM identity.users WHERE email_verified_at IS NOT NULL`,
    );
    expect(rows.map((row) => row.status)).toEqual(['active']);
  });
});
