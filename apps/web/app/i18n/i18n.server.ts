import type { TFunction } from 'i18next';
import { en } from './dictionaries/en.ts';
import { kk } from './dictionaries/kk.ts';
import { ru, type Dictionary } from './dictionaries/ru.ts';
import { createI18n } from './i18n.ts';
import type { Locale } from './locales.ts';

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { ru, kk, en };

const instances = new Map<Locale, ReturnType<typeof createI18n>>();

/** The server's i18next instance of a language (dictionaries are static, so one per language is enough). */
export function serverI18n(locale: Locale): ReturnType<typeof createI18n> {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale, DICTIONARIES[locale]);
    instances.set(locale, instance);
  }
  return instance;
}

/** A `t` for loaders and resource routes: page titles, descriptions, sitemap and errors. */
export const translator = (locale: Locale): TFunction => serverI18n(locale).t;
