// The canary harness must find what it is looking for, or the end-to-end canary test
// (tests/integration/security/canary.test.ts) could pass while leaks happen.
import { describe, expect, it } from '@jest/globals';
import {
  captureOutput,
  findLeaks,
  hubspotPropertyWrites,
  makeCanaries,
  type Sinks,
} from '../../integration/security/canary-harness';

const emptySinks = (): Sinks => ({ log: [], sns: [], http: [], hubspot: [], audit: [] });

describe('canary harness', () => {
  it('finds a canary in every sink, in any letter case, and names the sink', () => {
    // Arrange
    const c = makeCanaries();
    const secret = c.add('token', 'Tk-9f8e7d6c5b4a39281706', 'secret');
    const note = c.text('note', 'attacker');
    const sinks = emptySinks();
    sinks.log.push(`{"level":"WARN","detail":"${note.toUpperCase()}"}`);
    sinks.sns.push(`{"message":"token ${secret}"}`);
    sinks.http.push(`POST /hubspot/webhooks -> 400 {"error":"${encodeURIComponent(note)}"}`);
    sinks.audit.push(`{"fieldNames":["${secret}"]}`);
    // Act
    const leaks = findLeaks(c.list(), sinks);
    // Assert
    expect(leaks.map((l) => `${l.canary}@${l.sink}`).sort()).toEqual(
      ['note@http', 'note@log', 'token@audit', 'token@sns'].sort()
    );
  });

  it('finds a free-text canary by its core even when the sentence around it was cut', () => {
    // Arrange
    const c = makeCanaries();
    const note = c.text('note', 'govwin');
    const core = note.split(' ').find((w) => w.startsWith('canary')) ?? '';
    const sinks = emptySinks();
    sinks.log.push(`message: ...${core.slice(0, -1)}${core.slice(-1)}…`);
    // Act & Assert
    expect(findLeaks(c.list(), sinks)).toHaveLength(1);
  });

  it('finds a phone number in any formatting', () => {
    // Arrange
    const c = makeCanaries();
    const phone = c.phone('phone', 'govwin');
    const sinks = emptySinks();
    sinks.log.push(`call ${phone.replace(/\D/g, '').replace(/^1/, '')} now`);
    sinks.http.push(
      `-> 200 {"phone":"+1-${phone.replace(/\D/g, '').slice(1, 4)}.${phone.replace(/\D/g, '').slice(4, 7)}.${phone.replace(/\D/g, '').slice(7)}"}`
    );
    // Act & Assert
    expect(findLeaks(c.list(), sinks).map((l) => l.sink)).toEqual(['log', 'http']);
  });

  it('accepts a canary in HubSpot only in the properties it belongs in', () => {
    // Arrange
    const c = makeCanaries();
    const email = c.email('contact e-mail', 'govwin', [
      { objectType: 'contacts', property: 'email' },
    ]);
    const sinks = emptySinks();
    sinks.hubspot.push(
      { objectType: 'contacts', id: '1', property: 'email', value: email },
      { objectType: 'deals', id: '2', property: 'govwin_ace_status_note', value: `bad: ${email}` }
    );
    // Act & Assert
    expect(findLeaks(c.list(), sinks)).toEqual([
      { canary: 'contact e-mail', sink: 'hubspot', where: 'deals/2.govwin_ace_status_note' },
    ]);
  });

  it('reports nothing for sinks without canaries', () => {
    // Arrange
    const c = makeCanaries();
    c.text('note', 'attacker');
    c.email('mail', 'govwin');
    const sinks = emptySinks();
    sinks.log.push('{"level":"INFO","message":"webhook delivery accepted","received":3}');
    // Act & Assert
    expect(findLeaks(c.list(), sinks)).toEqual([]);
  });

  it('captures stdout, stderr and console output until restored', () => {
    // Arrange
    const lines: string[] = [];
    const restore = captureOutput(lines);
    // Act
    try {
      process.stdout.write('out line\n');
      process.stderr.write(Buffer.from('err line\n'));
      console.warn('console line', { n: 1 });
    } finally {
      restore();
    }
    // Assert
    expect(lines).toEqual(['out line', 'err line', 'console line {"n":1}']);
  });

  it('refuses the same canary name twice', () => {
    // Arrange
    const c = makeCanaries();
    c.add('x', 'value-one-1234567', 'secret');
    // Act & Assert
    expect(() => c.add('x', 'value-two-1234567', 'secret')).toThrow('canary x added twice');
  });

  it('turns HubSpot create, update and batch requests into property writes, ignoring reads and other hosts', () => {
    // Arrange
    const base = 'http://127.0.0.1:4010';
    const requests = [
      {
        method: 'PATCH',
        url: `${base}/crm/v3/objects/deals/42`,
        body: '{"properties":{"govwin_ace_status_note":"x"}}',
      },
      {
        method: 'POST',
        url: `${base}/crm/v3/objects/0-1/batch/upsert`,
        body: '{"inputs":[{"id":"a@b.c","idProperty":"email","properties":{"email":"a@b.c"}}]}',
      },
      {
        method: 'POST',
        url: `${base}/crm/v3/objects/companies`,
        body: '{"properties":{"name":"Agency"}}',
      },
      {
        method: 'POST',
        url: `${base}/crm/v3/objects/deals/search`,
        body: '{"filterGroups":[{"filters":[{"value":"secret"}]}]}',
      },
      {
        method: 'POST',
        url: 'http://127.0.0.1:9999/crm/v3/objects/deals/7',
        body: '{"properties":{"x":"y"}}',
      },
    ];
    // Act
    const writes = hubspotPropertyWrites(requests, base);
    // Assert
    expect(writes).toEqual([
      { objectType: 'deals', id: 'write#1:42', property: 'govwin_ace_status_note', value: 'x' },
      { objectType: 'contacts', id: 'write#2:a@b.c', property: 'email', value: 'a@b.c' },
      { objectType: 'companies', id: 'write#3:new#3', property: 'name', value: 'Agency' },
    ]);
  });
});
