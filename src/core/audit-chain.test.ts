import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit.ts';
import { generateKeyPairSync } from 'node:crypto';
import {
  AuditSigner,
  AuditVerifyKey,
  canonicalEntry,
  canonicalJson,
  ChainVerifier,
  checkpointMessage,
  checkSignature,
  generateAuditKeyPair,
  GENESIS_HASH,
  hashEntry,
  headMessage,
  sealEntry,
  verifyChain,
} from './audit-chain.ts';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = sealEntry({
      seq,
      id: `id${seq}`,
      at: `2026-01-01T00:00:0${seq % 10}.000Z`,
      action: seq % 2 ? 'consult' : 'disclose',
      userId: 'u1',
      agencyId: 'a1',
      objectType: 'notice',
      objectId: `n${seq}`,
      purpose: 'Case 2026/123',
      recipients: seq % 2 ? [] : ['FR', 'DE'],
      details: { n: seq, ok: true },
      ip: '192.0.2.1',
      prevHash: prev,
    });
    out.push(e);
    prev = e.hash;
  }
  return out;
}

describe('canonical serialisation', () => {
  it('sorts keys at every depth and is stable', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[1,{"y":"x","z":null}]},"b":1}');
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });

  it('treats absent and empty optional fields alike, but not different values', () => {
    const [e] = chain(1);
    const { recipients: _r, ...noRecipients } = e!;
    expect(canonicalEntry({ ...noRecipients })).toBe(canonicalEntry({ ...e!, recipients: [] }));
    expect(hashEntry({ ...e!, purpose: 'Case 2026/124' })).not.toBe(e!.hash);
    expect(hashEntry({ ...e!, details: { ok: true, n: 1 } })).toBe(e!.hash);
  });

  it('does not confuse field boundaries', () => {
    const [e] = chain(1);
    expect(hashEntry({ ...e!, objectType: 'notice', objectId: 'n1' })).not.toBe(hashEntry({ ...e!, objectType: 'noticen', objectId: '1' }));
  });
});

describe('chain verification', () => {
  it('accepts an intact chain and reports its head', () => {
    const c = chain(5);
    const r = verifyChain(c);
    expect(r.ok).toBe(true);
    expect(r.count).toBe(5);
    expect(r.head).toEqual({ seq: 5, hash: c[4]!.hash });
  });

  it('names an altered entry', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, purpose: 'curiosity' };
    expect(verifyChain(c).problem).toMatchObject({ seq: 3, id: 'id3', reason: 'altered' });
  });

  it('names the gap left by a removed entry', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyChain(c).problem).toMatchObject({ seq: 2, id: null, reason: 'missing' });
  });

  it('catches a removal that was renumbered to hide the gap', () => {
    const c = chain(5);
    c.splice(1, 1);
    const renumbered = c.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered).problem).toMatchObject({ seq: 2, id: 'id3', reason: 'broken_link' });
  });

  it('catches reordered entries', () => {
    const c = chain(5);
    const swapped = [c[0]!, { ...c[2]!, seq: 2 }, { ...c[1]!, seq: 3 }, c[3]!, c[4]!];
    expect(verifyChain(swapped).problem).toMatchObject({ seq: 2, id: 'id3', reason: 'broken_link' });
  });

  it('catches an entry whose hash was recomputed after alteration (its successor no longer links)', () => {
    const c = chain(4);
    c[1] = sealEntry({ ...c[1]!, purpose: 'rewritten' });
    expect(verifyChain(c).problem).toMatchObject({ seq: 3, reason: 'broken_link' });
  });

  it('starts from a trusted anchor and checks in batches', () => {
    const c = chain(6);
    const v = new ChainVerifier({ seq: 2, hash: c[1]!.hash });
    expect(v.feed(c.slice(2, 4))).toBeNull();
    expect(v.feed(c.slice(4))).toBeNull();
    expect(v.head).toEqual({ seq: 6, hash: c[5]!.hash });
    expect(new ChainVerifier({ seq: 2, hash: GENESIS_HASH }).feed(c.slice(2))).toMatchObject({ seq: 3, reason: 'broken_link' });
  });
});

describe('signatures of checkpoints and head', () => {
  const pair = generateAuditKeyPair();
  const signer = AuditSigner.fromPem(pair.privatePem);
  const key = AuditVerifyKey.fromPem(pair.publicPem);
  const hash = 'a'.repeat(64);

  it('verifies with the public key, derived from either PEM', () => {
    const head = signer.sign(headMessage(7, hash));
    expect(head.keyId).toBe(key.keyId);
    expect(AuditVerifyKey.fromPem(pair.privatePem).keyId).toBe(key.keyId);
    expect(checkSignature(key, headMessage(7, hash), head)).toEqual({ ok: true });
    expect(key.publicPem).toBe(pair.publicPem);
  });

  it('refuses any change to what was signed', () => {
    const head = signer.sign(headMessage(7, hash));
    expect(checkSignature(key, headMessage(6, hash), head)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(checkSignature(key, headMessage(7, 'b'.repeat(64)), head)).toMatchObject({ ok: false, reason: 'bad_signature' });
    const cp = signer.sign(checkpointMessage(1000, hash, '2026-01-01T00:00:00.000Z'));
    expect(checkSignature(key, checkpointMessage(1000, hash, '2026-01-02T00:00:00.000Z'), cp)).toMatchObject({ ok: false });
  });

  it('never lets a checkpoint signature pass as the head’s', () => {
    const cp = signer.sign(checkpointMessage(1000, hash, '2026-01-01T00:00:00.000Z'));
    expect(checkSignature(key, headMessage(1000, hash), cp)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('names another key, and an unsigned point', () => {
    const other = AuditSigner.fromPem(generateAuditKeyPair().privatePem);
    const forged = other.sign(headMessage(7, hash));
    expect(checkSignature(key, headMessage(7, hash), forged)).toMatchObject({ ok: false, reason: 'bad_signature', why: expect.stringContaining(other.keyId) });
    // Claiming the right key id does not help a signature made with another key.
    expect(checkSignature(key, headMessage(7, hash), { ...forged, keyId: key.keyId })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(checkSignature(key, headMessage(7, hash), { signature: null, keyId: null })).toMatchObject({ ok: false, reason: 'unsigned' });
    expect(checkSignature(key, headMessage(7, hash), { signature: 'bm90IGEgc2lnbmF0dXJl', keyId: null })).toMatchObject({ ok: false });
  });

  it('accepts Ed25519 keys only', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => new AuditSigner(privateKey)).toThrow(/Ed25519/);
  });
});
