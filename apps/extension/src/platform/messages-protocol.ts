import type { AccountStatus } from '../core/account-session.ts';
import type { Locale } from '../core/messages.ts';

/** What the popup asks the background; only the background talks to the API. */
export type PopupRequest =
  | { readonly type: 'view'; readonly tabId: number; readonly url: string | undefined }
  | { readonly type: 'activate'; readonly tabId: number; readonly url: string }
  /** Sent once the popup has rendered: re-reads the account (language, revocation in the cabinet). */
  | { readonly type: 'check-account'; readonly tabId: number; readonly url: string | undefined }
  | { readonly type: 'connect' }
  | { readonly type: 'cancel-connect' }
  | { readonly type: 'disconnect' }
  | { readonly type: 'set-enabled'; readonly enabled: boolean }
  | { readonly type: 'sync-now' };

export type SiteView =
  | { readonly kind: 'not-web' }
  | { readonly kind: 'not-partner' }
  | {
      readonly kind: 'partner';
      readonly slug: string;
      readonly name: string;
      readonly conditions: string;
      readonly rate: string;
      readonly paused: boolean;
      readonly activated: boolean;
      readonly standDown: boolean;
    };

export interface PopupView {
  readonly locale: Locale;
  readonly enabled: boolean;
  readonly account: AccountStatus;
  readonly syncedAt: string | undefined;
  readonly site: SiteView;
  readonly lastActivation: { readonly name: string; readonly at: string } | undefined;
  readonly cabinetUrl: string;
}

export type PopupAnswer =
  | { readonly ok: true; readonly view: PopupView }
  | { readonly ok: false; readonly error: 'network' | 'not-allowed'; readonly view: PopupView };
