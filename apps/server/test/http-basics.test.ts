import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { AppError, PlatformErrors, Type } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';

const ctx = useTestApp({
  env: { BODY_LIMIT_BYTES: '2048', RATE_LIMIT_PER_MINUTE: '1000' },
  configure(app) {
    app.post(
      '/test/echo',
      {
        schema: {
          body: Type.Object(
            { name: Type.String({ minLength: 2, maxLength: 20 }), age: Type.Integer({ minimum: 0 }) },
            { additionalProperties: false },
          ),
          querystring: Type.Object({ verbose: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request) => ({ received: request.body, verbose: request.query.verbose ?? false }),
    );
    app.get('/test/boom', async () => {
      throw new Error('secret internal detail: password=hunter2');
    });
    app.get('/test/forbidden', async () => {
      throw new AppError(PlatformErrors.PLATFORM_FORBIDDEN);
    });
  },
});

describe('operational endpoints', () => {
  it('answers liveness and readiness', async () => {
    const { app } = ctx();
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, jobs: { ok: true } },
    });
  });

  it('publishes a valid OpenAPI 3.1 document and the docs UI', async () => {
    const { app } = ctx();
    const document = (await app.inject({ url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/ready']).toBeDefined();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('exposes Prometheus metrics by route and status, pool usage, queue depth and outbox lag', async () => {
    const { app } = ctx();
    await app.inject({ url: '/health' });
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(metrics).toMatch(/db_pool_connections\{state="total"\}/);
    expect(metrics).toContain('jobs_queued');
    expect(metrics).toMatch(/outbox_lag_seconds 0/);
  });

  it('sets security headers and echoes a sane request id', async () => {
    const { app } = ctx();
    const response = await app.inject({ url: '/health', headers: { 'x-request-id': 'lb-42.abc' } });
    expect(response.headers['x-request-id']).toBe('lb-42.abc');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    const spoofed = await app.inject({ url: '/health', headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(spoofed.headers['x-request-id']).toMatch(/^req_/);
  });
});

describe('bad input gets problem+json, never a 500', () => {
  const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    ctx().app.inject({ method: 'POST', url: '/test/echo', payload, headers });

  it('accepts a valid request and coerces only the query string', async () => {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/test/echo?verbose=true',
      payload: { name: 'Айгуль', age: 30 },
    });
    expect(response.json()).toEqual({ received: { name: 'Айгуль', age: 30 }, verbose: true });
  });

  it('malformed JSON → 400', async () => {
    const response = await post('{"name": ');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'PLATFORM_MALFORMED_JSON',
      status: 400,
      instance: '/test/echo',
    });
  });

  it('wrong content type → 415', async () => {
    const response = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'PLATFORM_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('body over the limit → 413', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(5000), age: 1 }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'PLATFORM_PAYLOAD_TOO_LARGE' });
  });

  it('wrong types, missing and unknown fields → 400 with localized field errors', async () => {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'Айгуль', age: '30' },
      headers: { 'accept-language': 'kk' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
      title: 'Сұрау қате толтырылған',
      errors: [{ path: 'body/age', message: 'integer түрі күтіледі' }],
    });
    const missing = await ctx().app.inject({ method: 'POST', url: '/test/echo', payload: { name: 'Ab' } });
    expect(missing.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'body/age', message: 'Обязательное поле' },
    ]);
    const unknown = await ctx().app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'Ab', age: 1, admin: true },
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.json<{ errors: unknown[] }>().errors).toEqual([
      { path: 'body/admin', message: 'Unknown field admin' },
    ]);
  });

  it('unknown route → 404 problem in the requested language', async () => {
    const response = await ctx().app.inject({
      url: '/v1/nothing-here',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-language']).toBe('en');
    expect(response.json()).toMatchObject({
      code: 'PLATFORM_NOT_FOUND',
      title: 'Resource not found',
      type: 'urn:sauda:error:PLATFORM_NOT_FOUND',
    });
  });

  it('application errors keep their status; internal errors hide their details but keep the request id', async () => {
    expect((await ctx().app.inject({ url: '/test/forbidden' })).statusCode).toBe(403);
    const response = await ctx().app.inject({ url: '/test/boom' });
    expect(response.statusCode).toBe(500);
    const body = response.json<{ requestId: string }>();
    expect(body).toMatchObject({ code: 'PLATFORM_INTERNAL', title: 'Внутренняя ошибка сервера' });
    expect(response.body).not.toContain('hunter2');
    expect(body.requestId).toBe(response.headers['x-request-id']);
  });
});
