import { createTransport, type NodemailerError } from 'nodemailer';
import { DeliveryFailure, redactAddresses, type ChannelAdapter } from './channel.ts';

export interface SmtpEmailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465`, as nodemailer reads it. */
  readonly url: string;
  /** The From header, e.g. `Sauda <no-reply@sauda.kz>`. */
  readonly from: string;
  /** Upper bound for connecting, the greeting and each socket wait; a hung server becomes a retry. */
  readonly timeoutMs?: number;
}

function toFailure(error: unknown): DeliveryFailure {
  const smtp = error as Partial<NodemailerError>;
  const reason = smtp.responseCode
    ? `smtp ${smtp.responseCode}: ${smtp.response ?? smtp.message ?? ''}`
    : `smtp ${smtp.code ?? 'error'}: ${smtp.message ?? String(error)}`;
  // nodemailer sets `permanent` from the reply class (5xx except 503); connection errors have none.
  return new DeliveryFailure(redactAddresses(reason), { permanent: smtp.permanent === true, cause: error });
}

/** Email over SMTP: works with any provider that offers SMTP (and with Mailpit or smtp-server locally). */
export function smtpEmailAdapter(settings: SmtpEmailSettings): ChannelAdapter<'email'> {
  const timeout = settings.timeoutMs ?? 15_000;
  const transport = createTransport({
    url: settings.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    channel: 'email',
    async deliver(delivery) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: delivery.address,
          subject: delivery.content.subject,
          text: delivery.content.text,
          html: delivery.content.html,
          headers: { 'X-Sauda-Delivery': delivery.deliveryId },
        });
        return { providerMessageId: info.messageId || null };
      } catch (error) {
        throw toFailure(error);
      }
    },
  };
}
