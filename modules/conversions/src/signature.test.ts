import { describe, expect, it } from 'vitest';
import { checkSignature, sameSecret, signatureHeader } from './signature.ts';

describe('X-Sauda-Signature', () => {
  const body = '{"action_id":"A1","status":"approved"}';
  const now = Date.UTC(2026, 2, 1, 12);
  const unix = now / 1000;

  it('matches the documented worked example', () => {
    // docs/integrations/postbacks.md, "Signature": the same secret, time and body.
    const example = '{"action_id":"100500","status":"approved","payment_sum":"123.45","currency":"KZT"}';
    expect(signatureHeader('example-secret-0123456789', example, 1767225600)).toBe(
      't=1767225600,v1=79bda279c2d878bb5127d35dede800f8babd8e368b26400c303aba2a1fa2eec7',
    );
  });

  it('accepts its own signature within five minutes either way, and nothing else', () => {
    expect(checkSignature(signatureHeader('s', body, unix), 's', body, now)).toBe('valid');
    expect(checkSignature(signatureHeader('s', body, unix - 300), 's', body, now)).toBe('valid');
    expect(checkSignature(signatureHeader('s', body, unix + 300), 's', body, now)).toBe('valid');
    expect(checkSignature(signatureHeader('s', body, unix - 301), 's', body, now)).toBe('expired');
    expect(checkSignature(signatureHeader('s', body, unix + 301), 's', body, now)).toBe('expired');
    expect(checkSignature(signatureHeader('other', body, unix), 's', body, now)).toBe('invalid');
    expect(checkSignature(signatureHeader('s', body, unix), 's', `${body} `, now)).toBe('invalid');
    expect(checkSignature(`t=${unix},v1=${'0'.repeat(64)}`, 's', body, now)).toBe('invalid');
    expect(checkSignature('v1=abc', 's', body, now)).toBe('invalid');
    // A forged old signature says "invalid", not "expired": the answer leaks nothing about timing.
    expect(checkSignature(`t=${unix - 10_000},v1=${'0'.repeat(64)}`, 's', body, now)).toBe('invalid');
  });

  it('compares secrets of any length in constant time', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
  });
});
