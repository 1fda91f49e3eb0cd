import { DeliveryFailure, redactAddresses, type ChannelAdapter } from './channel.ts';

export interface WhatsAppBusinessSettings {
  /** Base URL of the Cloud API including its version, e.g. `https://graph.facebook.com/v21.0`. */
  readonly url: string;
  /** The id of the sending business phone number. */
  readonly phoneNumberId: string;
  readonly accessToken: string;
  readonly timeoutMs?: number;
}

const isPermanentStatus = (status: number): boolean =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

interface CloudApiAnswer {
  readonly messages?: readonly { readonly id?: unknown }[];
  readonly error?: { readonly message?: unknown; readonly code?: unknown };
}

/**
 * WhatsApp Business Platform (Cloud API) template messages: `POST <url>/<phone number id>/messages`
 * with a bearer token and `{ messaging_product: "whatsapp", to, type: "template", template: { name,
 * language: { code }, components: [{ type: "body", parameters }] } }`, answered by
 * `{ messages: [{ id }] }`. The API has no idempotency key: the delivery id travels as
 * `biz_opaque_callback_data` for correlation, and a lost response can cause one duplicate.
 */
export function whatsAppBusinessAdapter(settings: WhatsAppBusinessSettings): ChannelAdapter<'whatsapp'> {
  const base = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;
  const endpoint = new URL(`${encodeURIComponent(settings.phoneNumberId)}/messages`, base);
  return {
    channel: 'whatsapp',
    async deliver(delivery) {
      const { content } = delivery;
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.accessToken}` },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: delivery.address.replace(/^\+/, ''),
            type: 'template',
            template: {
              name: content.template,
              language: { code: content.language },
              components:
                content.parameters.length === 0
                  ? []
                  : [
                      {
                        type: 'body',
                        parameters: content.parameters.map((text) => ({ type: 'text', text })),
                      },
                    ],
            },
            biz_opaque_callback_data: delivery.deliveryId,
          }),
          signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new DeliveryFailure(`whatsapp unreachable: ${(error as Error).message}`, {
          permanent: false,
          cause: error,
        });
      }
      const body = (await response.json().catch(() => ({}))) as CloudApiAnswer;
      if (!response.ok) {
        const detail = typeof body.error?.message === 'string' ? body.error.message : response.statusText;
        throw new DeliveryFailure(redactAddresses(`whatsapp ${response.status}: ${detail}`), {
          permanent: isPermanentStatus(response.status),
        });
      }
      const id = body.messages?.[0]?.id;
      if (typeof id !== 'string')
        throw new DeliveryFailure('whatsapp answered without a message id', { permanent: false });
      return { providerMessageId: id };
    },
  };
}
