/** Every operator command, in the order `help` lists them. */
import type { CliCommand } from '../command.ts';
import { command as apikeyCreate } from './apikey-create.ts';
import { command as agencyCreate } from './agency-create.ts';
import { command as agencyList } from './agency-list.ts';
import { command as demoAccounts } from './demo-accounts.ts';
import { command as userCreate } from './user-create.ts';
import { command as userDisable } from './user-disable.ts';
import { command as auditVerify } from './audit-verify.ts';
import { command as auditKeygen } from './audit-keygen.ts';
import { command as match } from './match.ts';
import { command as migrate } from './migrate.ts';
import { command as noticesExpire } from './notices-expire.ts';
import { command as scorePairs } from './score-pairs.ts';
import { command as seedDemo } from './seed-demo.ts';

export const commands: CliCommand[] = [migrate, seedDemo, demoAccounts, match, scorePairs, agencyCreate, agencyList, userCreate, userDisable, noticesExpire, apikeyCreate, auditVerify, auditKeygen];
