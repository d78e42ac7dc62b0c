// readAsyncFailureRecord, eventKindOf and asyncReasonFor: the safe summary `dlq list` shows for a record
// of a failed asynchronous run, and the event a redrive sends again.
import { describe, expect, it } from '@jest/globals';
import {
  asyncReasonFor,
  eventKindOf,
  readAsyncFailureRecord,
} from '../../../src/commands/dlq-async-record';
import {
  EVENTS_FUNCTION,
  eventAgeExceededRecord,
  PARTNER_CENTRAL_EVENT,
  RECONCILE_FUNCTION,
  retriesExhaustedRecord,
  SECRET_TEXT,
} from '../../helpers/async-failure-records';

const read = (
  record: unknown,
  fn = EVENTS_FUNCTION,
  trigger: 'eventbridge' | 'schedule' = 'eventbridge'
) => readAsyncFailureRecord(JSON.stringify(record), fn, trigger);

describe('readAsyncFailureRecord', () => {
  it('summarises a run that failed every retry: function, condition, attempts, error type, event kind', () => {
    // Act
    const { summary, payload } = read(retriesExhaustedRecord());
    // Assert
    expect(summary).toEqual({
      valid: true,
      functionName: EVENTS_FUNCTION,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
      requestId: '7d0c2f0e-5b9a-4c47-9a55-3c1f1e2d4b6a',
      failedAt: '2026-03-04T10:15:42.113Z',
      functionError: 'Unhandled',
      errorType: 'UpstreamError',
      eventKind: 'EventBridge "Opportunity Updated" (aws.partnercentral-selling)',
    });
    expect(asyncReasonFor(summary)).toBe('failed 3 attempts (UpstreamError)');
    // The original event is kept, unchanged, for the redrive only.
    expect(JSON.parse(payload ?? 'null')).toEqual(PARTNER_CENTRAL_EVENT);
  });

  it('never puts the error message, the trace or event values into the summary or the reason', () => {
    // Arrange: the error message quotes an e-mail address and a deal title.
    const record = retriesExhaustedRecord();
    expect(record.responsePayload).toMatchObject({
      errorMessage: expect.stringContaining(SECRET_TEXT.email),
    });
    // Act
    const { summary } = read(record);
    const shown = `${JSON.stringify(summary)}\n${asyncReasonFor(summary)}`;
    // Assert
    for (const secret of Object.values(SECRET_TEXT)) expect(shown).not.toContain(secret);
    expect(shown).not.toContain('@');
  });

  it('summarises a scheduled tick that expired waiting (never ran: no error, no function error)', () => {
    const { summary, payload } = read(eventAgeExceededRecord(), RECONCILE_FUNCTION, 'schedule');
    expect(summary).toEqual({
      valid: true,
      functionName: RECONCILE_FUNCTION,
      condition: 'EventAgeExceeded',
      approximateInvokeCount: 0,
      requestId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      failedAt: '2026-03-04T11:00:00.000Z',
      eventKind: 'scheduled run',
    });
    expect(asyncReasonFor(summary)).toBe(
      'expired waiting after 0 attempts: older than the maximum event age'
    );
    expect(payload).toBe('{}');
  });

  it('reads the error type from a response payload left as JSON text', () => {
    const record = retriesExhaustedRecord({
      responsePayload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: 'x' }),
    });
    expect(read(record).summary.errorType).toBe('Sandbox.Timedout');
  });

  it.each([
    { name: 'an e-mail address', errorType: SECRET_TEXT.email },
    { name: 'free text', errorType: 'Could not reach HubSpot for deal 42' },
    { name: 'a number', errorType: 987654 },
  ])('shows an error type that is $name as <unrecognised>, never the value', ({ errorType }) => {
    const { summary } = read(retriesExhaustedRecord({ responsePayload: { errorType } }));
    expect(summary.errorType).toBe('<unrecognised>');
    expect(JSON.stringify(summary)).not.toContain(String(errorType));
  });

  it('accepts an unqualified function ARN', () => {
    const record = retriesExhaustedRecord();
    record.requestContext.functionArn = `arn:aws:lambda:us-east-1:111122223333:function:${EVENTS_FUNCTION}`;
    expect(read(record).summary).toMatchObject({ valid: true, functionName: EVENTS_FUNCTION });
  });

  it('refuses to redrive a record of another function (the queue decides what is invoked)', () => {
    const { summary, payload } = read(
      retriesExhaustedRecord({ functionName: 'govwin-ace-prod-ace-submitter-submit' })
    );
    expect(summary).toMatchObject({
      valid: false,
      functionName: 'govwin-ace-prod-ace-submitter-submit',
      problem: `a record of govwin-ace-prod-ace-submitter-submit, not of ${EVENTS_FUNCTION}`,
    });
    expect(payload).toBeUndefined();
    expect(asyncReasonFor(summary)).toBe(`cannot redrive: ${summary.problem}`);
  });

  it('refuses to redrive a record that kept no event', () => {
    const record: Record<string, unknown> = retriesExhaustedRecord();
    delete record.requestPayload;
    const { summary, payload } = read(record);
    expect(summary).toMatchObject({
      valid: false,
      eventKind: 'no event kept',
      problem: 'the record keeps no event to send again',
    });
    expect(payload).toBeUndefined();
  });

  it.each([
    {
      name: 'text that is not JSON',
      body: `contact ${SECRET_TEXT.email}`,
      problem: 'the record is not JSON',
    },
    {
      name: 'JSON without requestContext',
      body: JSON.stringify({ requestPayload: { email: SECRET_TEXT.email } }),
      problem: 'not a record of a failed asynchronous run (no requestContext)',
    },
    {
      name: 'a record without a function ARN',
      body: JSON.stringify({ requestContext: { functionArn: SECRET_TEXT.email } }),
      problem: 'the record names no function (requestContext.functionArn)',
    },
  ])('marks $name as not redrivable with a fixed problem', ({ body, problem }) => {
    const { summary, payload } = readAsyncFailureRecord(body, EVENTS_FUNCTION, 'eventbridge');
    expect(summary.valid).toBe(false);
    expect(summary.problem).toBe(problem);
    expect(payload).toBeUndefined();
    expect(JSON.stringify(summary)).not.toContain(SECRET_TEXT.email);
  });

  it('drops context fields that are not of the expected form instead of showing them', () => {
    const record = retriesExhaustedRecord();
    const context = record.requestContext as Record<string, unknown>;
    context.requestId = SECRET_TEXT.email;
    context.condition = 'Retries exhausted for pat';
    context.approximateInvokeCount = 'three';
    const { summary } = read(record);
    expect(summary).toEqual({
      valid: true,
      functionName: EVENTS_FUNCTION,
      failedAt: '2026-03-04T10:15:42.113Z',
      functionError: 'Unhandled',
      errorType: 'UpstreamError',
      eventKind: 'EventBridge "Opportunity Updated" (aws.partnercentral-selling)',
    });
    expect(asyncReasonFor(summary)).toBe('unknown condition (UpstreamError)');
  });
});

describe('eventKindOf', () => {
  it.each([
    {
      name: 'a Partner Central event',
      payload: PARTNER_CENTRAL_EVENT,
      trigger: 'eventbridge' as const,
      kind: 'EventBridge "Opportunity Updated" (aws.partnercentral-selling)',
    },
    {
      name: 'an EventBridge schedule event',
      payload: { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} },
      trigger: 'schedule' as const,
      kind: 'scheduled run',
    },
    {
      name: 'a scheduler tick without input',
      payload: {},
      trigger: 'schedule' as const,
      kind: 'scheduled run',
    },
    {
      name: 'a scheduler tick with input',
      payload: { run: 'x', contact: SECRET_TEXT.email },
      trigger: 'schedule' as const,
      kind: 'scheduled run (input with 2 fields)',
    },
    {
      name: 'an object without an envelope on the events function',
      payload: { contact: SECRET_TEXT.email },
      trigger: 'eventbridge' as const,
      kind: 'unrecognised event (object with 1 field)',
    },
    {
      name: 'a detail-type that is not a plain name',
      payload: { source: 'aws.partnercentral-selling', 'detail-type': `Mail ${SECRET_TEXT.email}` },
      trigger: 'eventbridge' as const,
      kind: 'EventBridge event (unrecognised detail-type or source)',
    },
    {
      name: 'a string',
      payload: SECRET_TEXT.email,
      trigger: 'eventbridge' as const,
      kind: 'unrecognised event (string)',
    },
    {
      name: 'an array',
      payload: [SECRET_TEXT.email],
      trigger: 'schedule' as const,
      kind: 'unrecognised event (array)',
    },
    {
      name: 'null',
      payload: null,
      trigger: 'eventbridge' as const,
      kind: 'unrecognised event (null)',
    },
    { name: 'nothing', payload: undefined, trigger: 'eventbridge' as const, kind: 'no event kept' },
  ])('names $name "$kind"', ({ payload, trigger, kind }) => {
    expect(eventKindOf(payload, trigger)).toBe(kind);
  });
});

describe('asyncReasonFor', () => {
  it('says "every attempt" when the count is missing, and keeps an unknown condition', () => {
    expect(asyncReasonFor({ valid: true, condition: 'RetriesExhausted', eventKind: 'x' })).toBe(
      'failed every attempt'
    );
    expect(
      asyncReasonFor({
        valid: true,
        condition: 'SomethingNew',
        approximateInvokeCount: 1,
        eventKind: 'x',
      })
    ).toBe('SomethingNew after 1 attempt');
  });
});
