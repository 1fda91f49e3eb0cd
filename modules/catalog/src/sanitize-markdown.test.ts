import { describe, expect, it } from 'vitest';
import { sanitizeMarkdown } from './sanitize-markdown.ts';

describe('sanitizeMarkdown', () => {
  it('neutralises raw HTML but keeps the text readable', () => {
    expect(sanitizeMarkdown('Кешбэк <b>до 5%</b><script>alert(1)</script>')).toBe(
      'Кешбэк &lt;b>до 5%&lt;/b>&lt;script>alert(1)&lt;/script>',
    );
  });

  it('keeps http(s), mailto and site links and disarms every other scheme', () => {
    expect(sanitizeMarkdown('[shop](https://shop.kz/a) [mail](mailto:a@shop.kz) [rules](/rules)')).toBe(
      '[shop](https://shop.kz/a) [mail](mailto:a@shop.kz) [rules](/rules)',
    );
    expect(
      sanitizeMarkdown('[x](javascript:alert(1)) ![y](data:image/png;base64,AAA) [z](java\tscript:x)'),
    ).toBe('[x](#)) ![y](#) [z](#)');
    expect(sanitizeMarkdown('[x](//evil.example)')).toBe('[x](#)');
    expect(sanitizeMarkdown('[ref]: vbscript:msgbox\n[ok]: https://shop.kz')).toBe(
      '[ref]: #\n[ok]: https://shop.kz',
    );
  });

  it('drops control characters and normalises line ends', () => {
    expect(sanitizeMarkdown('a\u0000b\r\nc\u0007')).toBe('ab\nc');
  });
});
