import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestApp } from '@sauda/testing';

const ctx = useTestApp();

describe('identity in the OpenAPI document', () => {
  it('lists every identity route with its schemas and a valid document', async () => {
    const response = await ctx().app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ paths: Record<string, Record<string, { security?: unknown }>> }>();
    const paths = Object.keys(document.paths);
    for (const path of [
      '/.well-known/jwks.json',
      '/v1/auth/register',
      '/v1/auth/verify',
      '/v1/auth/login',
      '/v1/auth/logout',
      '/v1/auth/token',
      '/v1/auth/device/code',
      '/v1/auth/device/approve',
      '/v1/auth/password/reset',
      '/v1/auth/step-up',
      '/v1/me',
      '/v1/me/sessions/{sessionId}',
      '/v1/me/two-factor/setup',
      '/v1/me/api-keys',
      '/v1/admin/users/{userId}/roles',
    ]) {
      expect(paths).toContain(path);
    }
    expect(document.paths['/v1/me']?.get?.security).toEqual([{ cookie: [] }, { bearer: [] }]);
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
