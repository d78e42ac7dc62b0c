// What BD reps and AWS do during the soak: submit a deal from the card (signed exactly as HubSpot's proxy
// signs it, through the local HTTP API), edit a submitted deal from the card or in the CRM, move a deal to
// the trigger stage by hand, and send an AWS referral. A rep retries what failed with a server error, as
// the card's "try again" invites them to; every attempt is signed afresh.

import { DEAL_PROP, signCardRequest } from '@govwin-ace/shared-core';
import type { LocalStack } from '../runtime/stack';
import type { InvitationSeed } from '../simulators/partner-central/index';
import { plantedToken } from './leak-scan';

/** What the card finally answered. */
export interface CardOutcome {
  status: number;
  /** `error` or `fields.reason` of a refusal, when the card gave one. */
  reason?: string;
  attempts: number;
}

/** HTTP statuses after which a rep tries again. */
const RETRYABLE = (status: number) => status >= 500 || status === 429 || status === 0;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const reasonOf = (text: string): string | undefined => {
  try {
    const body = JSON.parse(text) as { error?: unknown; fields?: Record<string, unknown> };
    if (typeof body.fields?.reason === 'string') return body.fields.reason;
    const fields = Object.entries(body.fields ?? {})
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('; ');
    const error = typeof body.error === 'string' ? body.error : undefined;
    return fields ? `${error ?? 'refused'} (${fields})` : error;
  } catch {
    return undefined;
  }
};

/**
 * Sends one signed card write (`/submit`, `/update`, ...) and retries server errors with back-off.
 * @example await cardWrite(stack, '/submit', { dealId, properties }, { attempts: 6 })
 */
export const cardWrite = async (
  stack: LocalStack,
  path: string,
  body: unknown,
  options: { attempts?: number; baseDelayMs?: number; userId?: string } = {}
): Promise<CardOutcome> => {
  const attempts = options.attempts ?? 6;
  let last: CardOutcome = { status: 0, attempts: 0 };
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const signed = signCardRequest({
      method: 'POST',
      path,
      body,
      caller: {
        userId: options.userId ?? '9001',
        portalId: String(stack.hubspot.portalId),
        appId: String(stack.hubspot.appId),
      },
      publicBaseUrl: stack.env.PUBLIC_UI_BASE_URL ?? stack.apiUrl,
      secret: stack.hubspot.clientSecret,
    });
    let status = 0;
    let text = '';
    try {
      const res = await fetch(`${stack.apiUrl}${signed.rawPath}?${signed.rawQueryString}`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
        signal: AbortSignal.timeout(60_000),
      });
      status = res.status;
      text = await res.text();
    } catch {
      status = 0;
    }
    const reason = status >= 400 ? reasonOf(text) : undefined;
    last = { status, attempts: attempt, ...(reason ? { reason } : {}) };
    if (!RETRYABLE(status)) return last;
    await sleep((options.baseDelayMs ?? 1000) * 2 ** (attempt - 1));
  }
  return last;
};

/** A complete, valid submit form for one deal; free-text fields carry planted canaries. */
export const submitForm = (input: {
  seed: number;
  n: number;
  solutionId: string | undefined;
  closeDate: string;
}): Record<string, unknown> => ({
  [DEAL_PROP.partnerNeed]: ['Co-Sell - Deal Support'],
  [DEAL_PROP.deliveryModel]: ['Professional Services'],
  [DEAL_PROP.opportunityType]: 'Net New Business',
  [DEAL_PROP.salesActivities]: ['Initialized discussions with customer'],
  [DEAL_PROP.useCase]: 'Migration',
  [DEAL_PROP.awsProducts]: ['AmazonEC2', 'AmazonS3'],
  [DEAL_PROP.closeDate]: input.closeDate,
  [DEAL_PROP.amount]: 50_000 + input.n * 1_000,
  [DEAL_PROP.description]: `Customer ${plantedToken(input.seed, input.n)} must move its records system before the fiscal year ends.`,
  [DEAL_PROP.additionalComments]: `Contact ${plantedToken(input.seed, input.n + 100_000)} prefers mornings.`,
  ...(input.solutionId ? { [DEAL_PROP.solutionId]: input.solutionId } : {}),
});

/** The value a rep's n-th edit gives a deal's next steps (free text with a planted canary). */
export const editedNextSteps = (seed: number, n: number): string =>
  `Call ${plantedToken(seed, n + 200_000)} about the pilot scope`;

/** An AWS referral with fictional, canary-carrying customer details. */
export const invitationSeed = (seed: number, n: number, targetDate: string): InvitationSeed => {
  const token = plantedToken(seed, n + 300_000);
  return {
    title: `Referral ${n + 1} for records modernisation`,
    companyName: `Example Holdings ${token}`,
    industry: 'Government',
    websiteUrl: `https://${token}.example.test`,
    countryCode: 'US',
    businessProblem: `The customer ${token} needs to retire two data centres.`,
    targetCompletionDate: targetDate,
    expectedMonthlySpendUsd: '2500',
    senderContactEmail: `${token}@aws-seller.example.test`,
    senderCompanyName: 'Amazon Web Services',
  };
};

/**
 * A rep fills in the agency's web domain before submitting (ACE matches the customer by it; GovWin does not
 * provide one). Looks the deal's companies up through the HubSpot API (retrying injected faults) and edits
 * them in the CRM. Returns false when the lookup kept failing.
 */
export const addAgencyDomain = async (stack: LocalStack, dealId: string): Promise<boolean> => {
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    let ids: string[] | undefined;
    try {
      const res = await fetch(
        `${stack.hubspot.url}/crm/v4/objects/deals/${dealId}/associations/companies`,
        {
          headers: { authorization: `Bearer ${stack.hubspot.accessToken}` },
          signal: AbortSignal.timeout(10_000),
        }
      );
      if (res.ok) {
        const body = (await res.json()) as { results?: { toObjectId?: unknown }[] };
        ids = (body.results ?? []).map((r) => String(r.toObjectId));
      } else await res.arrayBuffer();
    } catch {
      ids = undefined;
    }
    if (ids) {
      for (const id of ids) {
        const company = stack.hubspot.getObject('companies', id);
        if (company && !company.properties.domain && !company.properties.website)
          stack.hubspot.userEdit({
            objectType: 'companies',
            objectId: id,
            properties: { domain: `agency-${id}.example.gov` },
          });
      }
      return true;
    }
    await sleep(500 * attempt);
  }
  return false;
};
