import {
  GetCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../errors/common-errors';
import {
  ACE_INVITATION_ID,
  ACE_OPPORTUNITY_ID,
  assertId,
  GOVWIN_OPP_ID,
  normaliseHubSpotId,
} from '../keys/ids';
import { KEY_PREFIX, type Key, keys } from '../keys/keys';
import { normaliseIsoInstant } from './dates';
import {
  backoffDelay,
  describeValue,
  dynamoFailure,
  type Item,
  isConditionalCheckFailed,
  isoOf,
  rawStringAttribute,
  resolveDeps,
  type StateRepoDeps,
  send,
} from './dynamo-support';

/** The steps of one submission, in order (DESIGN §2.2): a redelivered message resumes at the first gap. */
export type SubmitStep = 'created' | 'associated' | 'engagementStarted' | 'writtenBack';

/** Every submit step, in order. */
export const SUBMIT_STEPS: readonly SubmitStep[] = [
  'created',
  'associated',
  'engagementStarted',
  'writtenBack',
];

/** The ACE submission row of one HubSpot deal (entity-mappings, `DEAL#<dealId>` / `ACE`). */
export interface AceSubmission {
  dealId: string;
  govwinId?: string;
  aceOpportunityId?: string;
  clientTokens: { create?: string; engagement?: string; accept?: string };
  /** ISO time at which each step first completed. */
  steps: Partial<Record<SubmitStep, string>>;
  /** AWS `LastModifiedDate` of the opportunity, normalised ISO. */
  lastModifiedDate?: string;
  engagementTaskId?: string;
  invitationId?: string;
  /** The StartEngagementByAcceptingInvitationTask run that accepts the deal's referral (docs/ace-mapping.md §6). */
  acceptTaskId?: string;
  reviewStatus?: string;
  lifecycleStage?: string;
  /** HubSpot property names whose edits AWS refused during review, to replay later. */
  parkedEdits: string[];
  /**
   * ISO time up to which reconcile's lost-edit sweep has looked at the deal's property history: rep edits
   * after it whose webhook never arrived are still to be found.
   */
  editsCheckedUntil?: string;
  updatedAt: string;
}

/** Fields `update` may set. */
export type AceSubmissionFields = Partial<
  Pick<
    AceSubmission,
    | 'govwinId'
    | 'aceOpportunityId'
    | 'lastModifiedDate'
    | 'reviewStatus'
    | 'lifecycleStage'
    | 'invitationId'
    | 'engagementTaskId'
    | 'acceptTaskId'
    | 'editsCheckedUntil'
  >
>;

/** The create-type calls whose ClientToken is reserved on the row (`accept`: the referral accept task). */
export type ClientTokenKind = 'create' | 'engagement' | 'accept';

/** Fields `markStep` may set alongside the step. */
export type AceStepFields = Partial<
  Pick<AceSubmission, 'aceOpportunityId' | 'lastModifiedDate' | 'engagementTaskId'>
>;

/** Repository over ACE submission rows and their reverse rows (`ACE#<aceId>`, `INV#<invitationId>`). */
export interface AceSubmissionRepo {
  get(dealId: string | number): Promise<AceSubmission | undefined>;
  /**
   * Reserves the ClientToken of a create-type call: the first writer's candidate wins and is returned to
   * every caller, for ever. Creates the row when absent; never touches other attributes.
   */
  reserveClientToken(
    dealId: string | number,
    kind: ClientTokenKind,
    candidate: string
  ): Promise<string>;
  /** Records that a step finished (first completion time kept) and the ids it produced. */
  markStep(dealId: string | number, step: SubmitStep, fields?: AceStepFields): Promise<void>;
  /** Sets exactly the given fields; keeps the reverse rows of aceOpportunityId / invitationId. */
  update(dealId: string | number, fields: AceSubmissionFields): Promise<void>;
  findDealByAceId(aceOpportunityId: string): Promise<string | undefined>;
  findDealByInvitation(invitationId: string): Promise<string | undefined>;
  /** Adds HubSpot property names to the parked set (atomic set union). */
  addParkedEdits(dealId: string | number, props: readonly string[]): Promise<void>;
  /** Removes exactly these property names from the parked set (edits parked meanwhile stay). */
  clearParkedEdits(dealId: string | number, props: readonly string[]): Promise<void>;
  /** Every submission row that has parked edits (paginated Scan). */
  listWithParkedEdits(): AsyncIterable<AceSubmission>;
  /** Every submission row (paginated Scan), for reconcile and drift. */
  listAll(): AsyncIterable<AceSubmission>;
}

/** LifeCycle.ReviewStatus values (external-apis §1.7). */
const REVIEW_STATUSES: ReadonlySet<string> = new Set([
  'Pending Submission',
  'Submitted',
  'In review',
  'Approved',
  'Rejected',
  'Action Required',
]);
/** LifeCycle.Stage values (external-apis §1.7). */
const LIFECYCLE_STAGES: ReadonlySet<string> = new Set([
  'Prospect',
  'Qualified',
  'Technical Validation',
  'Business Validation',
  'Committed',
  'Launched',
  'Closed Lost',
]);
/** Engagement-from-opportunity task id (`.*task-[0-9a-z]{13}`; the docs also show `oit-`). */
const TASK_ID = /^(?:[a-z0-9-]{0,64}task-|oit-)[0-9a-z]{13}$/;
/** Our ClientTokens are UUIDs or similar opaque ids: printable, no spaces, at most 255 characters. */
const CLIENT_TOKEN = /^[A-Za-z0-9._:-]{1,255}$/;
/** HubSpot internal property names. */
const PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;

const STEP_ATTRIBUTE: Record<SubmitStep, string> = {
  created: 'stepCreatedAt',
  associated: 'stepAssociatedAt',
  engagementStarted: 'stepEngagementStartedAt',
  writtenBack: 'stepWrittenBackAt',
};
const TOKEN_ATTRIBUTE: Record<ClientTokenKind, string> = {
  create: 'createClientToken',
  engagement: 'engagementClientToken',
  accept: 'acceptClientToken',
};

const enumValue = (set: ReadonlySet<string>, kind: string) => (value: unknown) => {
  if (typeof value === 'string' && set.has(value)) return value;
  throw new ValidationError(
    `${kind} is invalid: expected one of ${[...set].join(', ')}, got ${describeValue(value)}`
  );
};

const FIELD_VALIDATORS: Record<keyof AceSubmissionFields, (value: unknown) => string> = {
  govwinId: (v) => assertId(v, GOVWIN_OPP_ID, 'GovWin opportunity id'),
  aceOpportunityId: (v) => assertId(v, ACE_OPPORTUNITY_ID, 'ACE opportunity id'),
  invitationId: (v) => assertId(v, ACE_INVITATION_ID, 'engagement invitation id'),
  engagementTaskId: (v) => assertId(v, TASK_ID, 'engagement task id'),
  acceptTaskId: (v) => assertId(v, TASK_ID, 'accept invitation task id'),
  lastModifiedDate: (v) => normaliseIsoInstant(v, 'ACE LastModifiedDate'),
  editsCheckedUntil: (v) => normaliseIsoInstant(v, 'edits checked until'),
  reviewStatus: enumValue(REVIEW_STATUSES, 'ACE review status'),
  lifecycleStage: enumValue(LIFECYCLE_STAGES, 'ACE lifecycle stage'),
};

const validateFields = (
  fields: unknown,
  allowed: readonly (keyof AceSubmissionFields)[],
  what: string
): Record<string, string> => {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw new ValidationError(`${what} must be an object, got ${describeValue(fields)}`);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!(allowed as readonly string[]).includes(name))
      throw new ValidationError(`${what}: unknown field ${JSON.stringify(name.slice(0, 40))}`);
    out[name] = FIELD_VALIDATORS[name as keyof AceSubmissionFields](value);
  }
  return out;
};

const validateProps = (props: unknown): string[] => {
  if (!Array.isArray(props))
    throw new ValidationError(`parked edits must be an array, got ${describeValue(props)}`);
  if (props.length > 500)
    throw new ValidationError(`parked edits: at most 500 property names, got ${props.length}`);
  return [...new Set(props.map((p) => assertId(p, PROPERTY_NAME, 'HubSpot property name')))].sort();
};

const str = (item: Item, name: string): string | undefined =>
  typeof item[name] === 'string' ? (item[name] as string) : undefined;

const toSubmission = (item: Item): AceSubmission | undefined => {
  const dealId =
    str(item, 'dealId') ??
    (typeof item.pk === 'string' ? item.pk.slice(KEY_PREFIX.deal.length) : undefined);
  if (!dealId) return undefined;
  const steps: Partial<Record<SubmitStep, string>> = {};
  for (const step of SUBMIT_STEPS) {
    const at = str(item, STEP_ATTRIBUTE[step]);
    if (at) steps[step] = at;
  }
  const clientTokens: AceSubmission['clientTokens'] = {};
  for (const kind of Object.keys(TOKEN_ATTRIBUTE) as ClientTokenKind[]) {
    const token = str(item, TOKEN_ATTRIBUTE[kind]);
    if (token) clientTokens[kind] = token;
  }
  const parked = item.parkedEdits;
  const out: AceSubmission = {
    dealId,
    clientTokens,
    steps,
    parkedEdits: parked instanceof Set ? [...(parked as Set<string>)].sort() : [],
    updatedAt: str(item, 'updatedAt') ?? '',
  };
  for (const name of [
    'govwinId',
    'aceOpportunityId',
    'lastModifiedDate',
    'engagementTaskId',
    'invitationId',
    'acceptTaskId',
    'reviewStatus',
    'lifecycleStage',
    'editsCheckedUntil',
  ] as const) {
    const value = str(item, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
};

/** Fields that bind a deal to one external record and have a reverse row. */
const BINDINGS = [
  { field: 'aceOpportunityId', label: 'ACE opportunity', key: keys.aceOpportunity },
  { field: 'invitationId', label: 'engagement invitation', key: keys.invitation },
] as const;

const MAX_TRANSACTION_ATTEMPTS = 5;

/**
 * ACE submission rows, keyed by HubSpot deal (`DEAL#<id>` / `ACE`), updated in place only: every write is an
 * UpdateItem that sets named attributes, so no write can erase another's (unlike the prior art's whole-item
 * PutItem, quirk 15). Binding a deal to an ACE opportunity or invitation writes the forward row and the
 * reverse row in one transaction, and refuses (ConflictError) to re-bind either side to something else.
 * Rows do not expire: an expired row would forget a ClientToken and allow a duplicate AWS opportunity.
 * @example const repo = makeAceSubmissionRepo({ doc, tableName: entityMappingsTable });
 *          const token = await repo.reserveClientToken(dealId, 'create', randomUUID());
 */
export const makeAceSubmissionRepo = (deps: StateRepoDeps): AceSubmissionRepo => {
  const d = resolveDeps(deps, 'ACE submission repository');

  const get = async (dealId: string | number): Promise<AceSubmission | undefined> => {
    const key = keys.aceSubmission(dealId);
    const res = await send('GetItem', d.tableName, () =>
      d.doc.send(new GetCommand({ TableName: d.tableName, Key: key, ConsistentRead: true }))
    );
    return res.Item ? toSubmission(res.Item) : undefined;
  };

  const findReverse = async (key: Key): Promise<string | undefined> => {
    const res = await send('GetItem', d.tableName, () =>
      d.doc.send(new GetCommand({ TableName: d.tableName, Key: key, ConsistentRead: true }))
    );
    const dealId = res.Item?.dealId;
    return typeof dealId === 'string' ? dealId : undefined;
  };

  /** Sets `fields` (+ an optional step time) on the deal row, with reverse rows for bindings. */
  const write = async (
    dealIdInput: string | number,
    fields: Record<string, string>,
    stepAttribute?: string
  ): Promise<void> => {
    const key = keys.aceSubmission(dealIdInput);
    const dealId = normaliseHubSpotId(dealIdInput, 'HubSpot deal id');
    const now = isoOf(d.now());
    const names: Record<string, string> = {
      '#dealId': 'dealId',
      '#createdAt': 'createdAt',
      '#updatedAt': 'updatedAt',
    };
    const values: Record<string, unknown> = { ':dealId': dealId, ':now': now };
    const sets = [
      '#dealId = :dealId',
      '#createdAt = if_not_exists(#createdAt, :now)',
      '#updatedAt = :now',
    ];
    if (stepAttribute) {
      names['#step'] = stepAttribute;
      sets.push('#step = if_not_exists(#step, :now)');
    }
    for (const [name, value] of Object.entries(fields)) {
      names[`#f_${name}`] = name;
      values[`:f_${name}`] = value;
      sets.push(`#f_${name} = :f_${name}`);
    }
    const bindings = BINDINGS.filter((b) => fields[b.field] !== undefined);
    const conditions = bindings.map(
      (b) => `(attribute_not_exists(#f_${b.field}) OR #f_${b.field} = :f_${b.field})`
    );
    const forward = {
      TableName: d.tableName,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(conditions.length > 0 ? { ConditionExpression: conditions.join(' AND ') } : {}),
    };
    if (bindings.length === 0) {
      await send('UpdateItem', d.tableName, () => d.doc.send(new UpdateCommand(forward)));
      return;
    }
    const reverse = bindings.map((b) => ({
      Update: {
        TableName: d.tableName,
        Key: b.key(fields[b.field] as string),
        UpdateExpression:
          'SET #dealId = :dealId, #createdAt = if_not_exists(#createdAt, :now), #updatedAt = :now',
        // A reverse row may exist without a deal yet: an invitation claimed for creating its referral deal
        // (invitation-claims.ts). Only a row bound to another deal refuses.
        ConditionExpression: 'attribute_not_exists(#dealId) OR #dealId = :dealId',
        ExpressionAttributeNames: {
          '#dealId': 'dealId',
          '#createdAt': 'createdAt',
          '#updatedAt': 'updatedAt',
        },
        ExpressionAttributeValues: { ':dealId': dealId, ':now': now },
      },
    }));
    for (let attempt = 0; ; attempt++) {
      try {
        await d.doc.send(
          new TransactWriteCommand({ TransactItems: [{ Update: forward }, ...reverse] })
        );
        return;
      } catch (err) {
        const cancelled = err instanceof Error && err.name === 'TransactionCanceledException';
        const busy = err instanceof Error && err.name === 'TransactionInProgressException';
        if (!cancelled && !busy) throw dynamoFailure('TransactWriteItems', d.tableName, err);
        const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
        const codes = Array.isArray(reasons) ? reasons.map((r) => r?.Code) : [];
        const failedAt = codes.indexOf('ConditionalCheckFailed');
        if (failedAt === 0)
          throw new ConflictError(
            `deal ${dealId} is already bound to a different ${bindings.map((b) => b.label).join(' or ')}`,
            { code: 'MAPPING_CONFLICT', cause: err }
          );
        if (failedAt > 0) {
          const b = bindings[failedAt - 1];
          throw new ConflictError(
            `${b?.label ?? 'reverse row'} ${b ? fields[b.field] : ''} is already mapped to another deal`,
            { code: 'MAPPING_CONFLICT', cause: err }
          );
        }
        const transient = busy || codes.includes('TransactionConflict');
        if (!transient) throw dynamoFailure('TransactWriteItems', d.tableName, err);
        if (attempt + 1 >= MAX_TRANSACTION_ATTEMPTS)
          throw new ConflictError(
            `deal ${dealId}: mapping transaction kept conflicting after ${MAX_TRANSACTION_ATTEMPTS} attempts`,
            { code: 'MAPPING_BUSY', retryable: true, cause: err }
          );
        await d.sleep(backoffDelay(attempt + 1, d.random));
      }
    }
  };

  const scan = async function* (withParkedOnly: boolean): AsyncGenerator<AceSubmission> {
    const names: Record<string, string> = { '#pk': 'pk', '#sk': 'sk' };
    let filter = '#sk = :sk AND begins_with(#pk, :deal)';
    if (withParkedOnly) {
      names['#parked'] = 'parkedEdits';
      filter += ' AND attribute_exists(#parked)';
    }
    let startKey: Record<string, unknown> | undefined;
    do {
      const exclusive = startKey;
      const res = await send('Scan', d.tableName, () =>
        d.doc.send(
          new ScanCommand({
            TableName: d.tableName,
            FilterExpression: filter,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':sk': 'ACE', ':deal': KEY_PREFIX.deal },
            ...(exclusive ? { ExclusiveStartKey: exclusive } : {}),
          })
        )
      );
      for (const item of res.Items ?? []) {
        const submission = toSubmission(item);
        if (submission) yield submission;
      }
      startKey = res.LastEvaluatedKey;
    } while (startKey);
  };

  return {
    get,
    reserveClientToken: async (dealIdInput, kind, candidate) => {
      const key = keys.aceSubmission(dealIdInput);
      const dealId = normaliseHubSpotId(dealIdInput, 'HubSpot deal id');
      if (!Object.hasOwn(TOKEN_ATTRIBUTE, kind))
        throw new ValidationError(
          `client token kind is invalid: expected create, engagement or accept, got ${describeValue(kind)}`
        );
      const token = assertId(candidate, CLIENT_TOKEN, 'client token');
      const attribute = TOKEN_ATTRIBUTE[kind];
      for (let attempt = 0; attempt < 3; attempt++) {
        const now = isoOf(d.now());
        try {
          await send('UpdateItem', d.tableName, () =>
            d.doc.send(
              new UpdateCommand({
                TableName: d.tableName,
                Key: key,
                UpdateExpression:
                  'SET #tok = :tok, #dealId = :dealId, #createdAt = if_not_exists(#createdAt, :now), #updatedAt = :now',
                ConditionExpression: 'attribute_not_exists(#tok)',
                ExpressionAttributeNames: {
                  '#tok': attribute,
                  '#dealId': 'dealId',
                  '#createdAt': 'createdAt',
                  '#updatedAt': 'updatedAt',
                },
                ExpressionAttributeValues: { ':tok': token, ':dealId': dealId, ':now': now },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              })
            )
          );
          return token;
        } catch (err) {
          if (!isConditionalCheckFailed(err)) throw err;
          const fromError = rawStringAttribute((err as { Item?: unknown }).Item, attribute);
          if (fromError) return fromError;
          // Some emulators (dynalite) ignore ReturnValuesOnConditionCheckFailure: read the winner.
          const current = await get(dealId);
          const winner = current?.clientTokens[kind];
          if (winner) return winner;
        }
      }
      throw new ConflictError(`deal ${dealId}: could not reserve the ${kind} client token`, {
        code: 'CLIENT_TOKEN_RACE',
        retryable: true,
      });
    },
    markStep: async (dealId, step, fields = {}) => {
      if (!Object.hasOwn(STEP_ATTRIBUTE, step))
        throw new ValidationError(
          `submit step is invalid: expected one of ${SUBMIT_STEPS.join(', ')}, got ${describeValue(step)}`
        );
      const valid = validateFields(
        fields,
        ['aceOpportunityId', 'lastModifiedDate', 'engagementTaskId'],
        'markStep fields'
      );
      await write(dealId, valid, STEP_ATTRIBUTE[step]);
    },
    update: async (dealId, fields) => {
      const valid = validateFields(
        fields,
        [
          'govwinId',
          'aceOpportunityId',
          'lastModifiedDate',
          'reviewStatus',
          'lifecycleStage',
          'invitationId',
          'engagementTaskId',
          'acceptTaskId',
          'editsCheckedUntil',
        ],
        'ACE submission update'
      );
      keys.aceSubmission(dealId);
      if (Object.keys(valid).length === 0) return;
      await write(dealId, valid);
    },
    findDealByAceId: async (aceOpportunityId) => findReverse(keys.aceOpportunity(aceOpportunityId)),
    findDealByInvitation: async (invitationId) => findReverse(keys.invitation(invitationId)),
    addParkedEdits: async (dealIdInput, props) => {
      const key = keys.aceSubmission(dealIdInput);
      const dealId = normaliseHubSpotId(dealIdInput, 'HubSpot deal id');
      const names = validateProps(props);
      if (names.length === 0) return;
      const now = isoOf(d.now());
      await send('UpdateItem', d.tableName, () =>
        d.doc.send(
          new UpdateCommand({
            TableName: d.tableName,
            Key: key,
            UpdateExpression:
              'ADD #parked :props SET #dealId = :dealId, #createdAt = if_not_exists(#createdAt, :now), #updatedAt = :now',
            ExpressionAttributeNames: {
              '#parked': 'parkedEdits',
              '#dealId': 'dealId',
              '#createdAt': 'createdAt',
              '#updatedAt': 'updatedAt',
            },
            ExpressionAttributeValues: { ':props': new Set(names), ':dealId': dealId, ':now': now },
          })
        )
      );
    },
    clearParkedEdits: async (dealId, props) => {
      const key = keys.aceSubmission(dealId);
      const names = validateProps(props);
      if (names.length === 0) return;
      try {
        await send('UpdateItem', d.tableName, () =>
          d.doc.send(
            new UpdateCommand({
              TableName: d.tableName,
              Key: key,
              UpdateExpression: 'DELETE #parked :props SET #updatedAt = :now',
              ConditionExpression: 'attribute_exists(#pk)',
              ExpressionAttributeNames: {
                '#pk': 'pk',
                '#parked': 'parkedEdits',
                '#updatedAt': 'updatedAt',
              },
              ExpressionAttributeValues: { ':props': new Set(names), ':now': isoOf(d.now()) },
            })
          )
        );
      } catch (err) {
        // No row means nothing is parked: clearing is already done.
        if (!isConditionalCheckFailed(err)) throw err;
      }
    },
    listWithParkedEdits: () => scan(true),
    listAll: () => scan(false),
  };
};
