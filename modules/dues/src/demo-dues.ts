import { addMonths, isAppError, periodOf } from '@sauda/platform';
import type { DuesApi } from './dues.module.ts';
import { DuesErrors } from './dues.errors.ts';
import type { PageLocale, PageSlug } from './dues.tables.ts';

const ACTOR = { id: 'system:demo' };

const PAGES: Readonly<Record<PageSlug, Readonly<Record<PageLocale, { title: string; body: string }>>>> = {
  home: {
    ru: {
      title: 'Азербайджанская диаспора в Казахстане',
      body: 'Мы вместе храним традиции и помогаем друг другу.\n\nЧленский взнос — **2000 ₸ в месяц**. Войдите или зарегистрируйтесь, чтобы оплатить взнос онлайн через Kaspi.',
    },
    kk: {
      title: 'Қазақстандағы әзербайжан диаспорасы',
      body: 'Біз бірге дәстүрлерді сақтап, бір-бірімізге көмектесеміз.\n\nМүшелік жарна — **айына 2000 ₸**. Жарнаны Kaspi арқылы онлайн төлеу үшін кіріңіз немесе тіркеліңіз.',
    },
  },
  about: {
    ru: { title: 'О диаспоре', body: 'Община объединяет около 300 семей в Алматы, Астане и Шымкенте.' },
    kk: {
      title: 'Диаспора туралы',
      body: 'Қауымдастық Алматы, Астана және Шымкенттегі 300-ге жуық отбасын біріктіреді.',
    },
  },
  rules: {
    ru: {
      title: 'Правила членства',
      body: 'Взнос оплачивается за каждый месяц до 10 числа. Участник считается активным, если взнос за текущий месяц подтверждён.',
    },
    kk: {
      title: 'Мүшелік ережелері',
      body: 'Жарна әр ай үшін айдың 10-на дейін төленеді. Ағымдағы ай үшін жарнасы расталған қатысушы белсенді болып саналады.',
    },
  },
  contacts: {
    ru: { title: 'Контакты', body: 'Алматы, ул. Примерная, 1. Телефон: +7 727 000 00 00.' },
    kk: { title: 'Байланыс', body: 'Алматы, Мысал көшесі, 1. Телефон: +7 727 000 00 00.' },
  },
  privacy: {
    ru: {
      title: 'Политика конфиденциальности',
      body: 'Мы храним ФИО, телефон и, по желанию, email, ИИН и город только для учёта взносов. Данные зашифрованы.',
    },
    kk: {
      title: 'Құпиялылық саясаты',
      body: 'Біз аты-жөнін, телефонды және қалауыңыз бойынша email, ЖСН мен қаланы тек жарналарды есепке алу үшін сақтаймыз. Деректер шифрланған.',
    },
  },
};

const NAMES = [
  'Мамедов Эльчин',
  'Алиева Севиндж',
  'Гусейнов Рашад',
  'Керимова Лейла',
  'Исмаилов Фарид',
  'Гасанова Айгюн',
  'Алиев Тогрул',
  'Бабаева Нигяр',
  'Рзаев Самир',
  'Джафарова Гюнель',
  'Сулейманов Эмиль',
  'Мамедова Айсель',
];
const CITIES = ['Алматы', 'Астана', 'Шымкент'];

/**
 * Demo data of the dues product: bank details, the content pages in ru and kk, and a dozen members
 * with a few months paid (some up to date, some behind). Idempotent: pages that exist are kept,
 * members are matched by phone and months already paid are skipped.
 */
export async function seedDemoDues(api: DuesApi, now: Date): Promise<{ members: number; pages: number }> {
  const settings = await api.settings();
  if (!settings.requisites)
    await api.updateSettings(ACTOR, {
      communityName: {
        ru: 'Азербайджанская диаспора Казахстана',
        kk: 'Қазақстандағы әзербайжан диаспорасы',
        en: 'Azerbaijani Diaspora of Kazakhstan',
      },
      requisites: {
        recipient: 'ОЮЛ «Азербайджанская диаспора»',
        bin: '180240000012',
        bank: 'АО «Kaspi Bank»',
        iban: 'KZ72722S000012345678',
        kaspiPhone: '+7 701 000 00 00',
      },
    });
  let pages = 0;
  for (const [slug, texts] of Object.entries(PAGES) as [PageSlug, (typeof PAGES)[PageSlug]][]) {
    for (const [locale, text] of Object.entries(texts) as [PageLocale, { title: string; body: string }][]) {
      try {
        await api.savePage(ACTOR, { slug, locale, ...text, baseVersion: 0 });
        pages += 1;
      } catch (error) {
        if (!isAppError(error) || error.code !== DuesErrors.DUES_PAGE_VERSION_CONFLICT) throw error;
      }
    }
  }
  const current = periodOf(now);
  const lines = NAMES.map((name, index) => {
    // The first members are up to date, the next ones one or two months behind, the last never paid.
    const behind = index < 6 ? 0 : index < 9 ? 1 : index < 11 ? 2 : 6;
    const months = behind >= 6 ? [] : [0, 1, 2, 3].map((back) => addMonths(current, -(back + behind)));
    const phone = `+7701555${String(1000 + index).padStart(4, '0')}`;
    return [name, phone, '', CITIES[index % CITIES.length] ?? '', months.join(' ')];
  });
  const csv = ['ФИО,телефон,email,город,оплаченные месяцы', ...lines.map((line) => line.join(','))].join(
    '\n',
  );
  const report = await api.importMembers(
    ACTOR,
    { name: 'demo-members.csv', data: Buffer.from(csv) },
    {
      dryRun: false,
      locale: 'ru',
    },
  );
  return { members: report.createdMembers, pages };
}
