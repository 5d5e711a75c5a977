/** A portal session as the domain sees it (the token itself is never stored, only its hash). */

export type Session = {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  mfaAt: string | null;
  reauthAt: string;
  enrolment: boolean;
  pendingTotpSecret: string | null;
  webauthnChallenge: string | null;
  userAgent: string | null;
  ip: string | null;
};
