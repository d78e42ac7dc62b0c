import { describe, expect, it } from '@jest/globals';
import { makeRoutingPolicy, routeEvent } from '../../src/route-event';
import {
  AUDIT_ONLY_PROPERTIES,
  ROUTING_TABLE,
  routeForProperty,
  SUBSCRIBED_PROPERTIES,
  UPDATE_TRIGGER_PROPERTIES,
} from '../../src/routing-table';
import { type HubSpotWebhookEvent, validateWebhookEvent } from '../../src/webhook-event';
import { APP_ID, aDealEvent, TEST_CONFIG, TRIGGER_STAGE } from '../helpers/webhook-request';

const policy = makeRoutingPolicy(TEST_CONFIG);

const valid = (overrides: Record<string, unknown>): HubSpotWebhookEvent => {
  const v = validateWebhookEvent(aDealEvent(overrides));
  if (!v.ok) throw new Error(`fixture invalid: ${v.problems.join(',')}`);
  return v.event;
};

describe('routing table', () => {
  it('routes dealstage to submit, the whitelist to update and the co-sell id to audit only', () => {
    expect(routeForProperty('dealstage')).toBe('submit');
    for (const p of UPDATE_TRIGGER_PROPERTIES) expect(routeForProperty(p)).toBe('update');
    expect(AUDIT_ONLY_PROPERTIES).toEqual(['govwin_aws_cosell_id']);
    expect(routeForProperty('govwin_aws_cosell_id')).toBe('audit');
  });

  it('ignores untracked properties, including inherited object keys', () => {
    expect(routeForProperty('hs_lastmodifieddate')).toBeUndefined();
    expect(routeForProperty('constructor')).toBeUndefined();
    expect(routeForProperty('__proto__')).toBeUndefined();
  });

  it('lists every routed property once in the subscription order (dealstage first, rest sorted)', () => {
    expect(SUBSCRIBED_PROPERTIES[0]).toBe('dealstage');
    expect([...SUBSCRIBED_PROPERTIES].sort()).toEqual(Object.keys(ROUTING_TABLE).sort());
    expect(new Set(SUBSCRIBED_PROPERTIES).size).toBe(SUBSCRIBED_PROPERTIES.length);
    const rest = SUBSCRIBED_PROPERTIES.slice(1);
    expect(rest).toEqual([...rest].sort());
  });
});

describe('routeEvent', () => {
  describe('submit route', () => {
    it.each([
      { name: 'a configured numeric stage', value: TRIGGER_STAGE },
      { name: 'a configured slug in another case with spaces', value: ' Submitted_To_AWS ' },
    ])('enqueues a dealstage change into $name', ({ value }) => {
      expect(
        routeEvent(valid({ propertyName: 'dealstage', propertyValue: value }), policy)
      ).toEqual({
        action: 'enqueue',
        kind: 'submit',
      });
    });

    it('drops a dealstage change into a stage that is not a trigger', () => {
      expect(
        routeEvent(valid({ propertyName: 'dealstage', propertyValue: 'closedwon' }), policy)
      ).toEqual({ action: 'drop', reason: 'not-a-trigger-stage' });
    });

    it('does not suppress the integration moving the deal into the trigger stage (card Submit)', () => {
      const e = valid({
        propertyName: 'dealstage',
        propertyValue: TRIGGER_STAGE,
        changeSource: 'INTEGRATION',
        sourceId: APP_ID,
      });
      expect(routeEvent(e, policy)).toEqual({ action: 'enqueue', kind: 'submit' });
    });
  });

  describe('update route', () => {
    it('enqueues a whitelisted property edited in the CRM', () => {
      expect(routeEvent(valid({ propertyName: 'closedate' }), policy)).toEqual({
        action: 'enqueue',
        kind: 'update',
      });
    });

    it.each(['INTEGRATION', 'integrations_platform'])(
      "suppresses the integration's own write (changeSource %s, sourceId = app id)",
      (changeSource) => {
        const e = valid({ propertyName: 'govwin_ace_next_steps', changeSource, sourceId: APP_ID });
        expect(routeEvent(e, policy)).toEqual({ action: 'suppress' });
      }
    );

    it('enqueues a write by another app (integration source, different sourceId)', () => {
      const e = valid({ propertyName: 'amount', changeSource: 'INTEGRATION', sourceId: '999' });
      expect(routeEvent(e, policy)).toEqual({ action: 'enqueue', kind: 'update' });
    });

    it('enqueues an API write that merely carries the app id as sourceId', () => {
      const e = valid({ propertyName: 'amount', changeSource: 'CRM_UI', sourceId: APP_ID });
      expect(routeEvent(e, policy)).toEqual({ action: 'enqueue', kind: 'update' });
    });
  });

  describe('audit route', () => {
    it('alerts "changed outside the integration" for a hand edit', () => {
      const e = valid({ propertyName: 'govwin_aws_cosell_id', propertyValue: 'O1234567' });
      expect(routeEvent(e, policy)).toEqual({
        action: 'alert',
        alert: 'changed-outside-integration',
      });
    });

    it('alerts "changed outside the integration" when changeSource is absent', () => {
      const e = valid({ propertyName: 'govwin_aws_cosell_id', changeSource: undefined });
      expect(routeEvent(e, policy)).toEqual({
        action: 'alert',
        alert: 'changed-outside-integration',
      });
    });

    it('alerts "foreign integration" when another app writes it', () => {
      const e = valid({
        propertyName: 'govwin_aws_cosell_id',
        changeSource: 'INTEGRATION',
        sourceId: '4000001',
      });
      expect(routeEvent(e, policy)).toEqual({ action: 'alert', alert: 'foreign-integration' });
    });

    it("expects the integration's own write and raises nothing", () => {
      const e = valid({
        propertyName: 'govwin_aws_cosell_id',
        changeSource: 'INTEGRATION',
        sourceId: APP_ID,
      });
      expect(routeEvent(e, policy)).toEqual({ action: 'suppress' });
    });
  });

  it('drops untracked properties and non-deal objects', () => {
    expect(routeEvent(valid({ propertyName: 'hs_priority' }), policy)).toEqual({
      action: 'drop',
      reason: 'untracked-property',
    });
    expect(routeEvent(valid({ objectTypeId: '0-1' }), policy)).toEqual({
      action: 'drop',
      reason: 'not-a-deal',
    });
  });
});
