/**
 * Partner texts are Markdown written by staff and shown on the site and in the extension. They are
 * stored already made harmless, so no client can forget: raw HTML is neutralised (`<` becomes
 * `&lt;`, which Markdown renders as a literal `<`), control characters are dropped, and every link
 * or image target that is not http(s), mailto or a site-relative path is replaced by `#`.
 * Clients still render with raw HTML disabled; this is the second layer.
 */
const SAFE_TARGET = /^(https?:\/\/|mailto:|\/(?![/\\])|#)/i;

function safeTarget(target: string): string {
  // Browsers ignore whitespace and control characters inside schemes ("java\tscript:"), so must we.
  const compact = target.replace(/[\s\p{Cc}]+/gu, '');
  return SAFE_TARGET.test(compact) ? target : '#';
}

export function sanitizeMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[^\P{Cc}\n\t]/gu, '')
      .replaceAll('<', '&lt;')
      // Inline links and images: [text](target "title") / ![alt](target)
      .replace(/(\]\(\s*)([^)]+)/g, (_whole, open: string, target: string) => open + safeTarget(target))
      // Reference definitions: [id]: target
      .replace(
        /^(\s{0,3}\[[^\]]+\]:\s*)(\S+)/gm,
        (_whole, open: string, target: string) => open + safeTarget(target),
      )
      .trim()
  );
}
