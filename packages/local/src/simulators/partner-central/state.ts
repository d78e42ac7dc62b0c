// In-memory state, one independent store per catalog (an id from `AWS` is unknown in `Sandbox`).
// Records keep wire member names so responses are projections of them; timestamps are epoch ms.
import type {
  InvitationStatus,
  ReviewStatus,
  TaskStatus,
} from '@aws-sdk/client-partnercentral-selling';
import type { Catalog } from '@govwin-ace/shared-core';
import type { Rng } from '../common/rng';
import type { ReviewStep } from './review-script';
import type { Json } from './validate';

export interface LifeCycleRecord extends Json {
  ReviewStatus?: ReviewStatus;
  Stage?: string;
  NextSteps?: string;
  NextStepsHistory?: { Value: string; Time: number }[];
}

export interface OpportunityRecord extends Json {
  Catalog: Catalog;
  Id: string;
  Arn: string;
  CreatedDate: number;
  LastModifiedDate: number;
  LifeCycle: LifeCycleRecord;
  RelatedEntityIdentifiers: Record<string, string[]>;
}

/** Review progress of one opportunity. `generation` invalidates jobs scheduled for an older run. */
export interface ReviewProgress {
  steps: readonly ReviewStep[];
  next: number;
  waiting: 'idle' | 'time' | 'partner' | 'done';
  generation: number;
}

export interface OpportunityEntry {
  record: OpportunityRecord;
  /** AWS's view (GetAwsOpportunitySummary); present once submitted or when AWS-originated. */
  aws: Json | undefined;
  review: ReviewProgress;
  /** Set once an engagement task has submitted the opportunity to AWS. */
  engagement?: { engagementId: string; invitationId: string };
}

export interface TaskRecord extends Json {
  TaskId: string;
  TaskArn: string;
  StartTime: number;
  TaskStatus: TaskStatus;
  OpportunityId?: string;
  EngagementInvitationId?: string;
}

export interface InvitationRecord extends Json {
  Id: string;
  Arn: string;
  Catalog: Catalog;
  Status: InvitationStatus;
  ParticipantType: 'RECEIVER' | 'SENDER';
  PayloadType: string;
  EngagementId: string;
  InvitationDate: number;
  ExpirationDate: number;
}

export interface SolutionRecord extends Json {
  Catalog: Catalog;
  Id: string;
  Name: string;
  Status: string;
  Category: string;
  CreatedDate: number;
  Arn: string;
}

export interface IdempotencyRecord {
  fingerprint: string;
  response: Json;
}

export interface CatalogState {
  name: Catalog;
  opportunities: Map<string, OpportunityEntry>;
  /** Keyed `operation \0 ClientToken`. */
  tokens: Map<string, IdempotencyRecord>;
  fromOpportunityTasks: Map<string, TaskRecord>;
  acceptInvitationTasks: Map<string, TaskRecord>;
  invitations: Map<string, InvitationRecord>;
  solutions: Map<string, SolutionRecord>;
}

export const makeCatalogState = (name: Catalog): CatalogState => ({
  name,
  opportunities: new Map(),
  tokens: new Map(),
  fromOpportunityTasks: new Map(),
  acceptInvitationTasks: new Map(),
  invitations: new Map(),
  solutions: new Map(),
});

export interface IdFactory {
  opportunity(): string;
  engagement(): string;
  invitation(): string;
  task(): string;
  snapshotJob(): string;
  solution(): string;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Ids in the service's formats (external-apis §1.4), unique across catalogs, seeded. */
export const makeIdFactory = (rng: Rng): IdFactory => {
  let opportunity = 1_000_000;
  let solution = 100;
  const random = (n: number) =>
    Array.from({ length: n }, () => ALPHABET[rng.int(0, ALPHABET.length - 1)]).join('');
  return {
    opportunity: () => {
      opportunity += 1;
      return `O${opportunity}`;
    },
    engagement: () => `eng-${random(14)}`,
    invitation: () => `engi-${random(13)}`,
    task: () => `task-${random(13)}`,
    snapshotJob: () => `job-${random(13)}`,
    solution: () => {
      solution += 1;
      return `S-${String(solution).padStart(7, '0')}`;
    },
  };
};

export const arnFor = (catalog: Catalog, kind: string, id: string): string =>
  `arn:aws:partnercentral:us-east-1::catalog/${catalog}/${kind}/${id}`;
