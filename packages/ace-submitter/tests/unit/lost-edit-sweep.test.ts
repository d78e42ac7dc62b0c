// Which property versions the lost-edit sweep treats as a rep edit still to apply: newer than the deal's
// check mark and not written by this integration's own app.
import { describe, expect, it } from '@jest/globals';
import { EDITABLE_PROPERTIES, missedEdits } from '../../src/lost-edit-sweep';

const APP = '4242';
const v = (timestamp: string, sourceType: string, sourceId: string, value = 'x') => ({
  value,
  timestamp,
  sourceType,
  sourceId,
});

describe('missedEdits', () => {
  it('finds a rep edit after the mark and moves the mark to the newest version', () => {
    const out = missedEdits(
      {
        govwin_ace_next_steps: [v('2026-11-23T12:05:00.000Z', 'CRM_UI', 'userId:7')],
        amount: [v('2026-11-23T12:06:00.000Z', 'INTEGRATION', APP)],
      },
      '2026-11-23T12:00:00.000Z',
      APP
    );
    expect(out).toEqual({
      properties: ['govwin_ace_next_steps'],
      newest: '2026-11-23T12:06:00.000Z',
    });
  });

  it('ignores versions at or before the mark, and the integration’s own writes', () => {
    const out = missedEdits(
      {
        dealname: [v('2026-11-23T12:00:00.000Z', 'CRM_UI', 'userId:7')],
        description: [v('2026-11-23T11:00:00.000Z', 'API', 'x')],
        amount: [v('2026-11-23T12:01:00.000Z', 'integration', ` ${APP} `)],
      },
      '2026-11-23T12:00:00.000Z',
      APP
    );
    expect(out).toEqual({ properties: [], newest: '2026-11-23T12:01:00.000Z' });
  });

  it('counts another app’s write, an import or a workflow as an edit to apply', () => {
    const out = missedEdits(
      {
        amount: [v('2026-11-23T12:01:00.000Z', 'INTEGRATION', '999')],
        closedate: [v('2026-11-23T12:02:00.000Z', 'IMPORT', '')],
        dealname: [v('2026-11-23T12:03:00.000Z', 'WORKFLOWS', 'wf:1')],
      },
      '2026-11-23T12:00:00.000Z',
      APP
    );
    expect(out.properties).toEqual(['amount', 'closedate', 'dealname']);
  });

  it('skips versions with an unreadable timestamp and keeps the mark', () => {
    const out = missedEdits(
      { dealname: [v('not a date', 'CRM_UI', 'userId:7')] },
      '2026-11-23T12:00:00.000Z',
      APP
    );
    expect(out).toEqual({ properties: [], newest: '2026-11-23T12:00:00.000Z' });
  });

  it('watches exactly the properties whose edits reach ACE', () => {
    expect(EDITABLE_PROPERTIES).toContain('govwin_ace_next_steps');
    expect(EDITABLE_PROPERTIES).toContain('dealname');
    expect(EDITABLE_PROPERTIES).not.toContain('dealstage');
    expect(EDITABLE_PROPERTIES).not.toContain('govwin_aws_cosell_id');
  });
});
