import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, drizzleFor } from '@sauda/platform';
import { buildApp, type SaudaApp } from '@sauda/server';
import { createTestDatabase, testConfig, type TestDatabase } from '@sauda/testing';

/** A TCP proxy in front of PostgreSQL that the test can cut and restore, like a failing network or server. */
class CuttableProxy {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  port = 0;
  readonly #target: { host: string; port: number };

  constructor(target: { host: string; port: number }) {
    this.#target = target;
  }

  async open(): Promise<void> {
    this.#server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.#target.port, this.#target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => this.#sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.#server?.listen(this.port, '127.0.0.1', resolve));
    const address = this.#server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async cut(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    if (!server?.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}

describe('database outage', () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let app: SaudaApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.open();
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    const pool = createPool(viaProxy.toString(), { max: 4, statementTimeoutMs: 5_000 });
    const config = testConfig(viaProxy.toString());
    app = await buildApp(config, {
      database: { url: viaProxy.toString(), pool, db: drizzleFor(pool), close: () => pool.end() },
    });
    app.get(
      '/test/db',
      async () => (await app.sauda.database.pool.query<{ answer: number }>('SELECT 42 AS answer')).rows[0],
    );
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await proxy.cut();
    await database.close();
  });

  it('answers 503 with Retry-After while the database is down, and recovers when it returns', async () => {
    expect((await app.inject({ url: '/test/db' })).json()).toEqual({ answer: 42 });

    await proxy.cut();
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not-ready', checks: { database: { ok: false } } });
    const api = await app.inject({ url: '/test/db', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(api.json()).toMatchObject({
      code: 'PLATFORM_UNAVAILABLE',
      title: 'The service is temporarily unavailable, please retry later',
    });
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);

    await proxy.open();
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/test/db' })).json()).toEqual({ answer: 42 });
  });
});
