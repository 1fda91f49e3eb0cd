import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { DecryptionError, Encryptor } from './crypto.ts';
import { rotateEncryptedColumns } from './key-rotation.ts';

const key = (): Buffer => randomBytes(32);
const oldKey = { id: 'old', key: key() };
const newKey = { id: 'new', key: key() };
const blindIndexKey = key();

describe('Encryptor', () => {
  const encryptor = new Encryptor({ keys: [oldKey], activeKeyId: 'old', blindIndexKey });

  it('round-trips text and never repeats a ciphertext', () => {
    const a = encryptor.encrypt('900101300123', 'usr_1');
    const b = encryptor.encrypt('900101300123', 'usr_1');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.old.')).toBe(true);
    expect(encryptor.decrypt(a, 'usr_1')).toBe('900101300123');
  });

  it('refuses a ciphertext moved to another row, tampered with, or of unknown format', () => {
    const token = encryptor.encrypt('door 4512', 'bkg_1');
    expect(() => encryptor.decrypt(token, 'bkg_2')).toThrow(DecryptionError);
    const parts = token.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1;
    expect(() =>
      encryptor.decrypt([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'bkg_1'),
    ).toThrow(DecryptionError);
    expect(() => encryptor.decrypt('plain text')).toThrow(DecryptionError);
    expect(() => encryptor.decrypt(token.replace('v1.old.', 'v1.gone.'), 'bkg_1')).toThrow(/not configured/);
  });

  it('gives equal blind indexes for equal values, separated by purpose', () => {
    expect(encryptor.blindIndex('900101300123', 'iin')).toBe(encryptor.blindIndex('900101300123', 'iin'));
    expect(encryptor.blindIndex('900101300123', 'iin')).not.toBe(
      encryptor.blindIndex('900101300123', 'phone'),
    );
    expect(Encryptor.sameIndex('abc', 'abc')).toBe(true);
    expect(Encryptor.sameIndex('abc', 'abd')).toBe(false);
  });

  it('rejects an active key that is not configured', () => {
    expect(() => new Encryptor({ keys: [oldKey], activeKeyId: 'nope', blindIndexKey })).toThrow(
      /not configured/,
    );
  });
});

describe('key rotation', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('re-wraps every stored value under the new key, resumably, without changing plaintexts', async () => {
    const before = new Encryptor({ keys: [oldKey], activeKeyId: 'old', blindIndexKey });
    await database.pool.query('CREATE TABLE public.secrets (id text PRIMARY KEY, value text)');
    for (let i = 0; i < 7; i += 1) {
      await database.pool.query('INSERT INTO public.secrets VALUES ($1, $2)', [
        `s${i}`,
        before.encrypt(`secret ${i}`),
      ]);
    }
    await database.pool.query(`INSERT INTO public.secrets VALUES ('empty', NULL)`);
    const after = new Encryptor({ keys: [oldKey, newKey], activeKeyId: 'new', blindIndexKey });
    const column = { schema: 'public', table: 'secrets', idColumn: 'id', column: 'value' };

    const counts = await rotateEncryptedColumns(database.pool, after, [column], 3);
    expect(counts.get('public.secrets.value')).toBe(7);
    expect((await rotateEncryptedColumns(database.pool, after, [column])).get('public.secrets.value')).toBe(
      0,
    );

    const { rows } = await database.pool.query<{ id: string; value: string }>(
      'SELECT id, value FROM public.secrets WHERE value IS NOT NULL ORDER BY id',
    );
    expect(rows.every((row) => after.keyIdOf(row.value) === 'new')).toBe(true);
    const onlyNewKey = new Encryptor({ keys: [newKey], activeKeyId: 'new', blindIndexKey });
    expect(rows.map((row) => onlyNewKey.decrypt(row.value))).toEqual(rows.map((_, i) => `secret ${i}`));
  });
});
