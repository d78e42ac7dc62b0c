// Pipeline id and stage ids come from configuration (prior-art §22 Q11): the pipeline is named by its
// label, and stage ids are either configured explicitly or resolved once per container by label from
// the HubSpot pipelines API. A missing pipeline or stage is a configuration error, reported once with
// every missing label, pointing at `govwin-ace setup-hubspot`.
import {
  ConfigError,
  GOVWIN_STAGES,
  type GovWinStageKey,
  type HubSpotClient,
  type PipelineTarget,
} from '@govwin-ace/shared-core';

/** The pipeline part of the sync configuration. */
export interface PipelineConfig {
  /** Pipeline label, e.g. `GovWin Pipeline`. */
  label: string;
  /** Pipeline id, when known (skips the lookup by label). */
  pipelineId?: string;
  /** Explicit stage ids by stage key; the rest are looked up by label. */
  stageIds?: Partial<Record<GovWinStageKey, string>>;
}

/**
 * A resolved pipeline: where deals go, and which stage ids the sync may move deals out of — the open
 * GovWin stages only. A deal in a closed stage (won, lost, declined) or in a stage the ACE flow owns is
 * never moved by a later GovWin update.
 */
export interface ResolvedPipeline extends PipelineTarget {
  managedStageIds: ReadonlySet<string>;
}

/**
 * Returns a memoised resolver (a failure is not cached, so the next call tries again).
 * @example const pipeline = makePipelineResolver({ hubspot, config }); const { stageIds } = await pipeline();
 */
export const makePipelineResolver = (deps: {
  hubspot: Pick<HubSpotClient, 'listPipelines'>;
  config: PipelineConfig;
}): (() => Promise<ResolvedPipeline>) => {
  let cached: Promise<ResolvedPipeline> | undefined;
  const resolve = async (): Promise<ResolvedPipeline> => {
    const configured = deps.config.stageIds ?? {};
    const complete = GOVWIN_STAGES.every((s) => configured[s.key] !== undefined);
    if (deps.config.pipelineId !== undefined && complete) {
      return finish(deps.config.pipelineId, configured as Record<GovWinStageKey, string>);
    }
    const pipelines = await deps.hubspot.listPipelines();
    const pipeline = pipelines.find((p) =>
      deps.config.pipelineId !== undefined
        ? p.id === deps.config.pipelineId
        : p.label === deps.config.label
    );
    if (!pipeline) {
      throw new ConfigError(
        `HubSpot deal pipeline "${deps.config.label}" not found; run \`govwin-ace setup-hubspot\` or fix the pipeline configuration`
      );
    }
    const stageIds: Partial<Record<GovWinStageKey, string>> = {};
    const missing: string[] = [];
    for (const stage of GOVWIN_STAGES) {
      const id =
        configured[stage.key] ??
        pipeline.stages.find((s) => s.label === stage.label && !s.archived)?.id;
      if (id === undefined) missing.push(stage.label);
      else stageIds[stage.key] = id;
    }
    if (missing.length > 0) {
      throw new ConfigError(
        `HubSpot pipeline "${pipeline.label}" lacks stages ${missing.map((m) => `"${m}"`).join(', ')}; run \`govwin-ace setup-hubspot\``
      );
    }
    return finish(pipeline.id, stageIds as Record<GovWinStageKey, string>);
  };
  const finish = (
    pipelineId: string,
    stageIds: Record<GovWinStageKey, string>
  ): ResolvedPipeline => ({
    pipelineId,
    stageIds,
    managedStageIds: new Set(GOVWIN_STAGES.filter((s) => !s.isClosed).map((s) => stageIds[s.key])),
  });
  return () => {
    cached ??= resolve().catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
};
