/**
 * Search folds every name to one Latin "skeleton", on both sides of the comparison: the stored
 * text and the query. A Latin query then finds Cyrillic names and a Cyrillic query finds Latin ones
 * ("technodom" and "Технодом" both fold to "tehnodom"), and pg_trgm's similarity on the skeletons
 * tolerates typos. Spellings that transliterate differently (х as "h" or "kh", ц as "c" or "ts")
 * are folded together on purpose; the skeleton is for matching only and is never shown.
 */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Kazakh letters
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

/** Latin spellings that mean one sound, reduced to one form (order matters: digraphs first). */
const LATIN_FOLDS: readonly (readonly [RegExp, string])[] = [
  [/sch/g, 'sh'],
  [/kh/g, 'h'],
  [/ch/g, 'h'],
  [/ph/g, 'f'],
  [/ts/g, 'c'],
  [/tz/g, 'c'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/c/g, 'k'],
  [/y/g, 'i'],
  [/j/g, 'zh'],
  [/(.)\1+/g, '$1'],
];

export function searchSkeleton(text: string): string {
  const latin = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/./gsu, (char) => CYRILLIC_TO_LATIN[char] ?? char)
    // Combining marks left by NFKD (é → e + ´) and anything that is not a letter or digit.
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return LATIN_FOLDS.reduce((folded, [pattern, replacement]) => folded.replace(pattern, replacement), latin);
}

/** The stored search text of a partner: the skeletons of its names and slug, deduplicated. */
export function partnerSearchText(names: readonly string[], slug: string): string {
  return [...new Set([...names, slug.replaceAll('-', ' ')].map(searchSkeleton).filter(Boolean))].join(' ');
}
