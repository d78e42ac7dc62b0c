// HubSpot -> ACE submit (DESIGN §2.2): CreateOpportunity -> AssociateOpportunity (solution, AWS products)
// -> StartEngagementFromOpportunityTask -> write-back, each step recorded on the deal's ACE row. A
// redelivered message resumes at the first unfinished step; every create-type call uses a ClientToken
// reserved once in DynamoDB; before creating, an existing ACE opportunity of the deal is adopted instead.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import type { QueueMessageV1 } from '@govwin-ace/hubspot-webhook-receiver';
import {
  AceApiError,
  type AceSubmission,
  COMPANY_PROPS,
  CONTACT_PROPS,
  CREATE_DEAL_PROPS,
  DEAL_PROP,
  describeAceErrorForDeal,
  isRetryable,
  MAX_CONTACTS,
  mapDealToCreate,
  ownedPartnerIdentifiers,
  resolveAssociations,
  ValidationError,
} from '@govwin-ace/shared-core';
import { syncAssociations } from './associations';
import {
  audit,
  auditRefusal,
  METRICS,
  raiseAlert,
  type SubmitterDeps,
  todayOf,
  writeDeal,
} from './context';
import { CatalogMismatchError, EngagementTaskFailedError } from './errors';
import { failureNote } from './failure-note';
import { mirrorToDeal, stateOf } from './mirror';
import type { DealRecord } from './ports';

/** Where a submission stands after one run. */
export type SubmitOutcome =
  | { status: 'skipped'; reason: string }
  | { status: 'already-submitted'; aceOpportunityId: string }
  | { status: 'submitted'; aceOpportunityId: string; adopted: boolean };

/** Delivery metadata of the message being processed. */
export interface DeliveryMeta {
  /** SQS ApproximateReceiveCount (1 on first delivery). */
  receiveCount: number;
}

/** Pages of ListOpportunities (100 each) scanned by the duplicate check. */
export const DUPLICATE_SCAN_PAGES = 10;

const ENGAGEMENT_OK = new Set(['IN_PROGRESS', 'COMPLETE']);

/** Leaf paths of a payload (field names for the audit log; values never leave). */
const fieldPaths = (value: unknown, prefix = ''): string[] => {
  if (
    value === null ||
    typeof value !== 'object' ||
    Object.prototype.toString.call(value) === '[object Date]'
  )
    return [prefix];
  if (Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => fieldPaths(v, prefix ? `${prefix}.${k}` : k));
};

/**
 * Builds the submit use case.
 * @example const submit = makeSubmitOpportunity(deps); await submit(parseQueueMessage(body), { receiveCount: 1 });
 */
export const makeSubmitOpportunity = (deps: SubmitterDeps) => {
  const { ace, repo, deals, settings, logger } = deps;

  const loadDeal = async (dealId: string) => deals.getDeal(dealId, CREATE_DEAL_PROPS);

  /** Existing ACE opportunities carrying this deal's identifiers that no other deal has claimed. */
  const findAdoptable = async (dealId: string, deal: DealRecord) => {
    const found = await ace.findOpportunitiesByPartnerId(ownedPartnerIdentifiers(deal), {
      maxPages: DUPLICATE_SCAN_PAGES,
    });
    const free = [];
    for (const s of found) {
      const owner = s.Id ? await repo.findDealByAceId(s.Id) : undefined;
      if (s.Id && (owner === undefined || owner === dealId)) free.push(s);
    }
    return free.sort((a, b) => (a.CreatedDate?.getTime() ?? 0) - (b.CreatedDate?.getTime() ?? 0));
  };

  /** Reads the deal's company, contacts and owner and maps everything (throws AceMappingError). */
  const mapDeal = async (dealId: string, deal: DealRecord) => {
    const [company, contacts, owner] = await Promise.all([
      deals.getAssociatedCompany(dealId, COMPANY_PROPS),
      deals.getAssociatedContacts(dealId, CONTACT_PROPS, MAX_CONTACTS),
      deal.properties[DEAL_PROP.ownerId]
        ? deals.getOwner(deal.properties[DEAL_PROP.ownerId] ?? '')
        : Promise.resolve(undefined),
    ]);
    return mapDealToCreate({
      deal,
      company: company?.properties,
      contacts: contacts.map((c) => c.properties),
      owner,
      today: todayOf(deps.now()),
      defaultSolutionId: settings.defaultSolutionId,
    });
  };

  const create = async (
    dealId: string,
    deal: DealRecord,
    correlationId: string
  ): Promise<{ aceId: string; adopted: boolean }> => {
    // Map first: a deal that cannot be sent never reaches an external write.
    const mapping = await mapDeal(dealId, deal);
    const adoptable = await findAdoptable(dealId, deal);
    const first = adoptable[0];
    if (first?.Id) {
      if (adoptable.length > 1)
        await raiseAlert(
          deps,
          'duplicate-opportunities',
          `Duplicate ACE opportunities for deal ${dealId}`,
          {
            dealId,
            adopted: first.Id,
            others: adoptable
              .slice(1)
              .map((s) => s.Id)
              .join(','),
          }
        );
      await audit(deps, {
        dealId,
        operation: 'ace-submitter:AdoptOpportunity',
        ids: { aceOpportunityId: first.Id },
        correlationId,
      });
      await repo.markStep(dealId, 'created', {
        aceOpportunityId: first.Id,
        ...(first.LastModifiedDate
          ? { lastModifiedDate: first.LastModifiedDate.toISOString() }
          : {}),
      });
      deps.metrics.count(METRICS.adopted);
      logger.info('adopted existing ACE opportunity', { dealId, aceOpportunityId: first.Id });
      return { aceId: first.Id, adopted: true };
    }
    const token = await repo.reserveClientToken(dealId, 'create', deps.newToken());
    let created: { id: string; lastModifiedDate: Date | undefined };
    try {
      created = await ace.createOpportunity(mapping.body, token);
    } catch (err) {
      await auditRefusal(deps, err, {
        dealId,
        operation: 'partnercentral:CreateOpportunity',
        fieldNames: fieldPaths(mapping.body),
        correlationId,
        sentPayload: mapping.body,
      });
      throw err;
    }
    await audit(deps, {
      dealId,
      operation: 'partnercentral:CreateOpportunity',
      ids: { aceOpportunityId: created.id },
      fieldNames: fieldPaths(mapping.body),
      correlationId,
    });
    await repo.markStep(dealId, 'created', {
      aceOpportunityId: created.id,
      ...(created.lastModifiedDate
        ? { lastModifiedDate: created.lastModifiedDate.toISOString() }
        : {}),
    });
    deps.metrics.count(METRICS.submitted);
    return { aceId: created.id, adopted: false };
  };

  /**
   * The engagement ClientToken: the reserved one, suffixed by the number of FAILED tasks of the opportunity
   * so a fixed deal can be submitted again, while a crash-and-retry (no new failure) reuses the same token.
   */
  const engagementToken = async (dealId: string, failedTasks: number): Promise<string> => {
    const reserved = await repo.reserveClientToken(dealId, 'engagement', deps.newToken());
    return failedTasks === 0 ? reserved : `${reserved}.r${failedTasks}`;
  };

  const taskFailed = (
    dealId: string,
    task: { TaskStatus?: string | undefined; ReasonCode?: string | undefined }
  ) =>
    new EngagementTaskFailedError(
      `deal ${dealId}: AWS submit task ended ${task.TaskStatus ?? 'without status'} (${task.ReasonCode ?? 'no reason'})`,
      task.ReasonCode ?? 'Unknown'
    );

  const engage = async (
    dealId: string,
    aceId: string,
    failedTasks: number,
    correlationId: string
  ) => {
    const token = await engagementToken(dealId, failedTasks);
    const submission = {
      InvolvementType: settings.involvementType,
      Visibility: settings.visibility,
    };
    let task: Awaited<ReturnType<typeof ace.startEngagementFromOpportunityTask>>;
    try {
      task = await ace.startEngagementFromOpportunityTask(aceId, token, submission);
    } catch (err) {
      await auditRefusal(deps, err, {
        dealId,
        operation: 'partnercentral:StartEngagementFromOpportunityTask',
        ids: { aceOpportunityId: aceId },
        fieldNames: ['AwsSubmission.InvolvementType', 'AwsSubmission.Visibility'],
        correlationId,
      });
      throw err;
    }
    await audit(deps, {
      dealId,
      operation: 'partnercentral:StartEngagementFromOpportunityTask',
      ids: { aceOpportunityId: aceId, ...(task.TaskId ? { taskId: task.TaskId } : {}) },
      fieldNames: ['AwsSubmission.InvolvementType', 'AwsSubmission.Visibility'],
      correlationId,
      outcome: task.TaskStatus === 'FAILED' ? 'failure' : 'success',
    });
    if (!task.TaskStatus || !ENGAGEMENT_OK.has(task.TaskStatus)) throw taskFailed(dealId, task);
    await repo.markStep(dealId, 'engagementStarted', {
      ...(task.TaskId ? { engagementTaskId: task.TaskId } : {}),
    });
  };

  /** Sends the deal's current mapping onto a pending opportunity before it is submitted again. */
  const refresh = async (
    dealId: string,
    deal: DealRecord,
    opp: GetOpportunityCommandOutput,
    correlationId: string
  ) => {
    const mapping = await mapDeal(dealId, deal);
    const { Origin: _o, OpportunityTeam: _t, Tags: _g, ...body } = mapping.body;
    if (!opp.LastModifiedDate)
      throw new ValidationError(`ACE opportunity ${opp.Id} has no LastModifiedDate`);
    try {
      await ace.updateOpportunity(opp.Id ?? '', body, opp.LastModifiedDate);
    } catch (err) {
      await auditRefusal(deps, err, {
        dealId,
        operation: 'partnercentral:UpdateOpportunity',
        ids: { aceOpportunityId: opp.Id },
        fieldNames: fieldPaths(body),
        correlationId,
        sentPayload: body,
      });
      throw err;
    }
    await audit(deps, {
      dealId,
      operation: 'partnercentral:UpdateOpportunity',
      ids: { aceOpportunityId: opp.Id },
      fieldNames: fieldPaths(body),
      correlationId,
    });
  };

  const run = async (msg: QueueMessageV1, receiveCount: number): Promise<SubmitOutcome> => {
    const dealId = msg.dealId;
    const correlationId = msg.correlationId;
    let row: AceSubmission | undefined = await repo.get(dealId);
    const started = Boolean(row?.steps.created);
    const deal = await loadDeal(dealId);
    if (!deal) return { status: 'skipped', reason: 'deal not found or archived' };
    const stage = deal.properties[DEAL_PROP.dealStage] ?? '';
    // A new submission needs the deal to still be in a trigger stage; a started one always resumes.
    if (!started && !settings.submitStageIds.includes(stage))
      return { status: 'skipped', reason: 'deal is not in a submit stage' };

    let aceId = row?.aceOpportunityId;
    let adopted = false;
    if (!aceId) {
      ({ aceId, adopted } = await create(dealId, deal, correlationId));
      row = await repo.get(dealId);
    }

    let live: GetOpportunityCommandOutput | undefined;
    const liveOpp = async () => {
      live ??= await ace.getOpportunity(aceId);
      return live;
    };
    const pending = async () => (await liveOpp()).LifeCycle?.ReviewStatus === 'Pending Submission';
    const steps = row?.steps ?? {};
    let taskList: Awaited<ReturnType<typeof ace.listEngagementFromOpportunityTasks>> | undefined;
    const tasks = async () => {
      taskList ??= await ace.listEngagementFromOpportunityTasks(aceId);
      return taskList;
    };
    const failedTasks = async () => (await tasks()).filter((t) => t.TaskStatus === 'FAILED').length;
    const latestFailed = async () => (await tasks())[0]?.TaskStatus === 'FAILED';

    // A FAILED submit task leaves the opportunity pending. A new trigger (first delivery of a message)
    // refreshes it from the fixed deal and runs the association and engagement steps again; a redelivery
    // of the failed run does not start yet another task.
    const resubmitting =
      receiveCount === 1 &&
      Boolean(steps.associated) &&
      (await pending()) &&
      (await latestFailed());
    if (resubmitting) {
      await refresh(dealId, deal, await liveOpp(), correlationId);
      live = undefined;
    }

    if (!steps.associated || resubmitting) {
      // Associations cannot change once AWS reviews the opportunity (e.g. an adopted, submitted one).
      if (await pending()) {
        const plan = resolveAssociations({ deal, defaultSolutionId: settings.defaultSolutionId });
        const result = await syncAssociations(deps, {
          dealId,
          opp: await liveOpp(),
          plan,
          exact: false,
          correlationId,
        });
        if (result.refused.length > 0)
          await raiseAlert(deps, 'products-refused', `AWS refused products for deal ${dealId}`, {
            dealId,
            aceOpportunityId: aceId,
            products: result.refused.join(','),
          });
        live = undefined;
      }
      await repo.markStep(dealId, 'associated');
    }

    let engaged = false;
    if (!steps.engagementStarted || resubmitting) {
      if (!(await pending())) await repo.markStep(dealId, 'engagementStarted');
      else if (!resubmitting && steps.associated && (await latestFailed()))
        throw taskFailed(dealId, (await tasks())[0] ?? {});
      else {
        await engage(dealId, aceId, await failedTasks(), correlationId);
        engaged = true;
      }
    }

    if (!steps.writtenBack || engaged) {
      live = undefined;
      const written = await mirrorToDeal(deps, dealId, stateOf(await liveOpp()), {
        correlationId,
        extra: { [DEAL_PROP.statusNote]: '' },
      });
      if (written === undefined)
        return { status: 'skipped', reason: 'deal deleted during submission' };
      await repo.markStep(dealId, 'writtenBack');
      return { status: 'submitted', aceOpportunityId: aceId, adopted };
    }
    return { status: 'already-submitted', aceOpportunityId: aceId };
  };

  /** The deal's current failure note; undefined when it cannot be read (then the caller writes anyway). */
  const currentNote = async (dealId: string): Promise<string | undefined> => {
    try {
      const deal = await deps.deals.getDeal(dealId, [DEAL_PROP.statusNote]);
      return deal?.properties[DEAL_PROP.statusNote] ?? undefined;
    } catch {
      return undefined;
    }
  };

  /**
   * Alerts and writes the redacted failure note to the deal. The note tells the rep, and keeps reconcile
   * from re-queueing the deal, so a redelivery whose note is not on the deal yet (the first delivery crashed,
   * failed retryably or could not write it) writes it and alerts; a redelivery that finds it does nothing.
   */
  const reportFailure = async (msg: QueueMessageV1, err: unknown, firstDelivery: boolean) => {
    const dealId = msg.dealId;
    const note =
      err instanceof AceApiError
        ? describeAceErrorForDeal(err, (err as { sentPayload?: unknown }).sentPayload)
        : failureNote('submission', err);
    if (!firstDelivery && (await currentNote(dealId)) === note) return;
    deps.metrics.count(METRICS.failed);
    await raiseAlert(deps, 'submission-rejected', `ACE submission rejected (deal ${dealId})`, {
      dealId,
      catalog: settings.catalog,
      code: (err as { code?: string })?.code ?? 'UNKNOWN',
      fields: Object.keys((err as { fields?: object })?.fields ?? {}).join(',') || undefined,
    });
    try {
      await writeDeal(deps, dealId, { [DEAL_PROP.statusNote]: note }, msg.correlationId);
    } catch (writeErr) {
      logger.warn('failure note not written', { dealId, error: (writeErr as Error)?.name });
    }
  };

  return async (msg: QueueMessageV1, meta: DeliveryMeta): Promise<SubmitOutcome> => {
    if (msg.kind !== 'submit')
      throw new ValidationError(`submit queue got a ${msg.kind} message`, { code: 'WRONG_QUEUE' });
    if (msg.catalog !== settings.catalog)
      throw new CatalogMismatchError(
        `message for catalog ${msg.catalog} refused by a ${settings.catalog} deployment`
      );
    if (msg.propertyName !== DEAL_PROP.dealStage)
      return { status: 'skipped', reason: 'not a deal stage change' };
    if (msg.propertyValue !== undefined && !settings.submitStageIds.includes(msg.propertyValue))
      return { status: 'skipped', reason: 'not a submit stage' };
    try {
      return await run(msg, meta.receiveCount);
    } catch (err) {
      if (!isRetryable(err)) await reportFailure(msg, err, meta.receiveCount <= 1);
      throw err;
    }
  };
};

/** The submit use case's type. */
export type SubmitOpportunity = ReturnType<typeof makeSubmitOpportunity>;
