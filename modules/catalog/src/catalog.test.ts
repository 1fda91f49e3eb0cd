import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditModule } from '@sauda/audit';
import { isAppError, ManualClock } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createCatalogModule, type CatalogApi } from './catalog.module.ts';
import type { PartnerInput } from './partner-input.ts';

const actor = { id: 'usr_manager' };
let counter = 0;
const input = (overrides: Partial<PartnerInput> = {}): PartnerInput => {
  counter += 1;
  return {
    slug: `shop-${counter}`,
    name: { ru: `Магазин ${counter}`, kk: `Дүкен ${counter}`, en: `Shop ${counter}` },
    shortDescription: { ru: 'Кратко', kk: 'Қысқа', en: 'Short' },
    description: { ru: '**Описание** <img src=x onerror=alert(1)>', kk: 'Сипаттама', en: 'Description' },
    conditions: { ru: '[Правила](javascript:alert(1))', kk: 'Шарттар', en: 'Conditions' },
    website: `https://shop-${counter}.kz`,
    domains: [{ domain: `Shop-${counter}.KZ`, includeSubdomains: true }],
    categories: [],
    reward: { kind: 'percent', rate: '5.5', currency: 'KZT', userShare: '0.7', cap: '500000', holdDays: 30 },
    network: 'admitad',
    trackingUrlTemplate: 'https://ad.admitad.com/g/x/?subid={click_id}&ulp={target_url}',
    appLinks: null,
    interstitial: false,
    featured: false,
    sortWeight: 0,
    ...overrides,
  };
};

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; errors: readonly { path: string }[] }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, errors: error.errors ?? [] };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('catalog', () => {
  let database: TestDatabase;
  let catalog: CatalogApi;
  const clock = new ManualClock('2026-04-01T06:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = createCatalogModule({
      db: database.db,
      clock,
      config: { publicUrl: 'https://sauda.kz/', dataDir: mkdtempSync(join(tmpdir(), 'catalog-test-')) },
      audit: createAuditModule({ db: database.db, clock }).api,
    }).api;
  });
  afterAll(async () => {
    await database.close();
  });

  it('creates a partner in stored form, with its first rate-history entry and an audit entry', async () => {
    await catalog.createCategory(actor, {
      slug: 'electronics',
      name: { ru: 'Электроника', kk: 'Электроника', en: 'Electronics' },
      icon: 'cpu',
      position: 1,
    });
    const partner = await catalog.createPartner(actor, input({ categories: ['electronics'] }));
    expect(partner).toMatchObject({
      status: 'draft',
      website: `https://${partner.slug}.kz/`,
      domains: [{ domain: `${partner.slug}.kz`, includeSubdomains: true }],
      categories: ['electronics'],
      reward: { kind: 'percent', rate: '5.5', userShare: '0.7', cap: '500000', userRate: '3.85' },
      goUrl: `https://sauda.kz/go/${partner.slug}`,
    });
    expect(partner.description.ru).toBe('**Описание** &lt;img src=x onerror=alert(1)>');
    expect(partner.conditions.ru).toBe('[Правила](#))');
    expect(await catalog.rateHistory(partner.id)).toEqual([
      expect.objectContaining({
        actor: actor.id,
        oldTerms: null,
        newTerms: expect.objectContaining({ rate: '5.5' }) as unknown,
      }),
    ]);
    const { rows } = await database.pool.query(`SELECT action FROM audit.entries WHERE entity_id = $1`, [
      partner.id,
    ]);
    expect(rows).toEqual([{ action: 'catalog.partner-created' }]);
  });

  it('keeps every rate change in the history, and only rate changes', async () => {
    const partner = await catalog.createPartner(actor, input());
    clock.advance(60_000);
    await catalog.updatePartner({ id: 'usr_other' }, partner.id, { featured: true });
    const updated = await catalog.updatePartner({ id: 'usr_other' }, partner.id, {
      reward: { kind: 'fixed', rate: '150000', currency: 'KZT', userShare: '0.5', cap: null, holdDays: 14 },
    });
    expect(updated.reward).toMatchObject({ kind: 'fixed', rate: '150000', userRate: '75000' });
    const history = await catalog.rateHistory(partner.id);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      actor: 'usr_other',
      oldTerms: expect.objectContaining({ kind: 'percent', rate: '5.5' }) as unknown,
      newTerms: expect.objectContaining({ kind: 'fixed', rate: '150000' }) as unknown,
    });
    await expect(
      database.pool.query(`DELETE FROM catalog.rate_changes WHERE partner_id = $1`, [partner.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('reports every invalid field at once and never stores a bad partner', async () => {
    const bad = await rejection(
      catalog.createPartner(
        actor,
        input({
          website: 'javascript:alert(1)',
          domains: [{ domain: 'https://evil.example/path', includeSubdomains: false }],
          trackingUrlTemplate: 'http://ad.example/?no-click-id={target_url}&x={unknown}',
          appLinks: { ios: 'javascript:alert(1)' },
          reward: {
            kind: 'percent',
            rate: '150',
            currency: 'XXX',
            userShare: '1.5',
            cap: '-1',
            holdDays: 30,
          },
        }),
      ),
    );
    expect(bad.code).toBe('CATALOG_INVALID_PARTNER');
    expect(bad.errors.map((error) => error.path).sort()).toEqual([
      '/appLinks/ios',
      '/domains/0/domain',
      '/reward/cap',
      '/reward/currency',
      '/reward/rate',
      '/reward/userShare',
      '/trackingUrlTemplate',
      '/website',
    ]);
    const elsewhere = await rejection(
      catalog.createPartner(actor, input({ website: 'https://other-shop.kz/' })),
    );
    expect(elsewhere).toMatchObject({ code: 'CATALOG_INVALID_PARTNER', errors: [{ path: '/website' }] });
    const taken = await catalog.createPartner(actor, input());
    expect((await rejection(catalog.createPartner(actor, input({ slug: taken.slug })))).code).toBe(
      'CATALOG_SLUG_TAKEN',
    );
    expect((await rejection(catalog.createPartner(actor, input({ categories: ['nope'] })))).code).toBe(
      'CATALOG_CATEGORY_NOT_FOUND',
    );
    expect((await rejection(catalog.updatePartner(actor, 'ptn_missing', { featured: true }))).code).toBe(
      'CATALOG_PARTNER_NOT_FOUND',
    );
  });

  it('moves partners only along the lifecycle; archived is final', async () => {
    const partner = await catalog.createPartner(actor, input());
    expect((await catalog.changeStatus(actor, partner.id, 'active')).status).toBe('active');
    expect((await catalog.changeStatus(actor, partner.id, 'paused')).status).toBe('paused');
    expect((await catalog.changeStatus(actor, partner.id, 'archived')).status).toBe('archived');
    expect((await rejection(catalog.changeStatus(actor, partner.id, 'active'))).code).toBe(
      'CATALOG_INVALID_STATUS_CHANGE',
    );
  });

  it('tells watchers about committed changes only', async () => {
    const versions: (number | undefined)[] = [];
    const watch = await catalog.watchChanges((version) => versions.push(version));
    try {
      const before = await catalog.feedVersion();
      await rejection(catalog.createPartner(actor, input({ categories: ['missing'] })));
      const partner = await catalog.createPartner(actor, input());
      await expect.poll(() => versions).toContain(before + 1);
      expect(partner.version).toBe(before + 1);
      expect(versions).toEqual([before + 1]);
    } finally {
      await watch.close();
    }
  });

  it('finds names across scripts and with typos, and pages with a cursor', async () => {
    const base = {
      reward: {
        kind: 'percent' as const,
        rate: '3',
        currency: 'KZT',
        userShare: '0.5',
        cap: null,
        holdDays: 30,
      },
    };
    for (const [slug, ru] of [
      ['tehnodom', 'Технодом'],
      ['samsung-store', 'Самсунг Стор'],
      ['chocotravel', 'Чоко Тревел'],
    ] as const)
      await catalog.createPartner(actor, {
        ...input({ slug, name: { ru, kk: ru, en: ru }, ...base }),
        status: 'active',
      });
    const names = async (q: string) =>
      (await catalog.listPartners({ q, locale: 'ru', statuses: ['active'] })).items.map(
        (partner) => partner.slug,
      );
    expect(await names('technodom')).toEqual(['tehnodom']);
    expect(await names('ТЕХНОДОМ')).toEqual(['tehnodom']);
    expect(await names('samsung')).toEqual(['samsung-store']);
    expect(await names('samsng')).toEqual(['samsung-store']);
    expect(await names('шоко')).toContain('chocotravel');
    expect(await names('zzzzzz')).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.listPartners({
        locale: 'ru',
        sort: 'name',
        limit: 2,
        cursor,
        statuses: ['active', 'draft'],
      });
      seen.push(...page.items.map((partner) => partner.name.ru.toLowerCase()));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(
      (await rejection(catalog.listPartners({ locale: 'ru', sort: 'rate', cursor: 'garbage' }))).code,
    ).toBe('CATALOG_INVALID_CURSOR');
  });

  it('re-encodes logos to PNG and refuses what is not a PNG, JPEG or WebP image', async () => {
    const partner = await catalog.createPartner(actor, input());
    const jpeg = await sharp({ create: { width: 900, height: 300, channels: 3, background: '#c00' } })
      .jpeg()
      .toBuffer();
    const updated = await catalog.setLogo(actor, partner.id, jpeg);
    expect(updated.logoUrl).toMatch(
      new RegExp(`^https://sauda.kz/v1/catalog/files/logos/${partner.id}/[0-9a-f]{32}\\.png$`),
    );
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    for (const image of [gif, svg, Buffer.from('not an image'), Buffer.alloc(0)])
      expect((await rejection(catalog.setLogo(actor, partner.id, image))).code).toBe('CATALOG_INVALID_LOGO');
  });
});
