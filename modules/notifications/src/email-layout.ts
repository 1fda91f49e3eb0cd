import type { Locale } from '@sauda/platform';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/**
 * The HTML part of every email, built from the plain text so templates stay plain text (one source
 * of truth per language) and variables can never inject markup: everything is escaped here.
 */
export function renderEmailHtml(email: { subject: string; text: string; locale: Locale }): string {
  const paragraphs = email.text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${email.locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(email.subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a;">',
    paragraphs,
    '</body>',
    '</html>',
  ].join('\n');
}
