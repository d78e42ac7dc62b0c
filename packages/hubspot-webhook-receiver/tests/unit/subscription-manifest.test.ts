import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ROUTING_TABLE, SUBSCRIBED_PROPERTIES } from '../../src/routing-table';

// The HubSpot app's webhook component (2025.2 developer platform); it must subscribe every routed property.
const manifestUrl = new URL(
  '../../../hubspot-app/src/app/webhooks/webhooks-hsmeta.json',
  import.meta.url
);

interface Subscription {
  subscriptionType: string;
  objectType: string;
  propertyName: string;
  active: boolean;
}
interface Manifest {
  uid: string;
  type: string;
  config: {
    settings: { targetUrl: string; maxConcurrentRequests: number };
    subscriptions: {
      crmObjects: Subscription[];
      legacyCrmObjects: unknown[];
      hubEvents: unknown[];
    };
  };
}

const manifest = JSON.parse(readFileSync(manifestUrl, 'utf8')) as Manifest;
const subscriptions = manifest.config.subscriptions.crmObjects;
const subscribed = subscriptions.map((s) => s.propertyName);

describe('webhooks-hsmeta.json against the routing table', () => {
  it('is a webhooks component targeting the receiver route', () => {
    expect(manifest.type).toBe('webhooks');
    expect(manifest.config.settings.targetUrl).toMatch(/^https:\/\/[^/]+\/hubspot\/webhooks$/);
    expect(manifest.config.settings.maxConcurrentRequests).toBe(10);
    expect(manifest.config.subscriptions.legacyCrmObjects).toEqual([]);
    expect(manifest.config.subscriptions.hubEvents).toEqual([]);
  });

  it('subscribes every routed property (including the audit-only co-sell id)', () => {
    const missing = Object.keys(ROUTING_TABLE).filter((p) => !subscribed.includes(p));
    expect(missing).toEqual([]);
    expect(subscribed).toContain('govwin_aws_cosell_id');
  });

  it('subscribes nothing the routing table does not route', () => {
    const unrouted = subscribed.filter((p) => !Object.hasOwn(ROUTING_TABLE, p));
    expect(unrouted).toEqual([]);
  });

  it('lists each property once, in the routing table order (dealstage first, rest sorted)', () => {
    expect(subscribed).toEqual([...SUBSCRIBED_PROPERTIES]);
  });

  it('uses deal property-change subscriptions that ship inactive', () => {
    for (const s of subscriptions) {
      expect(s).toEqual({
        subscriptionType: 'object.propertyChange',
        objectType: 'deal',
        propertyName: s.propertyName,
        active: false,
      });
    }
  });
});
