import { describe, expect, it } from 'vitest';
import { browserOf } from '../content/extension-stores.ts';
import { formatMoney, formatUserRate, sameOriginUrl } from './catalog.server.ts';
import { markdownToHtml } from './markdown.server.ts';

const reward = { rate: '5', currency: 'KZT', userShare: '0.7', cap: null, holdDays: 14 } as const;

describe('partner presentation', () => {
  it('formats the user rate in the page language', () => {
    expect(formatUserRate({ ...reward, kind: 'percent', userRate: '3.5' }, 'en')).toBe('3.5%');
    expect(formatUserRate({ ...reward, kind: 'percent', userRate: '3.5' }, 'ru')).toMatch(/^3,5\s?%$/);
    expect(formatUserRate({ ...reward, kind: 'fixed', userRate: '150000' }, 'en')).toContain('1,500');
    expect(formatMoney('1500000', 'USDT', 'en')).toBe('1.5 USDT');
  });

  it('keeps same-origin logos relative and leaves others as they are', () => {
    expect(sameOriginUrl('https://sauda.kz/v1/catalog/files/logos/a.png', 'https://sauda.kz')).toBe(
      '/v1/catalog/files/logos/a.png',
    );
    expect(sameOriginUrl('https://cdn.example/a.png', 'https://sauda.kz')).toBe('https://cdn.example/a.png');
    expect(sameOriginUrl(null, 'https://sauda.kz')).toBe(null);
  });

  it('renders partner Markdown without raw HTML', () => {
    const html = markdownToHtml('**Bold** <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
  });
});

describe('browser detection', () => {
  it('tells Edge, Firefox, Chrome and Safari apart', () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
    expect(browserOf(chrome)).toBe('chrome');
    expect(browserOf(`${chrome} Edg/131.0`)).toBe('edge');
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'firefox',
    );
    expect(
      browserOf(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      ),
    ).toBe('safari');
    expect(browserOf(null)).toBe(null);
  });
});
