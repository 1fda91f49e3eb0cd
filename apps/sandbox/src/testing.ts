import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ManualClock } from '@sauda/platform';
import type { Scheduler } from './scheduler.ts';

interface ScheduledTask {
  readonly at: number;
  readonly sequence: number;
  readonly run: () => unknown;
}

/**
 * A scheduler on a `ManualClock`: nothing runs until `advance`, which walks the clock from one due
 * task to the next and waits for each (a webhook delivery finishes before time moves on), so a
 * test sees retries, delays and reorderings in a fixed order.
 */
export class ManualScheduler implements Scheduler {
  readonly #clock: ManualClock;
  #tasks: ScheduledTask[] = [];
  #sequence = 0;

  constructor(clock: ManualClock) {
    this.#clock = clock;
  }

  /** How many tasks are waiting. */
  get pending(): number {
    return this.#tasks.length;
  }

  after(delayMs: number, run: () => unknown): () => void {
    const task = { at: this.#clock.now().getTime() + Math.max(0, delayMs), sequence: this.#sequence++, run };
    this.#tasks.push(task);
    return () => {
      this.#tasks = this.#tasks.filter((candidate) => candidate !== task);
    };
  }

  /** Moves the clock by `milliseconds`, running every task that falls due on the way, earliest first. */
  async advance(milliseconds = 0): Promise<void> {
    const end = this.#clock.now().getTime() + milliseconds;
    for (;;) {
      const next = this.#tasks
        .filter((task) => task.at <= end)
        .sort((a, b) => a.at - b.at || a.sequence - b.sequence)[0];
      if (!next) break;
      this.#tasks = this.#tasks.filter((task) => task !== next);
      if (next.at > this.#clock.now().getTime()) this.#clock.set(new Date(next.at));
      await next.run();
    }
    if (end > this.#clock.now().getTime()) this.#clock.set(new Date(end));
  }
}

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: unknown;
  /** Whether `X-Sauda-Signature` is a valid HMAC of "t.rawBody" under the receiver's secret. */
  readonly signatureValid: boolean;
  readonly signedAt: number | null;
  /** The status the receiver answered. */
  readonly status: number;
}

export interface PostbackReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Statuses to answer next, one per request; when empty the receiver answers 200. */
  readonly plannedStatuses: number[];
  close(): Promise<void>;
}

const validSignature = (secret: string, header: unknown, rawBody: string): number | null => {
  const match = typeof header === 'string' ? /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match?.[1] || !match[2]) return null;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex')) ? Number(match[1]) : null;
};

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
};

/**
 * A plain node:http server on 127.0.0.1 that plays the platform's receiving end in the sandbox's own
 * tests: it records every request with its raw body and checks the signature, independently of the
 * sandbox's signing code. 401 for a bad signature, like the platform.
 */
export async function startPostbackReceiver(secret: string): Promise<PostbackReceiver> {
  const received: ReceivedWebhook[] = [];
  const plannedStatuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const signedAt = validSignature(secret, request.headers['x-sauda-signature'], rawBody);
      const status = signedAt === null ? 401 : (plannedStatuses.shift() ?? 200);
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        rawBody,
        body: parseJson(rawBody),
        signatureValid: signedAt !== null,
        signedAt,
        status,
      });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    plannedStatuses,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
