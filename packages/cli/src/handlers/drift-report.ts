// Lambda `drift-report` (EventBridge Scheduler): composition root only. Read-only drift report; one
// SNS summary when anything drifted (see ../drift/scheduled-report.ts).
import { makeSnsAlerts } from '@govwin-ace/ace-submitter';
import { createLogger } from '@govwin-ace/shared-core';
import { loadDriftReportConfig, makeScheduledDriftReport } from '../drift/scheduled-report';
import { makeOpsRuntime } from '../ops/ops-runtime';

const config = loadDriftReportConfig(process.env);
const logger = createLogger({ serviceName: 'drift-report' });
const runtime = makeOpsRuntime(process.env);
const run = makeScheduledDriftReport({
  runtime,
  config,
  alerts: makeSnsAlerts({ sns: runtime.sns(), topicArn: config.submitter.alertsTopicArn }),
  now: Date.now,
});

export const handler = async () => {
  const result = await run();
  logger.info('drift report done', {
    findings: result.findings,
    byKind: result.byKind,
    unreadable: result.unreadable,
    published: result.published,
  });
  return result;
};
