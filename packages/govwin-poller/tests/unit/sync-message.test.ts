import { describe, expect, it } from '@jest/globals';
import { toMessages } from '../../src/orchestrate';
import { encodeSyncMessage, parseSyncMessage } from '../../src/sync-message';

describe('sync messages', () => {
  it('round-trips a version-1 message', () => {
    const refs = [{ id: 'OPP1', updateDate: '2025-06-01T10:00:00-04:00' }];
    expect(parseSyncMessage(encodeSyncMessage(refs))).toEqual({ version: 1, opportunities: refs });
  });

  it.each([
    { name: 'non-string', body: { version: 1 }, error: 'sync message body must be a string' },
    { name: 'not JSON', body: '{', error: 'sync message body is not JSON' },
    {
      name: 'unknown keys',
      body: '{"version":1,"opportunities":[{"id":"OPP1","updateDate":"2025-01-01"}],"extra":1}',
      error: 'sync message invalid at message',
    },
    {
      name: '101 opportunities',
      body: JSON.stringify({
        version: 1,
        opportunities: Array.from({ length: 101 }, (_, i) => ({
          id: `OPP${i + 1}`,
          updateDate: '2025-01-01',
        })),
      }),
      error: 'sync message invalid at opportunities',
    },
    {
      name: 'a bad id',
      body: '{"version":1,"opportunities":[{"id":"XYZ1","updateDate":"2025-01-01"}]}',
      error: 'sync message invalid at opportunities.0.id: id must be a GovWin opportunity id',
    },
  ])('rejects $name with one line that does not echo the body', ({ body, error }) => {
    let message = '';
    try {
      parseSyncMessage(body);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(error);
    expect(message).not.toContain('XYZ1');
  });

  it('refuses to encode a message it would not accept', () => {
    expect(() => encodeSyncMessage([{ id: 'nope', updateDate: '2025-01-01' }])).toThrow(
      'sync message invalid'
    );
  });

  it('toMessages splits 250 refs into 100, 100 and 50', () => {
    const refs = Array.from({ length: 250 }, (_, i) => ({
      id: `OPP${i + 1}`,
      updateDate: '2025-01-01T00:00:00.000Z',
    }));
    expect(toMessages(refs, 100).map((m) => parseSyncMessage(m).opportunities.length)).toEqual([
      100, 100, 50,
    ]);
  });
});
