import { describe, expect, it } from 'vitest';
import { Type } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import { defineTemplate } from './index.ts';

const Welcome = defineTemplate({
  key: 'test.welcome',
  variables: Type.Object({ name: Type.String(), code: Type.String() }),
  content: {
    email: {
      subject: { ru: 'Добро пожаловать, {name}', kk: 'Қош келдіңіз, {name}', en: 'Welcome, {name}' },
      text: { ru: 'Ваш код: {code}', kk: 'Сіздің кодыңыз: {code}', en: 'Your code: {code}' },
    },
    sms: { text: { ru: 'Sauda: код {code}', kk: 'Sauda: код {code}', en: 'Sauda: code {code}' } },
  },
});

describe('demo mailbox outside demo mode', () => {
  const ctx = useTestApp();

  it('does not exist', async () => {
    const response = await ctx().app.inject({ url: '/dev/mailbox', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'PLATFORM_NOT_FOUND' });
  });
});

describe('demo mailbox in demo mode', () => {
  const ctx = useTestApp({ env: { SAUDA_DEMO: 'true' } });

  it('says that nothing was sent yet', async () => {
    const response = await ctx().app.inject({ url: '/dev/mailbox', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Nothing has been sent yet.');
  });

  it('shows every email and SMS sent, in the language of the request', async () => {
    const { app, database } = ctx();
    await app.sauda.modules.notifications.api.send(database.db, {
      to: { userId: 'usr_demo', email: 'demo@example.kz', phone: '+77010000009' },
      template: Welcome,
      variables: { name: 'Асель <b>', code: '482913' },
      locale: 'ru',
      category: 'security',
    });

    const english = await app.inject({
      url: '/dev/mailbox',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(english.statusCode).toBe(200);
    expect(english.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(english.headers['content-language']).toBe('en');
    expect(english.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const page = english.body;
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Demo mailbox: emails and SMS</h1>');
    expect(page).toContain('Добро пожаловать, Асель &lt;b&gt;');
    expect(page).not.toContain('Асель <b>');
    expect(page).toContain('demo@example.kz');
    expect(page).toContain('+77010000009');
    expect(page).toContain('Sauda: код 482913');
    expect(page).toContain('Ваш код: 482913');
    expect(page).toContain('Not sent (the channel is not configured)');

    const kazakh = await app.inject({ url: '/dev/mailbox', headers: { 'accept-language': 'kk' } });
    expect(kazakh.body).toContain('<html lang="kk">');
    expect(kazakh.body).toContain('Демо пошта: хаттар мен SMS');
    expect(kazakh.body).toContain('<dt>Кімге</dt>');
    const russian = await app.inject({ url: '/dev/mailbox' });
    expect(russian.body).toContain('<h1>Демо-почта: письма и SMS</h1>');
  });
});
