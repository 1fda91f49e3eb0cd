import { Marked } from 'marked';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/**
 * Partner texts are Markdown that the catalog stores already neutralised (no raw HTML, safe link
 * targets). Raw HTML is rendered as text here as well: the second layer the catalog asks clients for.
 */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

export const markdownToHtml = (text: string): string => markdown.parse(text, { async: false });
