import { describe, expect, it } from 'vitest';
import { partnerSearchText, searchSkeleton } from './search-text.ts';

describe('search skeleton', () => {
  it('folds Cyrillic and Latin spellings of one name to the same text', () => {
    expect(searchSkeleton('Технодом')).toBe(searchSkeleton('Technodom'));
    expect(searchSkeleton('Мечта')).toBe(searchSkeleton('Mechta'));
    expect(searchSkeleton('Шоколад')).toBe(searchSkeleton('shokolad'));
    expect(searchSkeleton('Қазақ Тур')).toBe(searchSkeleton('Kazaq Tur'));
    expect(searchSkeleton('Цептер')).toBe(searchSkeleton('Tsepter'));
  });

  it('keeps letters and digits only, lower-case, single spaces', () => {
    expect(searchSkeleton('  Sulpak — №1!  ')).toBe('sulpak no1');
    expect(searchSkeleton('Café')).toBe('kafe');
    expect(searchSkeleton('<script>')).toBe('skript');
  });

  it('stores every locale name and the slug once', () => {
    expect(
      partnerSearchText(['Алем Электроникс', 'Әлем Электроникс', 'Alem Electronics'], 'alem-electronics'),
    ).toBe('alem elektroniks');
  });
});
