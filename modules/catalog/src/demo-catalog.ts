import sharp from 'sharp';
import type { Localized } from '@sauda/platform';
import type { CatalogApi } from './catalog.module.ts';
import type { PartnerStatus } from './catalog.tables.ts';

/**
 * The demo catalog: categories and about fifty invented Kazakh e-commerce shops, all on the sandbox
 * affiliate network, each with a logo drawn here (an SVG rendered to PNG; nothing is downloaded).
 * Idempotent: what exists (by slug) is left as it is.
 */
const CATEGORIES: readonly { slug: string; icon: string; name: Localized }[] = [
  {
    slug: 'marketplace',
    icon: 'store',
    name: { ru: 'Маркетплейсы', kk: 'Маркетплейстер', en: 'Marketplaces' },
  },
  {
    slug: 'electronics',
    icon: 'smartphone',
    name: { ru: 'Электроника', kk: 'Электроника', en: 'Electronics' },
  },
  { slug: 'fashion', icon: 'shirt', name: { ru: 'Одежда и обувь', kk: 'Киім және аяқ киім', en: 'Fashion' } },
  { slug: 'travel', icon: 'plane', name: { ru: 'Путешествия', kk: 'Саяхат', en: 'Travel' } },
  {
    slug: 'food-delivery',
    icon: 'utensils',
    name: { ru: 'Доставка еды', kk: 'Тамақ жеткізу', en: 'Food delivery' },
  },
  { slug: 'groceries', icon: 'shopping-basket', name: { ru: 'Продукты', kk: 'Азық-түлік', en: 'Groceries' } },
  { slug: 'home', icon: 'sofa', name: { ru: 'Дом и ремонт', kk: 'Үй және жөндеу', en: 'Home & DIY' } },
  {
    slug: 'beauty',
    icon: 'sparkles',
    name: { ru: 'Красота и здоровье', kk: 'Сұлулық және денсаулық', en: 'Beauty & health' },
  },
  { slug: 'kids', icon: 'baby', name: { ru: 'Детские товары', kk: 'Балалар тауарлары', en: 'Kids' } },
  {
    slug: 'sport',
    icon: 'dumbbell',
    name: { ru: 'Спорт и отдых', kk: 'Спорт және демалыс', en: 'Sport & outdoors' },
  },
];

type Row = readonly [
  slug: string,
  ru: string,
  kk: string,
  en: string,
  category: string,
  color: string,
  rate: string,
];

// Invented shops; any likeness to a real business is accidental.
const SHOPS: readonly Row[] = [
  ['bazarline', 'БазарЛайн', 'БазарЛайн', 'BazarLine', 'marketplace', '#e4572e', '4'],
  ['dala-market', 'Дала Маркет', 'Дала Маркет', 'Dala Market', 'marketplace', '#17bebb', '3.5'],
  ['sauda-mall', 'Саудамолл', 'Саудамолл', 'Saudamall', 'marketplace', '#7b2cbf', '5'],
  ['tumar-shop', 'Тұмар Шоп', 'Тұмар Шоп', 'Tumar Shop', 'marketplace', '#ff9f1c', '2.5'],
  ['kerben', 'Кербен', 'Кербен', 'Kerben', 'marketplace', '#2ec4b6', '3'],
  ['tehnograd', 'Техноград', 'Техноград', 'Tehnograd', 'electronics', '#0b63c5', '2'],
  [
    'alem-electronics',
    'Алем Электроникс',
    'Әлем Электроникс',
    'Alem Electronics',
    'electronics',
    '#1d3557',
    '2.5',
  ],
  ['smartkala', 'Смартқала', 'Смартқала', 'SmartKala', 'electronics', '#457b9d', '3'],
  ['gadget-orda', 'Гаджет Орда', 'Гаджет Орда', 'Gadget Orda', 'electronics', '#e63946', '4'],
  ['nur-digital', 'Нұр Диджитал', 'Нұр Диджитал', 'Nur Digital', 'electronics', '#06d6a0', '1.5'],
  ['tehnoplaza', 'Техноплаза', 'Техноплаза', 'Technoplaza', 'electronics', '#118ab2', '2'],
  ['kiim-style', 'Киім Стиль', 'Киім Стиль', 'Kiim Style', 'fashion', '#ef476f', '7'],
  ['shapan', 'Шапан', 'Шапан', 'Shapan', 'fashion', '#8338ec', '8'],
  ['almaty-denim', 'Алматы Деним', 'Алматы Деним', 'Almaty Denim', 'fashion', '#3a86ff', '6'],
  ['kebis', 'Кебіс', 'Кебіс', 'Kebis', 'fashion', '#fb5607', '6.5'],
  ['moda-kz', 'Мода KZ', 'Мода KZ', 'Moda KZ', 'fashion', '#ff006e', '9'],
  ['steppe-wear', 'Степь Вэар', 'Дала Киім', 'Steppe Wear', 'fashion', '#6a994e', '5'],
  ['aspan-travel', 'Аспан Тревел', 'Аспан Тревел', 'Aspan Travel', 'travel', '#00b4d8', '2'],
  ['kerueen', 'Керуен', 'Керуен', 'Keruen', 'travel', '#0077b6', '1.5'],
  ['samal-tours', 'Самал Турс', 'Самал Турс', 'Samal Tours', 'travel', '#48cae4', '3'],
  ['jol-bilet', 'Жол Билет', 'Жол Билет', 'Jol Bilet', 'travel', '#023e8a', '1'],
  ['qonaq-hotels', 'Қонақ Отели', 'Қонақ Қонақүйлері', 'Qonaq Hotels', 'travel', '#90be6d', '4'],
  ['dastarkhan-go', 'Дастархан Гоу', 'Дастарқан Гоу', 'Dastarkhan Go', 'food-delivery', '#f94144', '5'],
  ['plov-express', 'Плов Экспресс', 'Палау Экспресс', 'Plov Express', 'food-delivery', '#f3722c', '6'],
  ['tamaq-kz', 'Тамақ KZ', 'Тамақ KZ', 'Tamaq KZ', 'food-delivery', '#f8961e', '4.5'],
  ['sushi-tau', 'Суши Тау', 'Суши Тау', 'Sushi Tau', 'food-delivery', '#f9c74f', '5'],
  ['burger-dala', 'Бургер Дала', 'Бургер Дала', 'Burger Dala', 'food-delivery', '#43aa8b', '4'],
  ['baurs-bakery', 'Бауырсақ', 'Бауырсақ', 'Baursak Bakery', 'food-delivery', '#bc6c25', '3'],
  ['arzan-market', 'Арзан Маркет', 'Арзан Маркет', 'Arzan Market', 'groceries', '#2b9348', '2'],
  ['jasyl-basket', 'Жасыл Корзина', 'Жасыл Себет', 'Jasyl Basket', 'groceries', '#55a630', '3'],
  ['sut-zhane-nan', 'Сүт пен нан', 'Сүт пен нан', 'Sut & Nan', 'groceries', '#80b918', '2.5'],
  ['eco-bazar', 'Эко Базар', 'Эко Базар', 'Eco Bazar', 'groceries', '#007f5f', '3'],
  ['uy-jai', 'Үй Жай', 'Үй Жай', 'Uy Jai', 'home', '#9c6644', '5'],
  ['remont-pro', 'Ремонт Про', 'Жөндеу Про', 'Remont Pro', 'home', '#7f5539', '4'],
  ['kilem-house', 'Кілем Хаус', 'Кілем Хаус', 'Kilem House', 'home', '#b08968', '6'],
  ['mebel-orda', 'Мебель Орда', 'Жиһаз Орда', 'Mebel Orda', 'home', '#ddb892', '5'],
  ['aru-beauty', 'Ару Бьюти', 'Ару Бьюти', 'Aru Beauty', 'beauty', '#ff70a6', '8'],
  [
    'densaulyq-apteka',
    'Денсаулық Аптека',
    'Денсаулық Дәріхана',
    'Densaulyq Pharmacy',
    'beauty',
    '#70d6ff',
    '3',
  ],
  ['kosmetika-kz', 'Косметика KZ', 'Косметика KZ', 'Kosmetika KZ', 'beauty', '#ff9770', '9'],
  ['sulu-spa', 'Сұлу Спа', 'Сұлу Спа', 'Sulu Spa', 'beauty', '#e9ff70', '7'],
  ['balapan', 'Балапан', 'Балапан', 'Balapan', 'kids', '#ffd166', '5'],
  ['oiynshyq', 'Ойыншық', 'Ойыншық', 'Oiynshyq Toys', 'kids', '#06aed5', '6'],
  ['mektep-shop', 'Мектеп Шоп', 'Мектеп Шоп', 'Mektep Shop', 'kids', '#086788', '4'],
  ['sport-tau', 'Спорт Тау', 'Спорт Тау', 'Sport Tau', 'sport', '#dd1c1a', '6'],
  ['velo-almaty', 'Вело Алматы', 'Вело Алматы', 'Velo Almaty', 'sport', '#f0c808', '5'],
  ['shymbulak-gear', 'Шымбулак Гир', 'Шымбұлақ Гир', 'Shymbulak Gear', 'sport', '#07a0c3', '7'],
  ['fitness-orda', 'Фитнес Орда', 'Фитнес Орда', 'Fitness Orda', 'sport', '#fa7921', '4'],
  ['kitap-alemi', 'Китап Әлемі', 'Кітап әлемі', 'Kitap Alemi Books', 'marketplace', '#5f0f40', '8'],
  ['zoo-dos', 'Зоо Дос', 'Зоо Дос', 'Zoo Dos Pets', 'home', '#9a031e', '5'],
  ['aqqu-flowers', 'Аққу Цветы', 'Аққу Гүлдері', 'Aqqu Flowers', 'home', '#fb8b24', '10'],
];

const CATEGORY_TEXT: Readonly<Record<string, Localized>> = {
  marketplace: {
    ru: 'миллионы товаров с доставкой по Казахстану',
    kk: 'Қазақстан бойынша жеткізілетін миллиондаған тауар',
    en: 'millions of products delivered across Kazakhstan',
  },
  electronics: {
    ru: 'смартфоны, ноутбуки и бытовая техника',
    kk: 'смартфондар, ноутбуктер және тұрмыстық техника',
    en: 'smartphones, laptops and appliances',
  },
  fashion: {
    ru: 'одежда, обувь и аксессуары',
    kk: 'киім, аяқ киім және аксессуарлар',
    en: 'clothes, shoes and accessories',
  },
  travel: {
    ru: 'авиабилеты, поезда и отели',
    kk: 'әуе билеттері, пойыздар және қонақүйлер',
    en: 'flights, trains and hotels',
  },
  'food-delivery': {
    ru: 'доставка еды из ресторанов за 30 минут',
    kk: 'мейрамханалардан 30 минутта тамақ жеткізу',
    en: 'restaurant food delivered in 30 minutes',
  },
  groceries: {
    ru: 'продукты с доставкой на дом',
    kk: 'үйге жеткізілетін азық-түлік',
    en: 'groceries delivered to your door',
  },
  home: {
    ru: 'всё для дома, сада и ремонта',
    kk: 'үй, бақ және жөндеуге арналған бәрі',
    en: 'everything for home, garden and repairs',
  },
  beauty: {
    ru: 'косметика, уход и аптека',
    kk: 'косметика, күтім және дәріхана',
    en: 'cosmetics, care and pharmacy',
  },
  kids: {
    ru: 'игрушки, одежда и школьные товары',
    kk: 'ойыншықтар, киім және мектеп тауарлары',
    en: 'toys, clothes and school supplies',
  },
  sport: {
    ru: 'спортивная одежда, снаряжение и велосипеды',
    kk: 'спорттық киім, жабдықтар және велосипедтер',
    en: 'sportswear, gear and bicycles',
  },
};

/** A square logo: the shop's initials on its colour, rendered locally from SVG. */
export async function drawLogo(name: string, color: string): Promise<Buffer> {
  const initials = name
    .split(/[\s&-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">` +
    `<rect width="256" height="256" rx="48" fill="${color}"/>` +
    `<text x="128" y="158" font-size="96" font-family="DejaVu Sans, sans-serif" font-weight="bold" text-anchor="middle" fill="#ffffff">${initials}</text>` +
    `</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function seedDemoCatalog(
  catalog: CatalogApi,
  options: { sandboxUrl: string },
): Promise<{ partners: number }> {
  const actor = { id: 'system:demo' };
  const existing = new Set((await catalog.listCategories()).map((category) => category.slug));
  for (const [position, category] of CATEGORIES.entries())
    if (!existing.has(category.slug))
      await catalog.createCategory(actor, { ...category, position: (position + 1) * 10 });

  let created = 0;
  for (const [index, [slug, ru, kk, en, category, color, rate]] of SHOPS.entries()) {
    if (await catalog.getPartnerBySlug(slug)) continue;
    const what = CATEGORY_TEXT[category] ?? CATEGORY_TEXT.marketplace ?? { ru: '', kk: '', en: '' };
    const withApp = category === 'food-delivery' || category === 'marketplace';
    const status: PartnerStatus =
      slug === 'kerueen' ? 'paused' : slug === 'eco-bazar' ? 'archived' : 'active';
    const partner = await catalog.createPartner(actor, {
      slug,
      name: { ru, kk, en },
      shortDescription: { ru: `${ru}: ${what.ru}`, kk: `${kk}: ${what.kk}`, en: `${en}: ${what.en}` },
      description: {
        ru: `**${ru}** — ${what.ru}. Кешбэк начисляется за оплаченные заказы.`,
        kk: `**${kk}** — ${what.kk}. Кешбэк төленген тапсырыстар үшін есептеледі.`,
        en: `**${en}** — ${what.en}. Cashback is credited for paid orders.`,
      },
      conditions: {
        ru: 'Кешбэк не начисляется на подарочные сертификаты и заказы с промокодами других сервисов.',
        kk: 'Сыйлық сертификаттары мен басқа сервистердің промокодтары бар тапсырыстарға кешбэк есептелмейді.',
        en: 'No cashback on gift cards or orders with other services’ promo codes.',
      },
      website: `https://${slug}.kz/`,
      domains: [{ domain: `${slug}.kz`, includeSubdomains: true }],
      categories: [category],
      reward: {
        kind: 'percent',
        rate,
        currency: 'KZT',
        userShare: '0.7',
        cap: index % 3 === 0 ? '2000000' : null,
        holdDays: category === 'travel' ? 60 : 30,
      },
      network: 'sandbox',
      trackingUrlTemplate: `${options.sandboxUrl}/affiliate-network/click?subid={click_id}&url={target_url}&offer=${slug}`,
      appLinks: withApp
        ? {
            ios: `${slug.replaceAll('-', '')}://open?url={target_url}`,
            android: `${slug.replaceAll('-', '')}://open?url={target_url}`,
          }
        : null,
      interstitial: withApp,
      featured: index % 7 === 0,
      sortWeight: 0,
      status: 'active',
    });
    if (status !== 'active') await catalog.changeStatus(actor, partner.id, status);
    await catalog.setLogo(actor, partner.id, await drawLogo(en, color));
    await catalog.recordPopularity(new Map([[partner.id, (SHOPS.length - index) * 37]]));
    created += 1;
  }
  return { partners: created };
}
