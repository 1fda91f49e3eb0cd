/**
 * The port through which conversions asks a network what changed: every action whose status was
 * updated in a time window, across all pages. An action comes back in our report format (the
 * Sauda spec field names of SPEC_MAPPING, values as strings), whatever the network's API calls
 * them, so polled actions and postbacks go through the same validation and state machine.
 */
export type SpecAction = Readonly<Record<string, string>>;

export interface PollWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface NetworkAdapter {
  fetchActions(window: PollWindow): Promise<readonly SpecAction[]>;
}

/** The network's API failed or answered something we cannot read; the window is polled again later. */
export class NetworkApiError extends Error {
  override name = 'NetworkApiError';
}
