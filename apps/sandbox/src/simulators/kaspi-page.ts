import QRCode from 'qrcode';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

const STATUS_TEXT: Readonly<Record<string, string>> = {
  pending: 'Ожидает оплаты',
  paid: 'Оплачено',
  failed: 'Отклонено',
  expired: 'Время оплаты истекло',
};

/**
 * The payment page the sandbox Kaspi shows: the QR a phone would scan, and a "pay" button that
 * plays the payer confirming in the Kaspi app. Plain HTML, no scripts.
 */
export async function kaspiPaymentPage(payment: {
  readonly id: string;
  readonly amount: string;
  readonly currency: string;
  readonly description: string;
  readonly status: string;
  readonly qrPayload: string;
  readonly returnUrl: string | null;
}): Promise<string> {
  const qr = await QRCode.toString(payment.qrPayload, { type: 'svg', margin: 1, width: 240 });
  const action =
    payment.status === 'pending'
      ? `<form method="post" action="${escapeHtml(payment.id)}"><button type="submit">Оплатить ${escapeHtml(payment.amount)} ${escapeHtml(payment.currency)}</button></form>`
      : payment.returnUrl
        ? `<p><a href="${escapeHtml(payment.returnUrl)}">Вернуться в кабинет</a></p>`
        : '';
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kaspi (sandbox)</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;text-align:center}
.badge{display:inline-block;background:#f14635;color:#fff;border-radius:.5rem;padding:.2rem .6rem;font-weight:700}
button{background:#f14635;color:#fff;border:0;border-radius:.6rem;padding:.9rem 1.6rem;font-size:1.1rem;cursor:pointer}
.status{font-size:1.2rem;margin:1rem 0}</style></head>
<body>
<p><span class="badge">Kaspi</span> sandbox</p>
<h1>${escapeHtml(payment.amount)} ${escapeHtml(payment.currency)}</h1>
<p>${escapeHtml(payment.description)}</p>
<div>${qr}</div>
<p class="status" data-status="${escapeHtml(payment.status)}">${escapeHtml(STATUS_TEXT[payment.status] ?? payment.status)}</p>
${action}
</body>
</html>`;
}
