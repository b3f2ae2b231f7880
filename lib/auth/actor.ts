import type { Permission, Role } from './permissions';

/** Who is acting, in which OU, with what rights. Every service takes one and scopes its queries by `ouId`. */
export type Actor = {
  kind: 'user' | 'api_key';
  /** The signed-in user, or the user who created the API key (may be null if that user was removed). */
  userId: number | null;
  apiKeyId: number | null;
  displayName: string;
  ouId: number;
  ouName: string;
  role: Role;
  permissions: readonly Permission[];
};

export type OuMembershipSummary = { ouId: number; ouName: string; role: Role };
