// HubSpot error bodies (external-apis.md §2.5): `{ status: 'error', message, correlationId,
// category, subCategory?, errors?, context? }`; a 429 adds `errorType: 'RATE_LIMIT'` and
// `policyName`.
import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../common/http-simulator';

export interface HubSpotErrorDetail {
  message: string;
  code?: string;
  in?: string;
  context?: Record<string, string[]>;
  subCategory?: string;
}

export const hsError = (
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {}
): SimResponse => ({
  status,
  body: { status: 'error', message, correlationId: randomUUID(), category, ...extra },
});

/** A request the simulator refuses as a whole; the edge turns it into `hsError`. */
export class HubSpotRequestError extends Error {
  public readonly status: number;
  public readonly category: string;
  public readonly extra: Record<string, unknown>;
  public constructor(
    status: number,
    category: string,
    message: string,
    extra: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = 'HubSpotRequestError';
    this.status = status;
    this.category = category;
    this.extra = extra;
  }
}

export const validationError = (message: string, errors?: HubSpotErrorDetail[]) =>
  new HubSpotRequestError(400, 'VALIDATION_ERROR', message, errors ? { errors } : {});

export const notFoundError = (message: string) =>
  new HubSpotRequestError(404, 'OBJECT_NOT_FOUND', message);

export const conflictError = (message: string) => new HubSpotRequestError(409, 'CONFLICT', message);
