// Stand-in for a gap in the operator set-up: `govwin-ace setup-hubspot` creates the GovWin deal properties
// but not yet the ACE ones (govwin_ace_*, govwin_aws_*) the card, the submitter and the events handler
// write. Until it does, the soak creates the missing ones as plain text properties so the ACE flows can
// run; each one created is reported, and once setup-hubspot creates them this does nothing.
import { DEAL_PROP, GOVWIN_PROPERTY_GROUP } from '@govwin-ace/shared-core';
import type { LocalStack } from '../runtime/stack';

/** Custom deal properties the ACE flows use. */
export const ACE_DEAL_PROPERTY_NAMES: readonly string[] = Object.values(DEAL_PROP).filter(
  (name) => name.startsWith('govwin_ace_') || name.startsWith('govwin_aws_')
);

const labelOf = (name: string) =>
  name
    .replace(/^govwin_(ace|aws)_/, '')
    .split('_')
    .map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`)
    .join(' ');

/**
 * Creates the ACE deal properties HubSpot (the simulator) does not have yet; returns their names.
 * Runs before faults are switched on.
 */
export const ensureAceDealProperties = async (stack: LocalStack): Promise<string[]> => {
  const headers = {
    authorization: `Bearer ${stack.hubspot.accessToken}`,
    'content-type': 'application/json',
  };
  const base = `${stack.hubspot.url}/crm/v3/properties/deals`;
  // HubSpot's per-10-second limit applies to set-up calls too: wait as Retry-After says.
  const call = async (url: string, init: RequestInit = {}): Promise<number> => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const res = await fetch(url, { ...init, headers });
      await res.arrayBuffer();
      if (res.status !== 429) return res.status;
      const wait = Number(res.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
    }
    return 429;
  };
  const created: string[] = [];
  for (const name of ACE_DEAL_PROPERTY_NAMES) {
    if ((await call(`${base}/${name}`)) === 200) continue;
    const status = await call(base, {
      method: 'POST',
      body: JSON.stringify({
        name,
        label: `ACE ${labelOf(name)}`,
        type: 'string',
        fieldType: 'text',
        groupName: GOVWIN_PROPERTY_GROUP.name,
      }),
    });
    if (status >= 300) throw new Error(`could not create deal property ${name}: HTTP ${status}`);
    created.push(name);
  }
  return created;
};
