import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

/** A real SMTP server on a random local port; `failWith` makes it refuse the next messages. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  readonly failures: { code: number; message: string }[] = [];
  readonly #server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream: SMTPServerDataStream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = this.failures.shift();
        if (failure) {
          callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
          return;
        }
        const envelope = session.envelope;
        this.received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.#server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(resolve);
    });
  }
}

/** Just enough MIME to read what nodemailer sent: headers, encoded words and the text/plain part. */
export function readMail(raw: string): { headers: Map<string, string>; text: string; html: string } {
  const decodeWords = (value: string): string =>
    value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_whole, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
  const decodeQuotedPrintable = (value: string): string =>
    Buffer.from(
      value
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  const parseHeaders = (block: string): Map<string, string> =>
    new Map(
      block
        .replace(/\r?\n[ \t]+/g, ' ')
        .split(/\r?\n/)
        .map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
    );
  const split = (part: string): [string, string] => {
    const index = part.search(/\r?\n\r?\n/);
    return [part.slice(0, index), part.slice(index).replace(/^\r?\n\r?\n/, '')];
  };
  const [head, body] = split(raw);
  const headers = parseHeaders(head);
  headers.set('subject', decodeWords(headers.get('subject') ?? ''));
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1] ?? '';
  const parts = body.split(`--${boundary}`).slice(1, -1).map(split);
  const partOf = (type: string): string => {
    const [partHead, partBody] = parts.find(([h]) =>
      parseHeaders(h).get('content-type')?.startsWith(type),
    ) ?? ['', ''];
    const encoding = parseHeaders(partHead).get('content-transfer-encoding');
    if (encoding === 'base64') return Buffer.from(partBody, 'base64').toString('utf8');
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(partBody);
    return partBody;
  };
  return { headers, text: partOf('text/plain').replace(/\r\n/g, '\n').trim(), html: partOf('text/html') };
}
