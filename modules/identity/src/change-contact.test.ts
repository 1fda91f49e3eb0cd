import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditModule } from '@sauda/audit';
import { Encryptor, ManualClock } from '@sauda/platform';
import { createTestDatabase, testConfig, type TestDatabase } from '@sauda/testing';
import { confirmContactChange, requestContactChange } from './change-contact.ts';
import type { IdentityContext } from './identity.context.ts';
import { createIdentityContext } from './identity.module.ts';
import type { AuthenticatedUser } from './principal.ts';
import { registerUser } from './register-user.ts';
import { RecordingNotifier } from './testing.ts';
import { currentLegalDocuments } from './users.repository.ts';
import { verifyContact } from './verify-contact.ts';

/** The use case on its own, for what HTTP tests cannot time: two accounts racing for one address. */
let database: TestDatabase;
let ctx: IdentityContext;
const notifier = new RecordingNotifier();
const clock = new ManualClock(new Date());
const PASSWORD = 'a perfectly fine passphrase';

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

async function activeUser(email: string, ip: string): Promise<AuthenticatedUser> {
  const documents = await currentLegalDocuments(database.db, clock.now());
  await registerUser(
    ctx,
    {
      email,
      fullName: 'Асель Серикова',
      password: PASSWORD,
      locale: 'ru',
      acceptedDocuments: documents.map(({ document, version }) => ({ document, version })),
    },
    { ip },
  );
  await verifyContact(ctx, { email, code: notifier.lastCode(email, 'verify-email') ?? '' }, { ip });
  const userId = notifier.messages.findLast((message) => message.address === email)?.userId ?? '';
  return {
    id: userId,
    roles: ['member'],
    permissions: ['*'],
    scopes: ['*'],
    authMethod: 'session',
    sessionId: `ses_${userId.slice(4)}`,
    apiKeyId: undefined,
    secondFactorAt: undefined,
    locale: 'ru',
  };
}

describe('confirmContactChange', () => {
  it('lets exactly one of two accounts racing for one address have it', async () => {
    const first = await activeUser('first@example.kz', '10.8.0.1');
    const second = await activeUser('second@example.kz', '10.8.0.2');
    const wanted = 'wanted@example.kz';
    for (const [user, ip] of [
      [first, '10.8.0.1'],
      [second, '10.8.0.2'],
    ] as const) {
      await requestContactChange(ctx, user, { kind: 'email', address: wanted, password: PASSWORD }, { ip });
    }
    const codeOf = (user: AuthenticatedUser) =>
      notifier.messages.findLast(
        (message) => message.userId === user.id && message.purpose === 'change-email',
      )?.code ?? '';
    const results = await Promise.allSettled(
      [first, second].map((user) =>
        confirmContactChange(ctx, user, { kind: 'email', code: codeOf(user) }, { ip: '10.8.0.3' }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((result) => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'IDENTITY_CONTACT_UNAVAILABLE' });

    const { rows } = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM identity.users WHERE email_index = $1',
      [ctx.encryptor.blindIndex(wanted, 'identity.email')],
    );
    expect(rows[0]?.n).toBe(1);
    // The loser's code is used up all the same, and its old address is left as it was.
    const { rows: open } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.verification_codes
        WHERE purpose = 'change-email' AND consumed_at IS NULL`,
    );
    expect(open[0]?.n).toBe(0);
    expect(notifier.notices.filter((notice) => notice.kind === 'email-changed')).toHaveLength(1);
  });

  it('keeps the pending address only as ciphertext', async () => {
    const user = await activeUser('sealed@example.kz', '10.8.1.1');
    await requestContactChange(
      ctx,
      user,
      { kind: 'email', address: 'Secret.Address@Example.kz', password: PASSWORD },
      { ip: '10.8.1.1' },
    );
    const { rows } = await database.pool.query<Record<string, unknown>>(
      'SELECT * FROM identity.verification_codes WHERE user_id = $1',
      [user.id],
    );
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('secret.address@example.kz');
    expect(rows.some((row) => typeof row.pending_address_ciphertext === 'string')).toBe(true);
    expect(notifier.lastCode('secret.address@example.kz', 'change-email')).toMatch(/^\d{6}$/);
  });
});
