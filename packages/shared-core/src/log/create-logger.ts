import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type {
  LogAttributes,
  LogLevel,
  UnformattedAttributes,
} from '@aws-lambda-powertools/logger/types';
import { ConfigError } from '../errors/common-errors';
import { maskText } from './mask-text';
import { redact } from './redact';

export type { Logger } from '@aws-lambda-powertools/logger';

/** Options for {@link createLogger}. */
export interface CreateLoggerOptions {
  /** The `service` field of every line, e.g. `hubspot-webhook-receiver`. */
  serviceName: string;
  /** Minimum level; defaults to `POWERTOOLS_LOG_LEVEL` / `AWS_LAMBDA_LOG_LEVEL`, then INFO. */
  level?: LogLevel;
}

/**
 * The Powertools default line shape, with every caller-supplied part redacted: the message is
 * masked with {@link maskText} and all extra and persistent attributes go through {@link redact}
 * before serialisation, so secrets and personal data never reach the JSON line. Context fields
 * Powertools sets itself (function name, request id, trace id, cold start) are kept as they are.
 */
export class RedactingLogFormatter extends LogFormatter {
  public formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes
  ): LogItem {
    const base: LogAttributes = {
      level: attributes.logLevel,
      message: typeof attributes.message === 'string' ? maskText(attributes.message) : undefined,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    const extra = redact(additionalLogAttributes) as LogAttributes;
    return new LogItem({ attributes: base }).addAttributes(extra);
  }
}

/**
 * Builds a Powertools Logger whose every line is redacted (see {@link RedactingLogFormatter});
 * child loggers created with `createChild()` inherit the formatter.
 * @example
 * const logger = createLogger({ serviceName: 'govwin-poller' });
 * logger.info('page fetched', { page: 2, count: 100 });
 */
export const createLogger = ({ serviceName, level }: CreateLoggerOptions): Logger => {
  if (typeof serviceName !== 'string' || serviceName.trim() === '') {
    throw new ConfigError('createLogger: serviceName must be a non-empty string');
  }
  return new Logger({
    serviceName,
    ...(level ? { logLevel: level } : {}),
    logFormatter: new RedactingLogFormatter(),
  });
};
