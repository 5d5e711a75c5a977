/** Who is acting: a signed-in official (by session) or a machine client (by API key), with agency and roles. */

export const roles = ['officer', 'reviewer', 'liaison', 'editor', 'admin', 'auditor'] as const;
export type Role = (typeof roles)[number];

export type Principal = {
  userId: string;
  email: string;
  name: string;
  agencyId: string;
  agencyCode: string;
  /** ISO alpha-2 country of the user's agency. */
  country: string;
  /** True for the office's own agency (reviewers and liaison officers work there). */
  agencyIsOffice: boolean;
  roles: Role[];
  via: 'session' | 'apikey';
  /** API keys may be read-only; sessions never are. */
  readOnly: boolean;
  sessionId: string | null;
  apiKeyId: string | null;
};
