// `govwin-ace audit <subcommand>`: operator access to the append-only audit table. One subcommand
// today, `export` (./audit-export.ts).
import { type Command, UsageError } from '../command';
import {
  AUDIT_EXPORT_USAGE,
  type AuditExportDeps,
  defaultAuditExportDeps,
  runAuditExport,
} from './audit-export';

/** Builds the command; `deps` is injectable for tests. */
export const makeAuditCommand = (deps: AuditExportDeps = defaultAuditExportDeps): Command => ({
  name: 'audit',
  summary:
    'export the audit rows of a deal or a time range as JSON lines and verify the hash chain',
  usage: AUDIT_EXPORT_USAGE,
  run: async (args, io) => {
    const [sub, ...rest] = args;
    if (sub !== 'export')
      throw new UsageError(
        sub === undefined ? 'missing subcommand: export' : 'unknown subcommand (expected: export)'
      );
    return runAuditExport(rest, io, deps);
  },
});

export const auditCommand = makeAuditCommand();
