/** What a partner card shows, in the page's language only (the loader trims the API's three languages). */
export interface PartnerCardView {
  readonly slug: string;
  readonly name: string;
  readonly shortDescription: string;
  readonly logoUrl: string | null;
  readonly categoryNames: readonly string[];
  readonly rate: string;
  readonly paused: boolean;
}

export interface CategoryView {
  readonly slug: string;
  readonly name: string;
}
