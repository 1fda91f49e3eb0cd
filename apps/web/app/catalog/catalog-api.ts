/** The public catalog API's shapes (modules/catalog/src/catalog.contracts.ts), as far as pages read them. */

export interface LocalizedText {
  readonly ru: string;
  readonly kk: string;
  readonly en: string;
}

export interface PublicReward {
  readonly kind: 'percent' | 'fixed';
  readonly rate: string;
  readonly currency: string;
  readonly userShare: string;
  readonly cap: string | null;
  readonly holdDays: number;
  readonly userRate: string;
}

export interface PublicPartner {
  readonly id: string;
  readonly slug: string;
  readonly name: LocalizedText;
  readonly shortDescription: LocalizedText;
  readonly description: LocalizedText;
  readonly conditions: LocalizedText;
  readonly logoUrl: string | null;
  readonly website: string;
  readonly categories: readonly string[];
  readonly reward: PublicReward;
  readonly status: 'draft' | 'active' | 'paused' | 'archived';
  readonly featured: boolean;
  readonly goUrl: string;
}

export interface PartnerPage {
  readonly items: readonly PublicPartner[];
  readonly nextCursor: string | null;
}

export interface Category {
  readonly id: string;
  readonly slug: string;
  readonly name: LocalizedText;
  readonly icon: string;
  readonly position: number;
}

export const SORTS = ['popular', 'rate', 'name'] as const;
export type Sort = (typeof SORTS)[number];
