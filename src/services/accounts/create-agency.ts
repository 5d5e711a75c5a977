/** Creates an agency (the unit of data ownership): by an office administrator in the portal, or by an operator. */
import { z } from 'zod';
import { isKnownCountry } from '../../core/countries.ts';
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getAgencyByCode, insertAgency } from '../../storage/repositories/accounts.ts';
import type { Agency } from '../../core/accounts.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export const agencyInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, 'Use 2 to 20 letters, digits or dashes.'),
  name: z.string().trim().min(2).max(160),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => isKnownCountry(c), 'Unknown country code.'),
  isOffice: z.boolean().default(false),
  isDemo: z.boolean().default(false),
});
export type AgencyInput = z.infer<typeof agencyInput>;

/** `actor` is null for operators at the command line, who act with the server's own authority. */
export async function createAgency(db: Db, actor: Principal | null, input: AgencyInput, meta: RequestMeta): Promise<Agency> {
  if (actor) assertCan(actor, 'agencies.manage');
  if (await getAgencyByCode(db, input.code)) throw new AppError('conflict', 'error.detail.agency_code_taken', { code: input.code });
  return inTransaction(db, async (trx) => {
    const agency = await insertAgency(trx, input, meta.now.toISOString());
    await recordAudit(trx, {
      action: 'admin.change', userId: actor?.userId ?? null, agencyId: actor?.agencyId ?? agency.id, objectType: 'agency', objectId: agency.id,
      purpose: null, details: { change: 'agency.created', code: agency.code, country: agency.country, isOffice: agency.isOffice, by: actor ? 'portal' : 'operator' },
      ip: meta.ip,
    });
    return agency;
  });
}
