import { DeliveryFailure, redactAddresses, type ChannelAdapter } from './channel.ts';

export interface HttpSmsGatewaySettings {
  /** Base URL of the gateway; messages are POSTed to `<url>/v1/messages`. */
  readonly url: string;
  readonly apiKey: string;
  /** Alphanumeric sender name registered with the gateway. */
  readonly sender?: string;
  readonly timeoutMs?: number;
}

/** 408 and 429 say "not now"; every other 4xx says the request itself is wrong. */
const isPermanentStatus = (status: number): boolean =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * SMS through an HTTP gateway: `POST /v1/messages` with `X-Api-Key`, a JSON body
 * `{ to, text, sender, reference }`, answered by `{ id }`. The delivery id goes as `reference`,
 * which the gateway deduplicates, so a retry after a lost response does not send a second SMS.
 */
export function httpSmsGatewayAdapter(settings: HttpSmsGatewaySettings): ChannelAdapter<'sms'> {
  const endpoint = new URL('v1/messages', settings.url.endsWith('/') ? settings.url : `${settings.url}/`);
  return {
    channel: 'sms',
    async deliver(delivery) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': settings.apiKey },
          body: JSON.stringify({
            to: delivery.address,
            text: delivery.content.text,
            sender: settings.sender ?? 'Sauda',
            reference: delivery.deliveryId,
          }),
          signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new DeliveryFailure(`sms gateway unreachable: ${(error as Error).message}`, {
          permanent: false,
          cause: error,
        });
      }
      const body = (await response.json().catch(() => ({}))) as { id?: unknown; error?: unknown };
      if (!response.ok) {
        const detail = typeof body.error === 'string' ? body.error : response.statusText;
        throw new DeliveryFailure(redactAddresses(`sms gateway ${response.status}: ${detail}`), {
          permanent: isPermanentStatus(response.status),
        });
      }
      if (typeof body.id !== 'string')
        throw new DeliveryFailure('sms gateway answered without a message id', { permanent: false });
      return { providerMessageId: body.id };
    },
  };
}
