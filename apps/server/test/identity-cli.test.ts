import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';

const CLI = fileURLToPath(new URL('../src/cli/sauda.ts', import.meta.url));
const oldKey = Buffer.alloc(32, 5).toString('base64');
const newKey = Buffer.alloc(32, 6).toString('base64');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, stdin?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SAUDA_ENCRYPTION_KEYS: `old:${oldKey}`,
        SAUDA_BLIND_INDEX_KEY: oldKey,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

// Each spawn boots the whole CLI (a few seconds on a busy machine), hence the longer timeouts.
describe('sauda admin create', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('creates the first admin once, and says clearly what it did or why not', async () => {
    const env = { DATABASE_URL: database.url };
    const args = ['admin', 'create', '--email', 'Admin@Example.kz', '--name', 'Первый Админ'];
    const created = await run([...args, '--password', 'a long admin passphrase'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^administrator created: usr_[0-9a-z]+$/m);

    // Again, with the password piped on stdin: nothing changes.
    const again = await run(args, env, 'a long admin passphrase\n');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already an administrator: usr_[0-9a-z]+ \(nothing changed\)/);

    const weak = await run(
      ['admin', 'create', '--phone', '+77019998877', '--name', 'X', '--password', 'short'],
      env,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('error: The password must be at least 10 characters long');

    const noContact = await run(['admin', 'create', '--name', 'Nobody', '--password', 'whatever long'], env);
    expect(noContact.code).toBe(2);
    expect(noContact.stderr).toContain('--email and/or --phone');

    const { rows } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.user_roles WHERE role = 'admin'`,
    );
    expect(rows[0]?.n).toBe(1);
    // The email is stored encrypted only.
    const stored = await database.pool.query<{ email: string }>(
      'SELECT email_ciphertext AS email FROM identity.users',
    );
    expect(stored.rows[0]?.email).toMatch(/^v1\.old\./);
    expect(JSON.stringify(stored.rows)).not.toContain('example.kz');
  }, 120_000);

  it('keys rotate re-wraps identity personal data under the new key', async () => {
    const rotated = await run(['keys', 'rotate'], {
      DATABASE_URL: database.url,
      SAUDA_ENCRYPTION_KEYS: `old:${oldKey},new:${newKey}`,
      SAUDA_ENCRYPTION_ACTIVE_KEY: 'new',
    });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain('identity.users.email_ciphertext: 1 re-wrapped');
    expect(rotated.stdout).toContain('identity.users.full_name_ciphertext: 1 re-wrapped');
    const signIn = await run(
      ['admin', 'create', '--email', 'admin@example.kz', '--name', 'Первый Админ'],
      {
        DATABASE_URL: database.url,
        SAUDA_ENCRYPTION_KEYS: `old:${oldKey},new:${newKey}`,
        SAUDA_ENCRYPTION_ACTIVE_KEY: 'new',
      },
      'a long admin passphrase\n',
    );
    expect(signIn.stdout).toContain('already an administrator');
  }, 120_000);
});
