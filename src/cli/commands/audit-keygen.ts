/** `audit keygen`: creates the Ed25519 key pair that signs the audit trail (private key 0600, public key beside it). */
import { createAuditKeyFile } from '../../services/audit/create-audit-key-file.ts';
import { parseArgs, type CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'audit keygen',
  summary: 'Create an audit signing key pair (for AUDIT_SIGNING_KEY_FILE and AUDIT_VERIFY_KEY_FILE)',
  usage: 'audit keygen --out FILE',
  async run(args, io) {
    const out = parseArgs(args).flags.get('out')?.[0];
    if (!out) throw new Error('--out FILE is required');
    try {
      const { keyId, publicPath } = createAuditKeyFile(out);
      io.stdout.write(`private key: ${out} (mode 0600; set AUDIT_SIGNING_KEY_FILE to it, keep it away from the database and its backups)\n`);
      io.stdout.write(`public key:  ${publicPath} (AUDIT_VERIFY_KEY_FILE for verifiers)\nkey id:      ${keyId}\n`);
      return 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${out} exists; a key that signed a trail must not be overwritten`);
      throw err;
    }
  },
};
