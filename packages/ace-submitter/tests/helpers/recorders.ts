// Recording logger, alerts and metrics: capture exactly what the code handed over (before any redaction),
// so tests can prove that sensitive values never reach them.
import type { Alert, AlertPublisher, LoggerPort, MetricsPort } from '../../src/ports';

const expand = (_key: string, value: unknown): unknown => {
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      name: value.name,
      message: value.message,
      stack: value.stack,
    };
    for (const k of Object.keys(value)) out[k] = (value as unknown as Record<string, unknown>)[k];
    if (value.cause !== undefined) out.cause = value.cause;
    return out;
  }
  return value;
};

export interface RecordingLogger extends LoggerPort {
  lines: string[];
  text(): string;
}

export const makeRecordingLogger = (): RecordingLogger => {
  const lines: string[] = [];
  const log =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push(JSON.stringify({ level, args }, expand));
    };
  return {
    lines,
    text: () => lines.join('\n'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  } as unknown as RecordingLogger;
};

export const makeRecordingAlerts = (): AlertPublisher & { alerts: Alert[] } => {
  const alerts: Alert[] = [];
  return {
    alerts,
    publish: async (alert) => {
      alerts.push(alert);
    },
  };
};

export const makeRecordingMetrics = (): MetricsPort & { counts: Record<string, number> } => {
  const counts: Record<string, number> = {};
  return {
    counts,
    count: (name, value = 1) => {
      counts[name] = (counts[name] ?? 0) + value;
    },
  };
};
