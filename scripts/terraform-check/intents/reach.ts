// Reach of the deployment identities: the deployer can create every resource of the stack and nothing
// with another prefix; the bootstrap operator can create every bootstrap resource and nothing outside
// the project. The create-time permissions per resource type are in reach-needs.ts.

import { message, type World } from '../tf-world';
import {
  DEPLOYER_DATA_NEEDS,
  DEPLOYER_NEEDS,
  type Need,
  OPERATOR_DATA_NEEDS,
  OPERATOR_NEEDS,
} from './reach-needs';
import type { Deployment, IntentCase, IntentKind } from './types';

/** Replaces the deployment prefix in a need, for the "nothing with another prefix" mirror case. */
const otherPrefix = (need: Need, prefix: string, replacement: string): Need | undefined => {
  const swap = (x: string): string => x.split(prefix).join(replacement);
  const inResource = need.resource.includes(prefix);
  const inContext = Object.values(need.context ?? {}).some((v) =>
    (Array.isArray(v) ? v : [v]).some((x) => x.includes(prefix))
  );
  if (!inResource && !inContext) return undefined;
  return {
    action: need.action,
    resource: swap(need.resource),
    ...(need.context
      ? {
          context: Object.fromEntries(
            Object.entries(need.context).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.map(swap) : swap(v),
            ])
          ),
        }
      : {}),
  };
};

/**
 * For every resource of `root`: the identity can create it (Allowed), and cannot create the same thing
 * under another prefix (Denied). A resource type without a mapping is itself a failed case.
 */
export const reachIntents = (
  world: World,
  d: Deployment,
  root: 'stack' | 'bootstrap',
  subject: string,
  otherProjectPrefix: string
): IntentCase[] => {
  const needs = root === 'stack' ? DEPLOYER_NEEDS : OPERATOR_NEEDS;
  const dataNeeds = root === 'stack' ? DEPLOYER_DATA_NEEDS : OPERATOR_DATA_NEEDS;
  const kind: IntentKind = root === 'stack' ? 'deployer-reach' : 'operator-reach';
  const out: IntentCase[] = [];
  const seen = new Set<string>();
  const push = (c: IntentCase): void => {
    if (!seen.has(c.id)) {
      seen.add(c.id);
      out.push(c);
    }
  };
  for (const m of world.root(root).tree()) {
    for (const [mode, table] of [
      ['resource', needs],
      ['data', dataNeeds],
    ] as const) {
      for (const inst of m.instances(mode)) {
        const fn = table[inst.decl.type];
        const label = `${root}:${inst.address}`;
        if (!fn) {
          push({
            id: `${subject}: ${label} has no create-permission mapping -> Allowed`,
            subject,
            kind,
            action: 'unmapped:resource',
            resource: label,
            expect: 'Allowed',
          });
          continue;
        }
        let list: Need[];
        try {
          list = fn(inst, d);
        } catch (err) {
          push({
            id: `${subject}: ${label} (${message(err)}) -> Allowed`,
            subject,
            kind,
            action: 'unevaluable:resource',
            resource: label,
            expect: 'Allowed',
          });
          continue;
        }
        for (const need of list) {
          push({
            id: `${subject}: ${need.action} for ${label} -> Allowed`,
            subject,
            kind,
            ...need,
            expect: 'Allowed',
          });
          const mirror = otherPrefix(
            need,
            root === 'stack' ? d.prefix : d.project,
            otherProjectPrefix
          );
          if (mirror)
            push({
              id: `${subject}: ${need.action} for ${label} under prefix ${otherProjectPrefix} -> Denied`,
              subject,
              kind,
              ...mirror,
              expect: 'Denied',
            });
        }
      }
    }
  }
  return out;
};
