import { afterEach, describe, expect, it } from '@jest/globals';
import { handleAdminRoute } from '../../../../src/simulators/common/admin-routes';
import { makeFaultInjector } from '../../../../src/simulators/common/fault-injector';
import {
  HANG,
  type RunningHttpSimulator,
  startHttpSimulator,
} from '../../../../src/simulators/common/http-simulator';
import { makeRng } from '../../../../src/simulators/common/rng';

describe('startHttpSimulator', () => {
  const running: RunningHttpSimulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  const start = async (options: Parameters<typeof startHttpSimulator>[0]) => {
    const sim = await startHttpSimulator(options);
    running.push(sim);
    return sim;
  };

  it('serves on a random loopback port and passes the raw body, query and headers', async () => {
    // Arrange
    const sim = await start({
      handler: (req) => ({
        status: 201,
        headers: { 'x-seen': req.header('X-Custom') ?? '' },
        body: { method: req.method, path: req.path, q: req.query.get('q'), raw: req.rawBody },
      }),
    });
    // Act
    const res = await fetch(`${sim.url}/things?q=a%20b`, {
      method: 'POST',
      headers: { 'x-custom': 'yes' },
      body: '{"a": 1}',
    });
    // Assert
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(await res.json()).toEqual({
      method: 'POST',
      path: '/things',
      q: 'a b',
      raw: '{"a": 1}',
    });
  });

  it('answers a generic 500 when the handler throws', async () => {
    // Arrange
    const sim = await start({
      handler: () => {
        throw new Error('secret detail');
      },
    });
    // Act
    const res = await fetch(sim.url);
    // Assert
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret detail');
  });

  it('answers 413 when the body exceeds the cap', async () => {
    // Arrange
    const sim = await start({ maxBodyBytes: 10, handler: () => ({ status: 200 }) });
    // Act
    const res = await fetch(sim.url, { method: 'POST', body: 'x'.repeat(100) });
    // Assert
    expect(res.status).toBe(413);
  });

  it('never answers a HANG request, so the client times out, and stop() still returns', async () => {
    // Arrange
    const sim = await start({ handler: () => HANG });
    // Act
    const outcome = await fetch(sim.url, { signal: AbortSignal.timeout(200) }).then(
      () => 'answered',
      (err: Error) => err.name
    );
    await sim.stop();
    // Assert
    expect(outcome).toBe('TimeoutError');
  });

  it('rejects with a one-line message when the port is already in use', async () => {
    // Arrange
    const first = await start({ handler: () => ({ status: 200 }) });
    // Act & Assert
    await expect(
      startHttpSimulator({ port: first.port, handler: () => ({ status: 200 }) })
    ).rejects.toThrow(`simulator: port ${first.port} on 127.0.0.1 is in use`);
  });
});

describe('handleAdminRoute over HTTP', () => {
  let sim: RunningHttpSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
  });

  it('serves inspect, reset and fault configuration under /__sim/', async () => {
    // Arrange
    let resets = 0;
    const faults = makeFaultInjector({}, makeRng(1));
    sim = await startHttpSimulator({
      handler: async (req) =>
        (await handleAdminRoute(req, {
          inspect: () => ({ resets }),
          reset: () => {
            resets += 1;
          },
          faults,
        })) ?? { status: 418 },
    });
    // Act
    const reset = await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
    const inspect = await (await fetch(`${sim.url}/__sim/inspect`)).json();
    const put = await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      body: JSON.stringify({ default: { errorRate: 1 } }),
    });
    const bad = await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      body: JSON.stringify({ default: { errorRate: 2 } }),
    });
    const unknown = await fetch(`${sim.url}/__sim/nope`);
    const api = await fetch(`${sim.url}/real`);
    // Assert
    expect(reset.status).toBe(204);
    expect(inspect).toEqual({ resets: 1 });
    expect(put.status).toBe(200);
    expect(faults.decide('x').action).toBe('error');
    expect(bad.status).toBe(400);
    expect((await bad.json()) as { message: string }).toEqual({
      message: 'fault config default.errorRate: must be a number in [0, 1]',
    });
    expect(unknown.status).toBe(404);
    expect(api.status).toBe(418);
  });
});
