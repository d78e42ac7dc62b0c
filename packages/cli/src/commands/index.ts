// The command table. To add a command: write ./<name>.ts exporting a `Command`, import it here and
// add it to COMMANDS (the order is the order of `govwin-ace --help`).
import type { Command } from '../command';
import { auditCommand } from './audit';
import { dlqCommand } from './dlq';
import { doctorCommand } from './doctor';
import { driftCommand } from './drift';
import { dryRunCommand } from './dry-run';
import { setupHubSpotCommand } from './setup-hubspot';
import { syncCommand } from './sync';
import { traceCommand } from './trace';

export const COMMANDS: readonly Command[] = [
  setupHubSpotCommand,
  syncCommand,
  auditCommand,
  doctorCommand,
  traceCommand,
  dryRunCommand,
  driftCommand,
  dlqCommand,
];
