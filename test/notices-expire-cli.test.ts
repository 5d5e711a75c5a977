import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlatform } from '../src/bootstrap.ts';
import { runCli } from '../src/cli/main.ts';
import { loadConfig } from '../src/config/config.ts';
import type { Principal } from '../src/core/principal.ts';
import { createLogger } from '../src/logger.ts';
import { createNoticeRequest } from '../src/services/notice-requests/create-notice-request.ts';
import { getNoticeRequest } from '../src/services/notice-requests/get-notice-request.ts';
import { reviewNoticeRequest } from '../src/services/notice-requests/review-notice-request.ts';
import { saveNoticeRequest } from '../src/services/notice-requests/save-notice-request.ts';
import { submitNoticeRequest } from '../src/services/notice-requests/submit-notice-request.ts';
import { makeAgency, makeUser, type TestUser } from './portal-support.ts';
import { captureCli } from './support/cli-io.ts';

let dir: string;
const saved = { ...process.env };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-expire-'));
  process.env.DATA_DIR = dir;
  process.env.LOG_LEVEL = 'silent';
  process.env.DEMO_DATA = 'false';
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => captureCli((io) => runCli(args, io), '');

const principalOf = (u: TestUser, roles: Principal['roles'], office: boolean): Principal => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  agencyId: u.agencyId,
  agencyCode: 'T',
  country: 'DE',
  agencyIsOffice: office,
  roles,
  via: 'session',
  readOnly: false,
  sessionId: null,
  apiKeyId: null,
});

describe('notices-expire', () => {
  it('expires a notice only once its five years have passed, as of the date given', async () => {
    const p = await openPlatform(loadConfig(), createLogger('silent'));
    let id: string;
    let officer: Principal;
    try {
      const office = await makeAgency(p, { isOffice: true });
      const agency = await makeAgency(p);
      officer = principalOf(await makeUser(p, agency.id, ['officer']), ['officer'], false);
      const reviewer = principalOf(await makeUser(p, office.id, ['reviewer']), ['reviewer'], true);
      const approvedAt = new Date('2026-01-15T10:00:00Z');
      const draft = await createNoticeRequest(p.store.db, officer, { kind: 'missing' }, approvedAt);
      id = draft.id;
      await saveNoticeRequest(p.store.db, officer, id, { nationalReference: 'T-1', familyName: 'Fictional', dateOfBirth: '2001', disappearance: { date: '2025-12-01', country: 'DE' } }, approvedAt);
      await submitNoticeRequest(p.store.db, p.deps.noticeIndex, officer, id, approvedAt);
      const checklist = { neutral_character: true, human_rights: true, data_quality: true, serious_offence: false };
      await reviewNoticeRequest(p.store.db, p.deps.photoStore, reviewer, id, { decision: 'approve', comment: '', checklist }, approvedAt);
    } finally {
      await p.close();
    }
    expect(await cli(['notices-expire', '--at', 'soon'])).toMatchObject({ code: 2 });
    expect(await cli(['notices-expire', '--at', '2031-01-14'])).toMatchObject({ code: 0, out: 'expired: 0\n' });
    expect(await cli(['notices-expire', '--at', '2031-01-16'])).toMatchObject({ code: 0, out: 'expired: 1\n' });
    expect(await cli(['notices-expire', '--at', '2031-01-17'])).toMatchObject({ code: 0, out: 'expired: 0\n' });
    const again = await openPlatform(loadConfig(), createLogger('silent'));
    try {
      expect((await getNoticeRequest(again.store.db, officer, id, null)).request.status).toBe('expired');
    } finally {
      await again.close();
    }
  });
});
