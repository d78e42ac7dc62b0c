// Plain-text rendering of a soak report (the JSON form is the report object itself).
import type { SoakReport } from './soak-run';

const MAX_ITEMS = 25;

const table = (rows: readonly (readonly string[])[]): string[] => {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  );
};

/**
 * Formats a report for people: settings, what was injected, what happened, then every check.
 * @example process.stdout.write(`${formatSoakReport(report)}\n`)
 */
export const formatSoakReport = (r: SoakReport): string => {
  const s = r.settings;
  const out: string[] = [
    `soak seed ${r.seed}: ${s.opportunities} GovWin opportunities, ${s.submissions} submissions, ${s.invitations} referrals, fault rate ${s.faultRate}, crash rate ${s.killRate}, ${s.timeouts} timeouts`,
    `took ${r.durationS} s on ${r.machine.cpus} CPU(s) (${r.machine.cpuModel}), Node ${r.machine.node}, commit ${r.machine.commit}; handler output: ${r.logFile}`,
    '',
    'faults (per call or delivery):',
    ...r.faults.plan.map((l) => `  ${l}`),
    '',
    'handler invocations:',
    ...table([
      [
        '  lambda',
        'invocations',
        'armed',
        'crashed',
        'timed out',
        'failed',
        'cold starts',
        'median ms',
        'max ms',
      ],
      ...Object.entries(r.crashes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, c]) => [
          `  ${name}`,
          String(c.invocations),
          String(c.armed),
          String(c.crashed),
          String(c.timedOut),
          String(c.failed),
          String(c.coldStarts),
          String(c.medianMs),
          String(c.maxMs),
        ]),
    ]),
    '',
    'activity:',
  ];
  const a = r.activity;
  out.push(
    ...table([
      [
        '  GovWin opportunities (marked for download)',
        `${a.discoverable} of ${a.govwinOpportunities}`,
      ],
      ['  HubSpot deals from GovWin', String(a.deals)],
      ['  GovWin schedule rounds', String(a.syncRounds)],
      ['  deals submitted from the card', String(a.submitted)],
      ['  deals moved to the trigger stage by hand (invalid by design)', String(a.invalidByDesign)],
      ['  AWS opportunities', String(a.awsOpportunities)],
      [
        '  rep edits (during review / after / not accepted)',
        `${a.edits.duringReview} / ${a.edits.afterReview} / ${a.edits.failed}`,
      ],
      ['  AWS referrals / referral deals', `${a.invitations} / ${a.referralDeals}`],
      ['  reconcile rounds', String(a.reconcileRounds)],
      [
        '  events that failed every attempt / left after reconcile re-drove them',
        `${a.failedEvents.deadLettered} / ${a.failedEvents.left}`,
      ],
      [
        '  external calls (GovWin / HubSpot / Partner Central)',
        `${a.externalCalls.govwin} / ${a.externalCalls.hubspot} / ${a.externalCalls.partnerCentral}`,
      ],
      ['  SNS alerts', String(a.alerts)],
      ['  captured output lines scanned / canary values', `${a.logLines} / ${a.canaries}`],
    ])
  );
  const counted = (title: string, counts: Record<string, number>) => {
    const rows = Object.entries(counts).sort(([x], [y]) => x.localeCompare(y));
    if (rows.length === 0) return;
    out.push(`  ${title}:`);
    for (const [k, v] of rows) out.push(`    ${String(v).padStart(5)}  ${k}`);
  };
  counted('card answers', a.cardOutcomes);
  counted('SNS alerts by kind', a.alertKinds);
  out.push('', 'checks:');
  for (const c of r.checks) {
    const status = c.status === 'ok' ? 'ok     ' : c.status === 'failed' ? 'FAILED ' : 'NOT RUN';
    out.push(
      `  ${status} ${c.group.padEnd(16)} ${c.name.padEnd(52)} ${c.status === 'not-run' ? '-' : String(c.count)}`
    );
    if (c.note) out.push(`          ${c.note}`);
    for (const item of c.items.slice(0, MAX_ITEMS)) out.push(`          ${item}`);
    if (c.items.length > MAX_ITEMS)
      out.push(`          ... and ${c.items.length - MAX_ITEMS} more (--json lists all)`);
    for (const item of (c.allowed ?? []).slice(0, MAX_ITEMS))
      out.push(`          allowed: ${item}`);
  }
  if (r.notes.length > 0) out.push('', 'notes:', ...r.notes.map((n) => `  ${n}`));
  const failed = r.checks.filter((c) => c.status === 'failed').length;
  const notRun = r.checks.filter((c) => c.status === 'not-run').length;
  out.push(
    '',
    r.passed
      ? 'result: PASSED (nothing lost, duplicated, divergent, dead-lettered or leaked)'
      : `result: FAILED (${failed} check(s) failed, ${notRun} not run)`
  );
  return out.join('\n');
};
