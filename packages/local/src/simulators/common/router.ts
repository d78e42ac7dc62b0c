// A minimal method + path router for the simulators. Patterns use `:name` segments
// ('/crm/v3/objects/:objectType/:id'); each route names the operation it counts as, which is also
// the key for fault injection and call counts.
import type { SimHang, SimRequest, SimResponse } from './http-simulator';

export type RouteHandler = (
  req: SimRequest,
  params: Record<string, string>
) => Promise<SimResponse | SimHang> | SimResponse | SimHang;

export interface RouteDefinition {
  method: string;
  pattern: string;
  operation: string;
  handle: RouteHandler;
}

export type RouteMatch =
  | { kind: 'match'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

interface CompiledRoute {
  route: RouteDefinition;
  regex: RegExp;
  names: string[];
}

const compile = (route: RouteDefinition): CompiledRoute => {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), names };
};

/**
 * Builds a matcher over `routes` (first match wins). Path parameters are URI-decoded; a malformed
 * escape makes the route not match.
 */
export const makeRouter = (routes: readonly RouteDefinition[]) => {
  const compiled = routes.map(compile);
  return (method: string, path: string): RouteMatch => {
    let pathMatched = false;
    for (const { route, regex, names } of compiled) {
      const m = regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      try {
        names.forEach((name, i) => {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        });
      } catch {
        continue;
      }
      return { kind: 'match', route, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  };
};
