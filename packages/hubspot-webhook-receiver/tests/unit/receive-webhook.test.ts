import { readFileSync } from 'node:fs';
import { redact, replayFingerprint } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { MAX_BODY_BYTES } from '../../src/receive-webhook';
import { makeInMemoryReplayGuard } from '../../src/replay-guard';
import { fakeSns, fakeSqs } from '../helpers/fakes';
import { aReceiver, bodyOf } from '../helpers/receiver';
import {
  APP_ID,
  aDealEvent,
  aDelivery,
  aSignedRequest,
  NOW,
  PREVIOUS_SECRET,
  TEST_CONFIG,
  TRIGGER_STAGE,
} from '../helpers/webhook-request';

const fixtureBody = readFileSync(
  new URL('../fixtures/deal-property-change.json', import.meta.url),
  'utf8'
);
const SUBMIT = TEST_CONFIG.submitQueueUrl;
const UPDATE = TEST_CONFIG.updateQueueUrl;
/** A value that must never show up in logs or error responses. */
const PRIVATE_TEXT = 'Jane Roe, jane.roe@agency.example.gov, budget notes';

describe('receiveWebhook', () => {
  describe('gate 1: method and content type', () => {
    it('answers 405 with Allow: POST for a GET, before loading secrets', async () => {
      // Arrange
      let loaded = 0;
      const { receive, sqs } = aReceiver({ loadSigningSecrets: async () => [String(++loaded)] });
      // Act
      const res = await receive(aDelivery([aDealEvent()], { method: 'GET' }));
      // Assert
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(bodyOf(res).error).toBe('METHOD_NOT_ALLOWED');
      expect(loaded).toBe(0);
      expect(sqs.calls).toHaveLength(0);
    });

    it.each([
      { name: 'text/plain', contentType: 'text/plain' },
      { name: 'form encoding', contentType: 'application/x-www-form-urlencoded' },
      { name: 'a look-alike type', contentType: 'application/jsonp' },
      { name: 'no content type', contentType: null },
    ])('answers 415 for $name', async ({ contentType }) => {
      const { receive, sqs } = aReceiver();
      const res = await receive(aDelivery([aDealEvent()], { contentType }));
      expect(res.statusCode).toBe(415);
      expect(sqs.calls).toHaveLength(0);
    });

    it('accepts application/json with a charset parameter', async () => {
      const { receive } = aReceiver();
      const res = await receive(
        aDelivery([aDealEvent()], { contentType: 'Application/JSON; charset=utf-8' })
      );
      expect(res.statusCode).toBe(200);
    });
  });

  describe('gate 2: body size', () => {
    /** A signed JSON array padded with whitespace to exactly `bytes` bytes. */
    const paddedBody = (bytes: number) => {
      const json = JSON.stringify([aDealEvent()]);
      return `${json.slice(0, -1)}${' '.repeat(bytes - json.length)}]`;
    };

    it('answers 413 for 1 MiB + 1 byte before checking the signature', async () => {
      // Arrange
      let loaded = false;
      const { receive, sqs } = aReceiver({
        loadSigningSecrets: async () => {
          loaded = true;
          return ['x'];
        },
      });
      const body = paddedBody(MAX_BODY_BYTES + 1);
      // Act
      const res = await receive(aSignedRequest({ body }));
      // Assert
      expect(Buffer.byteLength(body)).toBe(1_048_577);
      expect(res.statusCode).toBe(413);
      expect(bodyOf(res).error).toBe('PAYLOAD_TOO_LARGE');
      expect(loaded).toBe(false);
      expect(sqs.calls).toHaveLength(0);
    });

    it('accepts exactly 1 MiB', async () => {
      const { receive, sqs } = aReceiver();
      const res = await receive(aSignedRequest({ body: paddedBody(MAX_BODY_BYTES) }));
      expect(res.statusCode).toBe(200);
      expect(sqs.delivered).toHaveLength(1);
    });

    it('measures a base64 body by its decoded size', async () => {
      const { receive } = aReceiver();
      const over = await receive(
        aSignedRequest({ body: paddedBody(MAX_BODY_BYTES + 1), isBase64Encoded: true })
      );
      const atCap = await receive(
        aSignedRequest({ body: paddedBody(MAX_BODY_BYTES), isBase64Encoded: true })
      );
      expect(over.statusCode).toBe(413);
      expect(atCap.statusCode).toBe(200);
    });

    it('answers 400 for a body marked base64 that is not base64', async () => {
      const { receive } = aReceiver();
      const req = aDelivery([aDealEvent()]);
      const res = await receive({ ...req, isBase64Encoded: true, body: '{not base64}' });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('gate 3: signature headers', () => {
    it.each(['x-hubspot-signature-v3', 'x-hubspot-request-timestamp'])(
      'answers 401 when %s is missing, without loading secrets',
      async (header) => {
        // Arrange
        let loaded = false;
        const { receive, log } = aReceiver({
          loadSigningSecrets: async () => {
            loaded = true;
            return ['x'];
          },
        });
        const req = aDelivery([aDealEvent()]);
        delete (req.headers as Record<string, string>)[header];
        // Act
        const res = await receive(req);
        // Assert
        expect(res.statusCode).toBe(401);
        expect(bodyOf(res).error).toBe('HUBSPOT_SIGNATURE_MISSING');
        expect(loaded).toBe(false);
        expect(log.lines).toEqual([
          {
            level: 'warn',
            message: 'webhook rejected',
            attributes: {
              reason: 'missing',
              status: 401,
              correlationId: 'corr-1',
              check: 'webhook signature rejected: missing',
            },
          },
        ]);
      }
    );
  });

  describe('gate 4: signing secret', () => {
    it('answers a generic 500 when Secrets Manager fails, so HubSpot retries', async () => {
      // Arrange
      const { receive, sqs } = aReceiver({
        loadSigningSecrets: async () => {
          throw Object.assign(new Error('AccessDeniedException: arn:aws:secretsmanager:...'), {
            name: 'AccessDeniedException',
          });
        },
      });
      // Act
      const res = await receive(aDelivery([aDealEvent()]));
      // Assert
      expect(res.statusCode).toBe(500);
      expect(bodyOf(res)).toEqual({
        error: 'INTERNAL_ERROR',
        message: 'internal error; quote the correlation id',
        correlationId: 'corr-1',
      });
      expect(sqs.calls).toHaveLength(0);
    });

    it('answers 500 when the secret list is empty (misconfiguration)', async () => {
      const { receive } = aReceiver({ loadSigningSecrets: async () => [] });
      expect((await receive(aDelivery([aDealEvent()]))).statusCode).toBe(500);
    });
  });

  describe('gate 5: signature v3 and freshness', () => {
    it('answers 401 for a tampered body', async () => {
      // Arrange
      const signed = JSON.stringify([aDealEvent({ propertyValue: '100' })]);
      const { receive, sqs, log } = aReceiver();
      // Act
      const res = await receive(
        aSignedRequest({ body: signed, sentBody: signed.replace('"100"', '"999"') })
      );
      // Assert
      expect(res.statusCode).toBe(401);
      expect(bodyOf(res)).toMatchObject({
        error: 'HUBSPOT_SIGNATURE_INVALID',
        message: 'invalid signature',
      });
      expect(sqs.calls).toHaveLength(0);
      expect(log.lines[0]?.attributes.reason).toBe('mismatch');
    });

    it('answers 401 for a delivery signed with the wrong secret', async () => {
      const { receive, sqs } = aReceiver();
      const res = await receive(aDelivery([aDealEvent()], { secret: 'someone-elses-secret' }));
      expect(res.statusCode).toBe(401);
      expect(sqs.calls).toHaveLength(0);
    });

    it('accepts the previous secret during a rotation', async () => {
      const { receive, sqs, log } = aReceiver();
      const res = await receive(aDelivery([aDealEvent()], { secret: PREVIOUS_SECRET }));
      expect(res.statusCode).toBe(200);
      expect(sqs.delivered).toHaveLength(1);
      expect(log.lines.map((l) => l.message)).toContain('webhook signed with the previous secret');
    });

    it('verifies against the configured URL, not the Host header or another URL', async () => {
      const { receive } = aReceiver();
      const spoofedHost = aDelivery([aDealEvent()], {
        headers: { host: 'attacker.example.net', 'x-forwarded-host': 'attacker.example.net' },
      });
      const otherUrl = aDelivery([aDealEvent()], {
        signedUri: 'https://attacker.example.net/hubspot/webhooks',
      });
      expect((await receive(spoofedHost)).statusCode).toBe(200);
      expect((await receive(otherUrl)).statusCode).toBe(401);
    });

    it.each([
      { name: 'stale (300.001 s old)', offset: -300_001, status: 401, reason: 'stale' },
      { name: 'future-dated (300.001 s ahead)', offset: 300_001, status: 401, reason: 'future' },
      { name: '250 s old', offset: -250_000, status: 200, reason: undefined },
      { name: 'exactly 300 s old', offset: -300_000, status: 200, reason: undefined },
    ])('answers $status for a timestamp $name', async ({ offset, status, reason }) => {
      const { receive, log } = aReceiver();
      const res = await receive(aDelivery([aDealEvent()], { timestamp: String(NOW + offset) }));
      expect(res.statusCode).toBe(status);
      if (reason) expect(log.lines[0]?.attributes.reason).toBe(reason);
    });

    it('answers 401 for a non-numeric timestamp', async () => {
      const { receive } = aReceiver();
      const req = aDelivery([aDealEvent()]);
      (req.headers as Record<string, string>)['x-hubspot-request-timestamp'] = 'yesterday';
      expect((await receive(req)).statusCode).toBe(401);
    });

    it('verifies a base64-encoded body over its decoded bytes', async () => {
      const { receive, sqs } = aReceiver();
      const res = await receive(aDelivery([aDealEvent()], { isBase64Encoded: true }));
      expect(res.statusCode).toBe(200);
      expect(sqs.delivered).toHaveLength(1);
    });
  });

  describe('gate 6: replay reservation', () => {
    it('acknowledges a replayed delivery with 200 and enqueues it once', async () => {
      // Arrange
      const { receive, sqs, metric } = aReceiver();
      const req = aDelivery([aDealEvent()]);
      // Act
      const first = await receive(req);
      const replay = await receive(structuredClone(req));
      // Assert
      expect(first.statusCode).toBe(200);
      expect(replay.statusCode).toBe(200);
      expect(bodyOf(replay)).toEqual({ correlationId: 'corr-2', duplicate: true });
      expect(sqs.delivered).toHaveLength(1);
      expect(metric('ReplaysRejected')).toBe(1);
    });

    it("processes HubSpot's re-signed redelivery (new timestamp and attemptNumber)", async () => {
      const { receive, sqs } = aReceiver();
      const event = aDealEvent();
      await receive(aDelivery([event]));
      const res = await receive(
        aDelivery([{ ...event, attemptNumber: 1 }], { timestamp: String(NOW + 60_000) })
      );
      expect(res.statusCode).toBe(200);
      expect(sqs.delivered).toHaveLength(2);
    });

    it('answers 503 when the replay store is unavailable, enqueuing nothing', async () => {
      const { receive, sqs } = aReceiver({
        replay: {
          reserve: async () => {
            throw new Error('ProvisionedThroughputExceededException');
          },
          release: async () => undefined,
        },
      });
      const res = await receive(aDelivery([aDealEvent()]));
      expect(res.statusCode).toBe(503);
      expect(sqs.calls).toHaveLength(0);
    });
  });

  describe('gates 7-8: JSON and event count', () => {
    it.each([
      { name: 'non-JSON', body: '[{"eventId": 1,' },
      { name: 'a JSON object instead of an array', body: JSON.stringify(aDealEvent()) },
      { name: 'a JSON string', body: '"[]"' },
    ])('answers 400 for $name', async ({ body }) => {
      const { receive, sqs } = aReceiver();
      const res = await receive(aSignedRequest({ body }));
      expect(res.statusCode).toBe(400);
      expect(bodyOf(res).error).toBe('INVALID_JSON');
      expect(sqs.calls).toHaveLength(0);
    });

    it('answers 413 for 101 events and enqueues none of them', async () => {
      const { receive, sqs } = aReceiver();
      const events = Array.from({ length: 101 }, () => aDealEvent());
      const res = await receive(aDelivery(events));
      expect(res.statusCode).toBe(413);
      expect(bodyOf(res).message).toBe('too many events (max 100)');
      expect(sqs.calls).toHaveLength(0);
    });

    it('accepts 100 events and sends them in 10 batches of 10', async () => {
      const { receive, sqs } = aReceiver();
      const events = Array.from({ length: 100 }, () => aDealEvent());
      const res = await receive(aDelivery(events));
      expect(res.statusCode).toBe(200);
      expect(bodyOf(res).update).toBe(100);
      expect(sqs.calls.map((c) => c.Entries?.length)).toEqual(Array(10).fill(10));
    });

    it('answers 200 with zero counts for an empty array', async () => {
      const { receive, sqs } = aReceiver();
      const res = await receive(aDelivery([]));
      expect(bodyOf(res)).toMatchObject({ received: 0, submit: 0, update: 0 });
      expect(sqs.calls).toHaveLength(0);
    });
  });

  describe('gate 9: per-event schema', () => {
    it.each([
      {
        name: 'wrong types (objectId text, propertyValue number)',
        patch: { objectId: 'abc', propertyValue: 5 },
      },
      {
        name: 'an unknown subscription type',
        patch: { subscriptionType: 'contact.propertyChange' },
      },
      { name: 'a missing portalId', patch: { portalId: undefined } },
    ])('drops and counts an event with $name', async ({ patch }) => {
      const { receive, sqs, metric } = aReceiver();
      const res = await receive(aDelivery([aDealEvent(patch)]));
      expect(res.statusCode).toBe(200);
      expect(bodyOf(res)).toMatchObject({ received: 1, invalid: 1, update: 0 });
      expect(sqs.calls).toHaveLength(0);
      expect(metric('EventsInvalid')).toBe(1);
    });

    it('processes the valid events of a mixed delivery and logs the invalid ones by path only', async () => {
      // Arrange
      const { receive, sqs, log } = aReceiver();
      const events = [
        aDealEvent({ objectId: 11 }),
        aDealEvent({ objectId: 'not-a-number', propertyValue: PRIVATE_TEXT }),
        aDealEvent({ objectId: 12 }),
        'just a string',
        aDealEvent({ objectId: 13, subscriptionType: 'deal.propertyChange' }),
      ];
      // Act
      const res = await receive(aDelivery(events));
      // Assert
      expect(res.statusCode).toBe(200);
      expect(bodyOf(res)).toEqual({
        correlationId: 'corr-1',
        received: 5,
        submit: 0,
        update: 3,
        audit: 0,
        dropped: 0,
        invalid: 2,
        loopSuppressed: 0,
      });
      expect(sqs.bodies(UPDATE).map((m) => m.dealId)).toEqual(['11', '12', '13']);
      const warn = log.lines.find((l) => l.message === 'webhook events rejected by schema');
      expect(warn?.attributes.invalid).toEqual([
        { index: 1, problems: ['objectId:invalid_format'] },
        { index: 3, problems: ['(event):invalid_type'] },
      ]);
      expect(log.text()).not.toContain('Jane');
    });
  });

  describe('routing and the queue message', () => {
    it('routes the recorded delivery: trigger stage to submit, a whitelisted edit to update', async () => {
      // Arrange
      const { receive, sqs } = aReceiver({ now: () => 1_795_435_230_000 });
      // Act
      const res = await receive(aSignedRequest({ body: fixtureBody, timestamp: '1795435230000' }));
      // Assert
      expect(res.statusCode).toBe(200);
      expect(bodyOf(res)).toMatchObject({ submit: 1, update: 1, audit: 0, dropped: 0 });
      expect(sqs.bodies(SUBMIT)).toEqual([
        {
          v: 1,
          kind: 'submit',
          dealId: '18923456701',
          portalId: '24156720',
          eventId: '3816279340',
          subscriptionId: '2462561',
          occurredAt: 1_795_435_200_000,
          attemptNumber: 0,
          propertyName: 'dealstage',
          propertyValue: TRIGGER_STAGE,
          changeSource: 'INTEGRATION',
          sourceId: APP_ID,
          catalog: 'Sandbox',
          receivedAt: '2026-11-23T12:00:30.000Z',
          correlationId: 'corr-1',
        },
      ]);
      expect(sqs.bodies(UPDATE)).toMatchObject([
        { kind: 'update', propertyName: 'govwin_ace_next_steps', changeSource: 'CRM_UI' },
      ]);
    });

    it('drops a dealstage change into a non-trigger stage and untracked properties', async () => {
      const { receive, sqs, metric } = aReceiver();
      const res = await receive(
        aDelivery([
          aDealEvent({ propertyName: 'dealstage', propertyValue: 'closedlost' }),
          aDealEvent({ propertyName: 'hs_next_step' }),
        ])
      );
      expect(bodyOf(res)).toMatchObject({ received: 2, dropped: 2, submit: 0, update: 0 });
      expect(sqs.calls).toHaveLength(0);
      expect(metric('EventsDropped')).toBe(2);
    });

    it('enqueues an event repeated inside one delivery only once', async () => {
      const { receive, sqs } = aReceiver();
      const e = aDealEvent();
      const res = await receive(aDelivery([e, e]));
      expect(bodyOf(res)).toMatchObject({ update: 1, dropped: 1 });
      expect(sqs.delivered).toHaveLength(1);
    });
  });

  describe('audit-only property', () => {
    it('publishes the "changed outside the integration" alert for a hand edit, never enqueuing', async () => {
      // Arrange
      const { receive, sqs, sns, metric } = aReceiver();
      const event = aDealEvent({ propertyName: 'govwin_aws_cosell_id', propertyValue: 'O5550001' });
      // Act
      const res = await receive(aDelivery([event]));
      // Assert
      expect(bodyOf(res)).toMatchObject({ audit: 1, submit: 0, update: 0 });
      expect(sqs.calls).toHaveLength(0);
      expect(sns.published).toHaveLength(1);
      expect(sns.published[0]).toMatchObject({
        TopicArn: TEST_CONFIG.alertsTopicArn,
        Subject: 'AWS co-sell id changed outside the integration on deal 18923456701',
        MessageAttributes: {
          alertType: {
            DataType: 'String',
            StringValue: 'audit.cosell-id.changed-outside-integration',
          },
        },
      });
      expect(sns.published[0]?.Message).toContain('new value: O5550001');
      expect(metric('AlertsRaised')).toBe(1);
    });

    it('publishes the "another HubSpot app" alert when a foreign integration writes it', async () => {
      const { receive, sns } = aReceiver();
      const event = aDealEvent({
        propertyName: 'govwin_aws_cosell_id',
        changeSource: 'INTEGRATION',
        sourceId: '4000001',
      });
      await receive(aDelivery([event]));
      expect(sns.published.map((p) => p.Subject)).toEqual([
        'AWS co-sell id written by another HubSpot app on deal 18923456701',
      ]);
    });

    it("raises nothing for the integration's own write of the co-sell id", async () => {
      const { receive, sns, sqs } = aReceiver();
      const event = aDealEvent({
        propertyName: 'govwin_aws_cosell_id',
        changeSource: 'INTEGRATION',
        sourceId: APP_ID,
      });
      const res = await receive(aDelivery([event]));
      expect(bodyOf(res)).toMatchObject({ audit: 0, loopSuppressed: 1 });
      expect(sns.published).toHaveLength(0);
      expect(sqs.calls).toHaveLength(0);
    });
  });

  describe('loop suppression', () => {
    it("drops and counts the integration's own writes of update properties", async () => {
      const { receive, sqs, metric } = aReceiver();
      const own = { changeSource: 'INTEGRATION', sourceId: APP_ID };
      const res = await receive(
        aDelivery([
          aDealEvent({ propertyName: 'govwin_ace_next_steps', ...own }),
          aDealEvent({ propertyName: 'govwin_ace_lifecycle_stage', ...own }),
          aDealEvent({ propertyName: 'amount' }),
        ])
      );
      expect(bodyOf(res)).toMatchObject({ update: 1, loopSuppressed: 2 });
      expect(sqs.bodies(UPDATE).map((m) => m.propertyName)).toEqual(['amount']);
      expect(metric('EventsDropped')).toBe(2);
    });

    it('still submits when the integration itself moved the deal into the trigger stage', async () => {
      const { receive, sqs } = aReceiver();
      await receive(
        aDelivery([
          aDealEvent({
            propertyName: 'dealstage',
            propertyValue: TRIGGER_STAGE,
            changeSource: 'INTEGRATION',
            sourceId: APP_ID,
          }),
        ])
      );
      expect(sqs.bodies(SUBMIT)).toHaveLength(1);
    });
  });

  describe('hand-off failures', () => {
    const failingSqs = (failures: number) =>
      fakeSqs((input, call) =>
        call <= failures
          ? {
              Successful: [],
              Failed: (input.Entries ?? []).map((e) => ({
                Id: e.Id,
                SenderFault: false,
                Code: 'InternalError',
              })),
              $metadata: {},
            }
          : {
              Successful: (input.Entries ?? []).map((e) => ({
                Id: e.Id,
                MessageId: 'm',
                MD5OfMessageBody: 'x',
              })),
              Failed: [],
              $metadata: {},
            }
      );

    it('retries partial failures and answers 200 once everything is queued', async () => {
      const sqs = failingSqs(2);
      const { receive } = aReceiver({ sqs });
      const res = await receive(aDelivery([aDealEvent()]));
      expect(res.statusCode).toBe(200);
      expect(sqs.delivered).toHaveLength(1);
      expect(sqs.calls).toHaveLength(3);
    });

    it('answers 503 when SQS keeps failing and releases the reservation so a resend is processed', async () => {
      // Arrange: three failing attempts, then SQS recovers.
      const sqs = failingSqs(3);
      const replay = makeInMemoryReplayGuard({ now: () => NOW });
      const { receive, log } = aReceiver({ sqs, replay });
      const req = aDelivery([aDealEvent()]);
      // Act
      const failed = await receive(req);
      const resent = await receive(structuredClone(req));
      const replayedAgain = await receive(structuredClone(req));
      // Assert
      expect(failed.statusCode).toBe(503);
      expect(bodyOf(failed).error).toBe('INTERNAL_ERROR');
      expect(resent.statusCode).toBe(200);
      expect(bodyOf(resent).update).toBe(1);
      expect(bodyOf(replayedAgain)).toMatchObject({ duplicate: true });
      expect(sqs.delivered).toHaveLength(1);
      expect(log.lines.find((l) => l.level === 'error')?.attributes).toMatchObject({
        reason: 'HAND_OFF_FAILED',
        status: 503,
      });
    });

    it('answers 503 and releases the reservation when an audit alert cannot be published', async () => {
      // Arrange
      const released: string[] = [];
      const inner = makeInMemoryReplayGuard({ now: () => NOW });
      const replay = {
        reserve: inner.reserve,
        release: async (fp: string) => {
          released.push(fp);
          await inner.release(fp);
        },
      };
      const { receive } = aReceiver({ sns: fakeSns(() => true), replay });
      const req = aDelivery([aDealEvent({ propertyName: 'govwin_aws_cosell_id' })]);
      // Act
      const res = await receive(req);
      // Assert
      expect(res.statusCode).toBe(503);
      const headers = req.headers as Record<string, string>;
      expect(released).toEqual([
        replayFingerprint(
          headers['x-hubspot-signature-v3'] ?? '',
          headers['x-hubspot-request-timestamp'] ?? ''
        ),
      ]);
    });

    it('still answers 503 (and logs) when releasing the reservation fails too', async () => {
      const { receive, log } = aReceiver({
        sqs: failingSqs(99),
        replay: {
          reserve: async () => true,
          release: async () => {
            throw Object.assign(new Error('boom'), { name: 'ServiceUnavailable' });
          },
        },
      });
      const res = await receive(aDelivery([aDealEvent()]));
      expect(res.statusCode).toBe(503);
      expect(
        log.lines.find((l) => l.message === 'replay reservation not released')?.attributes
      ).toEqual({
        correlationId: 'corr-1',
        errorName: 'ServiceUnavailable',
      });
    });
  });

  describe('logging', () => {
    it('logs one accepted line with ids and outcomes, never property values', async () => {
      const { receive, log } = aReceiver();
      await receive(
        aDelivery([
          aDealEvent({
            objectId: 77,
            eventId: 9,
            propertyName: 'description',
            propertyValue: PRIVATE_TEXT,
          }),
        ])
      );
      expect(log.lines).toEqual([
        {
          level: 'info',
          message: 'webhook delivery accepted',
          attributes: {
            correlationId: 'corr-1',
            received: 1,
            submit: 0,
            update: 1,
            audit: 0,
            dropped: 0,
            invalid: 0,
            loopSuppressed: 0,
            events: [{ dealId: '77', eventId: '9', property: 'description', outcome: 'update' }],
          },
        },
      ]);
    });

    it('logs the outcome of every event of a 100-event delivery, 50 per line', async () => {
      // Arrange: the redacting logger keeps 50 items of an array; one line would drop half the outcomes.
      const { receive, log } = aReceiver();
      const events = Array.from({ length: 100 }, (_, i) =>
        aDealEvent({ objectId: 1000 + i, eventId: 500 + i, propertyName: 'description' })
      );

      // Act
      await receive(aDelivery(events));

      // Assert
      const lines = log.lines.filter((l) => l.message.startsWith('webhook delivery accepted'));
      expect(lines.map((l) => [l.message, l.attributes.firstEvent])).toEqual([
        ['webhook delivery accepted', undefined],
        ['webhook delivery accepted (more events)', 51],
      ]);
      const logged = lines.flatMap((l) => l.attributes.events as { eventId: string }[]);
      expect(logged.map((e) => e.eventId)).toEqual(events.map((_, i) => String(500 + i)));
      expect(lines.every((l) => (l.attributes.events as unknown[]).length <= 50)).toBe(true);
      expect(lines[1]?.attributes.correlationId).toBe('corr-1');
    });

    it('writes only attributes the shared redacting logger keeps as they are', async () => {
      // Arrange: an accepted delivery, a rejected one and one with an invalid event.
      const { receive, log } = aReceiver();
      await receive(aDelivery([aDealEvent({ objectId: 5 }), aDealEvent({ objectId: 'x' })]));
      await receive(aDelivery([aDealEvent()], { timestamp: String(NOW - 400_000) }));
      // Act & Assert: nothing the receiver logs would be masked away in production.
      expect(log.lines.length).toBeGreaterThanOrEqual(3);
      for (const line of log.lines) expect(redact(line.attributes)).toEqual(line.attributes);
    });

    it('uses the Lambda request id as correlation id when given', async () => {
      const { receive } = aReceiver();
      const res = await receive(aDelivery([aDealEvent()]), { awsRequestId: 'lambda-req-7' });
      expect(res.headers['x-correlation-id']).toBe('lambda-req-7');
      expect(bodyOf(res).correlationId).toBe('lambda-req-7');
    });
  });
});
