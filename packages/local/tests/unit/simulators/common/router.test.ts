import { describe, expect, it } from '@jest/globals';
import { makeRouter } from '../../../../src/simulators/common/router';

const ok = () => ({ status: 200 });

describe('makeRouter', () => {
  const route = makeRouter([
    { method: 'GET', pattern: '/objects/:type/:id', operation: 'get', handle: ok },
    { method: 'POST', pattern: '/objects/:type/batch/read', operation: 'batchRead', handle: ok },
    { method: 'PATCH', pattern: '/objects/:type/:id', operation: 'update', handle: ok },
  ]);

  it('matches a route and decodes its parameters', () => {
    // Act
    const match = route('GET', '/objects/deals/a%40b.test');
    // Assert
    expect(match).toMatchObject({ kind: 'match', params: { type: 'deals', id: 'a@b.test' } });
  });

  it('prefers the first route whose method and path match', () => {
    // Act
    const match = route('POST', '/objects/deals/batch/read');
    // Assert
    expect(match.kind === 'match' && match.route.operation).toBe('batchRead');
  });

  it('reports method-not-allowed when only the path matches', () => {
    // Act & Assert
    expect(route('DELETE', '/objects/deals/1').kind).toBe('method-not-allowed');
  });

  it('reports not-found for an unknown path and for a malformed escape', () => {
    // Act & Assert
    expect(route('GET', '/nothing').kind).toBe('not-found');
    expect(route('GET', '/objects/deals/%E0%A4%A').kind).not.toBe('match');
  });
});
