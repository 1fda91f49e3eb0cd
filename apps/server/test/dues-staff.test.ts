import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@sauda/platform';
import { call, newMember, newPhone, newStaff, phoneAccount, useDuesApp } from './dues-helpers.ts';

const clock = new ManualClock('2026-03-05T06:00:00Z');
const ctx = useDuesApp({ clock });

const csvImport = (
  user: Parameters<typeof call>[1],
  body: Buffer | string,
  query = 'dryRun=true',
  type = 'text/csv',
) =>
  call(
    ctx(),
    user,
    'POST',
    `/v1/admin/dues/imports?${query}`,
    Buffer.isBuffer(body) ? body : Buffer.from(body),
    {
      'content-type': type,
    },
  );

/** A real import: answered 202 with its record, then followed until its rows are applied. */
async function importAndWait(
  user: Parameters<typeof call>[1],
  body: Buffer | string,
  query: string,
  type?: string,
) {
  const accepted = await csvImport(user, body, query, type);
  expect(accepted.statusCode, accepted.body).toBe(202);
  const { id } = accepted.json<{ id: string }>();
  expect(accepted.headers.location).toBe(`/v1/admin/dues/imports/${id}`);
  for (;;) {
    const progress = await call(ctx(), user, 'GET', `/v1/admin/dues/imports/${id}`);
    const report = progress.json<{ status: string }>();
    if (report.status !== 'running') return { accepted: accepted.json<Record<string, unknown>>(), report };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('content pages', () => {
  it('are versioned per language, public to read and edited by content managers', async () => {
    const editor = await newStaff(ctx(), 'content_manager');
    const missing = await ctx().app.inject({ url: '/v1/dues/pages/rules' });
    expect(missing.json()).toMatchObject({ status: 404, code: 'DUES_PAGE_NOT_FOUND' });
    const first = await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/rules/ru', {
      title: 'Правила членства',
      body: 'Взнос — до 10 числа.',
      baseVersion: 0,
    });
    expect(first.json()).toMatchObject({ slug: 'rules', locale: 'ru', version: 1, updatedBy: editor.userId });
    const stale = await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/rules/ru', {
      title: 'Правила',
      body: 'другой текст',
      baseVersion: 0,
    });
    expect(stale.json()).toMatchObject({ status: 409, code: 'DUES_PAGE_VERSION_CONFLICT' });
    await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/rules/ru', {
      title: 'Правила членства',
      body: 'Взнос — до 10 числа каждого месяца.',
      baseVersion: 1,
    });
    await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/rules/kk', {
      title: 'Мүшелік ережелері',
      body: 'Жарна — айдың 10-на дейін.',
      baseVersion: 0,
    });
    const ru = await ctx().app.inject({ url: '/v1/dues/pages/rules?locale=ru' });
    expect(ru.json()).toMatchObject({ version: 2, body: 'Взнос — до 10 числа каждого месяца.' });
    const kk = await ctx().app.inject({ url: '/v1/dues/pages/rules', headers: { 'accept-language': 'kk' } });
    expect(kk.json()).toMatchObject({ locale: 'kk', title: 'Мүшелік ережелері' });
    await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/about/ru', {
      title: 'О нас',
      body: '…',
      baseVersion: 0,
    });
    const fallback = await ctx().app.inject({ url: '/v1/dues/pages/about?locale=kk' });
    expect(fallback.json()).toMatchObject({ locale: 'ru', title: 'О нас' });
    const history = await call(ctx(), editor, 'GET', '/v1/admin/dues/pages/rules/ru/versions');
    expect(history.json<{ items: { version: number }[] }>().items.map((page) => page.version)).toEqual([
      2, 1,
    ]);
    const list = await ctx().app.inject({ url: '/v1/dues/pages' });
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(3);
    const unknownSlug = await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/blog/ru', {
      title: 'x',
      body: 'y',
      baseVersion: 0,
    });
    expect(unknownSlug.statusCode).toBe(400);
    const hugeBody = await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/about/ru', {
      title: 'О нас',
      body: 'я'.repeat(100_001),
      baseVersion: 1,
    });
    expect(hugeBody.statusCode).toBe(400);
    const tooLarge = await call(ctx(), editor, 'PUT', '/v1/admin/dues/pages/about/ru', {
      title: 'О нас',
      body: 'x'.repeat(2 * 1024 * 1024),
      baseVersion: 1,
    });
    expect(tooLarge.statusCode).toBe(413);
  });
});

describe('settings and the fee schedule', () => {
  it('a new fee applies from a future month only; past months keep theirs', async () => {
    const admin = await newStaff(ctx(), 'admin');
    const past = await call(ctx(), admin, 'POST', '/v1/admin/dues/fee-schedule', {
      effectiveFrom: '2026-03',
      amount: '250000',
      deadlineDay: 15,
    });
    expect(past.json()).toMatchObject({ status: 422, code: 'DUES_FEE_CHANGE_NOT_FUTURE' });
    const future = await call(ctx(), admin, 'POST', '/v1/admin/dues/fee-schedule', {
      effectiveFrom: '2026-05',
      amount: '250000',
      deadlineDay: 15,
    });
    expect(future.statusCode, future.body).toBe(200);
    expect(future.json()).toMatchObject({
      feeSchedule: [
        { effectiveFrom: '2026-05', amount: { amount: '250000', asset: 'KZT' }, deadlineDay: 15 },
        { effectiveFrom: '2000-01', amount: { amount: '200000', asset: 'KZT' }, deadlineDay: 10 },
      ],
    });
    const member = await newMember(ctx());
    const cabinet = (await call(ctx(), member, 'GET', '/v1/dues/me')).json<{
      fee: { amount: string };
      payablePeriods: { period: string; amount: { amount: string } }[];
    }>();
    expect(cabinet.fee.amount).toBe('200000');
    expect(cabinet.payablePeriods).toEqual([
      { period: '2026-03', amount: { amount: '200000', asset: 'KZT' } },
      { period: '2026-04', amount: { amount: '200000', asset: 'KZT' } },
      { period: '2026-05', amount: { amount: '250000', asset: 'KZT' } },
    ]);
    const badOffsets = await call(ctx(), admin, 'PATCH', '/v1/admin/dues/settings', {
      reminderOffsets: [1, 1],
    });
    expect(badOffsets.json()).toMatchObject({ status: 422, code: 'DUES_INVALID_SETTINGS' });
    const badIban = await call(ctx(), admin, 'PATCH', '/v1/admin/dues/settings', {
      requisites: { recipient: 'x', bin: '1', bank: 'b', iban: 'nope' },
    });
    expect(badIban.statusCode).toBe(400);
    const cashier = await newStaff(ctx(), 'cashier');
    expect((await call(ctx(), cashier, 'GET', '/v1/admin/dues/settings')).statusCode).toBe(403);
    const audit = await call(ctx(), admin, 'GET', '/v1/admin/dues/audit?limit=5');
    const entries = audit.json<{ items: { action: string; before: unknown; after: unknown }[] }>().items;
    expect(entries.find((entry) => entry.action === 'dues.fee-scheduled')).toMatchObject({
      action: 'dues.fee-scheduled',
      before: null,
      after: { effectiveFrom: '2026-05', amount: '250000' },
    });
  });
});

describe('members: registration, the list, the card and import', () => {
  it('refuses bad registrations clearly and changes nothing', async () => {
    const user = await phoneAccount(ctx());
    const register = (body: unknown) => call(ctx(), user, 'POST', '/v1/dues/membership', body);
    expect((await register({ phone: user.phone })).statusCode).toBe(400);
    expect((await register({ fullName: 'Алиев Тогрул', phone: 77012345678 })).statusCode).toBe(400);
    expect((await register({ fullName: 'Алиев Тогрул', phone: user.phone, extra: 1 })).statusCode).toBe(400);
    expect((await register({ fullName: 'А', phone: user.phone })).json()).toMatchObject({
      code: 'DUES_INVALID_NAME',
    });
    expect((await register({ fullName: 'Алиев Тогрул', phone: '12345' })).json()).toMatchObject({
      code: 'DUES_INVALID_PHONE',
    });
    const badIin = await register({ fullName: 'Алиев Тогрул', phone: user.phone, iin: '900101300001' });
    expect(badIin.json()).toMatchObject({ status: 422, code: 'DUES_INVALID_IIN' });
    expect(
      (await register({ fullName: 'Алиев Тогрул', phone: user.phone, email: 'nope' })).json(),
    ).toMatchObject({
      code: 'DUES_INVALID_EMAIL',
    });
    const taken = await newMember(ctx());
    expect((await register({ fullName: 'Алиев Тогрул', phone: taken.phone })).json()).toMatchObject({
      status: 409,
      code: 'DUES_PHONE_TAKEN',
    });
    expect((await call(ctx(), user, 'GET', '/v1/dues/me')).json()).toMatchObject({
      code: 'DUES_NOT_A_MEMBER',
    });
    const ok = await register({
      fullName: 'Алиев Тогрул',
      phone: user.phone,
      iin: '900101300007',
      email: 'T@Example.kz',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ member: { iinMasked: '900101******', email: 't@example.kz' } });
    expect((await register({ fullName: 'Алиев Тогрул', phone: user.phone })).json()).toMatchObject({
      code: 'DUES_ALREADY_REGISTERED',
    });
  });

  it('imports members from CSV with a dry run, row errors and progress, then takes over on registration', async () => {
    const admin = await newStaff(ctx(), 'admin');
    const claimer = newPhone();
    const csv =
      'ФИО;телефон;email;город;оплаченные месяцы\n' +
      `Гусейнов Рашад;${claimer};rashad@example.kz;Астана;01.2026 2026-02\n` +
      `Керимова Лейла;${newPhone()};;Алматы;\n` +
      'Без Телефона;;;;\n' +
      `Дубль;${claimer};;;\n` +
      `Исмаилов Фарид;${newPhone()};;;2026-13\n`;
    const dry = await csvImport(admin, csv);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      status: 'completed',
      totalRows: 5,
      createdMembers: 2,
      paymentsCreated: 0,
      errors: [
        { row: 4, field: 'phone', code: 'DUES_INVALID_PHONE' },
        {
          row: 5,
          field: 'phone',
          code: 'DUES_IMPORT_DUPLICATE_PHONE',
          message: `Этот телефон уже есть в строке 2`,
        },
        { row: 6, field: 'paidMonths', code: 'DUES_INVALID_PERIOD' },
      ],
      preview: [
        { row: 2, fullName: 'Гусейнов Рашад', action: 'create', paidMonths: ['2026-01', '2026-02'] },
        { row: 3, fullName: 'Керимова Лейла', action: 'create', paidMonths: [] },
      ],
    });
    const nobody = await call(
      ctx(),
      admin,
      'GET',
      `/v1/admin/dues/members?search=${encodeURIComponent('Гусейнов')}`,
    );
    expect(nobody.json()).toMatchObject({ total: 0 });

    // Answered once the file is read and checked; the rows are applied after the answer.
    const real = await importAndWait(admin, csv, 'dryRun=false&fileName=members.csv');
    expect(real.accepted).toMatchObject({ dryRun: false, status: 'running', totalRows: 5, finishedAt: null });
    expect(real.report).toMatchObject({
      status: 'completed',
      createdMembers: 2,
      paymentsCreated: 2,
      processedRows: 5,
      totalRows: 5,
    });
    // Repeating the import doubles nothing.
    const repeat = await importAndWait(admin, csv, 'dryRun=false');
    expect(repeat.report).toMatchObject({ createdMembers: 0, updatedMembers: 2, paymentsCreated: 0 });

    const found = await call(ctx(), admin, 'GET', `/v1/admin/dues/members?search=${claimer.slice(-7)}`);
    expect(found.json()).toMatchObject({
      total: 1,
      items: [
        {
          fullName: 'Гусейнов Рашад',
          city: 'Астана',
          joinedPeriod: '2026-01',
          source: 'import',
          userId: null,
          status: 'active',
        },
      ],
    });
    const byCity = await call(
      ctx(),
      admin,
      'GET',
      `/v1/admin/dues/members?city=${encodeURIComponent('астана')}`,
    );
    expect(byCity.json<{ items: { city: string }[] }>().items.every((item) => item.city === 'Астана')).toBe(
      true,
    );

    // The imported member registers with the verified phone and takes the membership over.
    const account = await phoneAccount(ctx(), claimer, 'Гусейнов Рашад');
    const claimed = await call(ctx(), account, 'POST', '/v1/dues/membership', {
      fullName: 'Гусейнов Рашад Ильхам оглы',
      phone: claimer,
    });
    expect(claimed.statusCode, claimed.body).toBe(201);
    expect(claimed.json()).toMatchObject({
      member: { userId: account.userId, fullName: 'Гусейнов Рашад Ильхам оглы', joinedPeriod: '2026-01' },
      arrears: [],
    });
    const history = await call(ctx(), account, 'GET', '/v1/dues/me/payments');
    expect(history.json<{ months: { period: string; state: string }[] }>().months).toEqual([
      expect.objectContaining({ period: '2026-03', state: 'upcoming' }),
      expect.objectContaining({ period: '2026-02', state: 'paid' }),
      expect.objectContaining({ period: '2026-01', state: 'paid' }),
    ]);
  });

  it('imports XLSX and refuses files it cannot read', async () => {
    const admin = await newStaff(ctx(), 'admin');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Участники');
    sheet.addRow(['ФИО', 'Телефон', 'Email', 'Город', 'Оплаченные месяцы']);
    const phone = newPhone();
    sheet.addRow([
      'Бабаева Нигяр',
      Number(phone.slice(1)),
      'nigar@example.kz',
      'Шымкент',
      '2026-02, 2026-03',
    ]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await importAndWait(
      admin,
      xlsx,
      'dryRun=false',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(imported.report).toMatchObject({
      format: 'xlsx',
      createdMembers: 1,
      paymentsCreated: 2,
      errors: [],
    });
    const noHeader = await csvImport(admin, 'a,b\n1,2\n');
    expect(noHeader.json()).toMatchObject({ status: 422, code: 'DUES_IMPORT_INVALID_FILE' });
    const brokenZip = await csvImport(admin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(brokenZip.json()).toMatchObject({ code: 'DUES_IMPORT_INVALID_FILE' });
    const tooBig = await csvImport(admin, Buffer.alloc(5 * 1024 * 1024 + 1, 0x41));
    expect(tooBig.statusCode).toBe(413);
    const cashier = await newStaff(ctx(), 'cashier');
    expect((await csvImport(cashier, 'ФИО,телефон\n')).statusCode).toBe(403);
  });

  it('staff edit a member, suspend and block with a reason; a blocked member cannot pay', async () => {
    const admin = await newStaff(ctx(), 'admin');
    const member = await newMember(ctx());
    const card = await call(ctx(), admin, 'GET', `/v1/admin/dues/members/${member.memberId}`);
    expect(card.json()).toMatchObject({
      member: { id: member.memberId, status: 'pending' },
      history: { payments: [] },
    });
    const edited = await call(ctx(), admin, 'PATCH', `/v1/admin/dues/members/${member.memberId}`, {
      fullName: 'Мамедов Эльчин Рашид оглы',
      city: 'Караганда',
      joinedPeriod: '2026-01',
    });
    expect(edited.json()).toMatchObject({
      fullName: 'Мамедов Эльчин Рашид оглы',
      city: 'Караганда',
      joinedPeriod: '2026-01',
    });
    const noReason = await call(ctx(), admin, 'POST', `/v1/admin/dues/members/${member.memberId}/status`, {
      status: 'blocked',
    });
    expect(noReason.json()).toMatchObject({ status: 422, code: 'DUES_REASON_REQUIRED' });
    const blocked = await call(ctx(), admin, 'POST', `/v1/admin/dues/members/${member.memberId}/status`, {
      status: 'blocked',
      reason: 'исключён решением совета',
    });
    expect(blocked.json()).toMatchObject({
      status: 'blocked',
      staffStatusReason: 'исключён решением совета',
    });
    const pay = await call(ctx(), member, 'POST', '/v1/dues/me/payments', { method: 'kaspi_qr' });
    expect(pay.json()).toMatchObject({ status: 403, code: 'DUES_MEMBER_BLOCKED' });
    const lifted = await call(ctx(), admin, 'POST', `/v1/admin/dues/members/${member.memberId}/status`, {
      status: 'none',
    });
    expect(lifted.json()).toMatchObject({ status: 'pending', staffStatus: 'none' });
    const log = await call(ctx(), admin, 'GET', `/v1/admin/dues/audit?entityId=${member.memberId}`);
    const actions = log.json<{ items: { action: string; before: unknown; after: unknown }[] }>().items;
    expect(actions.map((entry) => entry.action)).toEqual([
      'dues.member-status-changed',
      'dues.member-status-changed',
      'dues.member-updated',
      'dues.member-registered',
    ]);
    expect(actions[2]).toMatchObject({
      before: { city: 'Алматы', joinedPeriod: '2026-03' },
      after: { city: 'Караганда', joinedPeriod: '2026-01', personalDataChanged: ['fullName'] },
    });
    const unknown = await call(ctx(), admin, 'GET', '/v1/admin/dues/members/mbr_01aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(unknown.json()).toMatchObject({ status: 404, code: 'DUES_MEMBER_NOT_FOUND' });
  });

  it('issues a signed membership ticket that staff can check; forged tickets are refused', async () => {
    const member = await newMember(ctx());
    const cashier = await newStaff(ctx(), 'cashier');
    const ticket = await call(ctx(), member, 'GET', '/v1/dues/me/ticket');
    expect(ticket.json()).toMatchObject({ status: 'pending' });
    expect(ticket.json<{ qrImage: string }>().qrImage).toMatch(/^data:image\/png/);
    const { token, url } = ticket.json<{ token: string; url: string }>();
    expect(url).toContain(`#${token}`);
    await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments', {
      memberId: member.memberId,
      period: '2026-03',
      method: 'manual',
    });
    const checked = await call(ctx(), cashier, 'POST', '/v1/admin/dues/tickets/verify', { token });
    expect(checked.json()).toMatchObject({
      valid: true,
      member: { id: member.memberId, status: 'active', currentPeriod: '2026-03', paidThrough: '2026-03' },
    });
    const forged = `${token.slice(0, -2)}xx`;
    expect(
      (await call(ctx(), cashier, 'POST', '/v1/admin/dues/tickets/verify', { token: forged })).json(),
    ).toMatchObject({
      status: 422,
      code: 'DUES_TICKET_INVALID',
    });
    expect((await call(ctx(), member, 'POST', '/v1/admin/dues/tickets/verify', { token })).statusCode).toBe(
      403,
    );

    const report = await call(
      ctx(),
      cashier,
      'GET',
      '/v1/admin/dues/reports/collected?from=2026-01&to=2026-03',
    );
    expect(report.statusCode, report.body).toBe(200);
    const months = report.json<{
      months: { period: string; payments: number }[];
      treasury: { amount: string }[];
    }>();
    expect(months.months.map((month) => month.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(months.months[2]?.payments).toBeGreaterThanOrEqual(1);
    expect(BigInt(months.treasury[0]?.amount ?? '0')).toBeGreaterThanOrEqual(200000n);
    const reversed = await call(
      ctx(),
      cashier,
      'GET',
      '/v1/admin/dues/reports/collected?from=2026-03&to=2026-01',
    );
    expect(reversed.json()).toMatchObject({ code: 'DUES_INVALID_PERIOD' });
  });
});
