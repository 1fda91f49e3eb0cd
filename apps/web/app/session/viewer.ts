/** The part of GET /v1/me the pages use. */
export interface Viewer {
  readonly id: string;
  readonly fullName: string | null;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly phone: string | null;
  readonly phoneVerified: boolean;
  readonly locale: string;
  readonly roles: readonly string[];
  readonly twoFactorEnabled: boolean;
  readonly backupCodesRemaining: number;
  readonly createdAt: string;
}
