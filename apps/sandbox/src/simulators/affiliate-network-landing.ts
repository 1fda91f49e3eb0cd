import type { FastifyInstance } from 'fastify';
import type { Simulator } from '../sandbox.ts';

/** One click that reached the simulated network, as a real network would log it. */
export interface NetworkClick {
  readonly subid: string;
  readonly offer: string | null;
  readonly url: string | null;
  readonly receivedAt: string;
}

export interface AffiliateNetworkLandingOptions {
  /** How many clicks are kept; the oldest are forgotten first. */
  readonly capacity?: number;
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value !== '' ? value.slice(0, max) : null;

/**
 * The click side of an affiliate network: partners in the demo use the tracking URL template
 * `<SANDBOX_URL>/affiliate-network/click?subid={click_id}&url={target_url}&offer=<slug>`, so `/go`
 * lands here. The simulator records the sub-id (the Sauda click id) and answers a page with a link
 * on to the shop instead of redirecting, so the demo never leaves for a real site on its own.
 * Conversions and postbacks are the simulator's next part (issue 6).
 *
 *   GET /click?subid=…&url=…&offer=…   record the click; 400 without a sub-id
 *   GET /clicks                         recorded clicks, newest first
 */
export function createAffiliateNetworkLandingSimulator(
  options: AffiliateNetworkLandingOptions = {},
): Simulator & {
  readonly clicks: readonly NetworkClick[];
} {
  const capacity = options.capacity ?? 1000;
  const clicks: NetworkClick[] = [];
  return {
    name: 'affiliate-network',
    description: 'Affiliate network: GET /click?subid=&url=&offer= (records the click), GET /clicks',
    clicks,
    async register(app: FastifyInstance) {
      app.get('/click', async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const subid = text(query.subid, 200);
        if (!subid) return reply.status(400).type('text/plain; charset=utf-8').send('missing subid');
        const url = text(query.url, 2048);
        const click: NetworkClick = {
          subid,
          offer: text(query.offer, 100),
          url,
          receivedAt: new Date().toISOString(),
        };
        clicks.push(click);
        if (clicks.length > capacity) clicks.shift();
        const onward =
          url && /^https?:\/\//i.test(url)
            ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`
            : '';
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'")
          .send(
            `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox affiliate network</title></head>` +
              `<body><h1>Sandbox affiliate network</h1><p>Click recorded. Sub-id: <code>${escapeHtml(subid)}</code>` +
              `${click.offer ? `, offer <code>${escapeHtml(click.offer)}</code>` : ''}.</p>${onward}</body></html>`,
          );
      });
      app.get('/clicks', async () => ({ clicks: [...clicks].reverse() }));
    },
  };
}
