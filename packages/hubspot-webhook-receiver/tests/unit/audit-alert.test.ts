import { describe, expect, it } from '@jest/globals';
import { auditAlertSubject, buildAuditAlert } from '../../src/audit-alert';
import { validateWebhookEvent } from '../../src/webhook-event';
import { APP_ID, aDealEvent } from '../helpers/webhook-request';

const ctx = { appId: APP_ID, catalog: 'Sandbox' as const, correlationId: 'corr-9' };
const eventOf = (overrides: Record<string, unknown>) => {
  const v = validateWebhookEvent(
    aDealEvent({ propertyName: 'govwin_aws_cosell_id', eventId: 31, ...overrides })
  );
  if (!v.ok) throw new Error('fixture invalid');
  return v.event;
};

describe('audit alerts', () => {
  it('uses two distinct subjects, each within the SNS 100-character limit', () => {
    const outside = auditAlertSubject('changed-outside-integration', '99999999999999999999');
    const foreign = auditAlertSubject('foreign-integration', '99999999999999999999');
    expect(outside).not.toBe(foreign);
    expect(outside.length).toBeLessThanOrEqual(100);
    expect(foreign.length).toBeLessThanOrEqual(100);
  });

  it('describes a hand edit with ids only and shows the value when it is an ACE id', () => {
    // Act
    const alert = buildAuditAlert(
      eventOf({ propertyValue: 'O7654321', changeSource: 'crm_ui' }),
      'changed-outside-integration',
      ctx
    );
    // Assert
    expect(alert.Subject).toBe(
      'AWS co-sell id changed outside the integration on deal 18923456701'
    );
    expect(alert.Message).toContain('new value: O7654321');
    expect(alert.Message).toContain('change source: CRM_UI');
    expect(alert.Message).toContain('source id: userId:88120345');
    expect(alert.Message).toContain(`expected app id: ${APP_ID}`);
    expect(alert.Message).toContain('correlation id: corr-9');
    expect(alert.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'cosell-id-changed-outside-integration' },
      alertType: { DataType: 'String', StringValue: 'audit.cosell-id.changed-outside-integration' },
    });
  });

  it('names the foreign app when another integration writes the co-sell id', () => {
    const alert = buildAuditAlert(
      eventOf({ propertyValue: 'O1', changeSource: 'INTEGRATION', sourceId: '4000001' }),
      'foreign-integration',
      ctx
    );
    expect(alert.Subject).toBe('AWS co-sell id written by another HubSpot app on deal 18923456701');
    expect(alert.Message).toContain('HubSpot app 4000001 (not this integration');
    expect(alert.MessageAttributes.kind.StringValue).toBe('cosell-id-foreign-integration');
  });

  it('never copies free text or odd source ids into the alert', () => {
    const alert = buildAuditAlert(
      eventOf({
        propertyValue: 'call Jane on +1 202 555 0100',
        sourceId: 'jane@example.com <script>',
      }),
      'changed-outside-integration',
      ctx
    );
    expect(alert.Message).not.toContain('Jane');
    expect(alert.Message).not.toContain('jane@example.com');
    expect(alert.Message).toContain('new value: (not an ACE opportunity id, 28 characters)');
    expect(alert.Message).toContain('source id: (unusual value, 25 characters)');
  });

  it('says "(cleared)" when the co-sell id was emptied', () => {
    const alert = buildAuditAlert(
      eventOf({ propertyValue: '' }),
      'changed-outside-integration',
      ctx
    );
    expect(alert.Message).toContain('new value: (cleared)');
  });
});
