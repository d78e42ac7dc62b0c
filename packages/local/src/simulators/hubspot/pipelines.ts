// Deal pipelines and stages (external-apis.md §2.4 "Pipelines and stages"). The default pipeline
// has id `default` and HubSpot's standard stage ids; new pipelines and stages get numeric ids.
// Deal stages need `metadata.probability` ("0.0"-"1.0").
import { notFoundError, validationError } from './errors';

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  writePermissions: string;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface StageInput {
  id?: string;
  label: string;
  displayOrder?: number;
  metadata: Record<string, string>;
}

export interface PipelineInput {
  id?: string;
  label: string;
  displayOrder?: number;
  stages: StageInput[];
}

const DEFAULT_STAGES: Array<[string, string, string, string]> = [
  ['appointmentscheduled', 'Appointment Scheduled', '0.2', 'false'],
  ['qualifiedtobuy', 'Qualified To Buy', '0.4', 'false'],
  ['presentationscheduled', 'Presentation Scheduled', '0.6', 'false'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', '0.8', 'false'],
  ['contractsent', 'Contract Sent', '0.9', 'false'],
  ['closedwon', 'Closed Won', '1.0', 'true'],
  ['closedlost', 'Closed Lost', '0.0', 'true'],
];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const readStageInput = (raw: unknown, where: string): StageInput => {
  if (!isRecord(raw) || typeof raw.label !== 'string' || raw.label === '') {
    throw validationError(`${where}: label is required`);
  }
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const probability = metadata.probability;
  if (typeof probability !== 'string' || !(Number(probability) >= 0 && Number(probability) <= 1)) {
    throw validationError(
      `${where}: metadata.probability is required for deal stages ("0.0"-"1.0")`
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) out[k] = String(v);
  return {
    label: raw.label,
    metadata: out,
    ...(typeof raw.displayOrder === 'number' ? { displayOrder: raw.displayOrder } : {}),
  };
};

export const makePipelineStore = (nextId: () => string, now: () => string) => {
  const pipelines = new Map<string, Pipeline>();
  const stage = (id: string, input: StageInput, order: number): PipelineStage => ({
    id,
    label: input.label,
    displayOrder: input.displayOrder ?? order,
    metadata: { isClosed: 'false', ...input.metadata },
    createdAt: now(),
    updatedAt: now(),
    archived: false,
    writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
  });
  const create = (input: PipelineInput): Pipeline => {
    const p: Pipeline = {
      id: input.id ?? nextId(),
      label: input.label,
      displayOrder: input.displayOrder ?? pipelines.size,
      stages: input.stages.map((s, i) => stage(s.id ?? nextId(), s, i)),
      createdAt: now(),
      updatedAt: now(),
      archived: false,
    };
    pipelines.set(p.id, p);
    return p;
  };
  const get = (id: string): Pipeline => {
    const p = pipelines.get(id);
    if (!p || p.archived) throw notFoundError(`Unable to find pipeline ${id}`);
    return p;
  };
  create({
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    stages: DEFAULT_STAGES.map(([id, label, probability, isClosed]) => ({
      id,
      label,
      metadata: { probability, isClosed },
    })),
  });

  return {
    get,
    list: () => [...pipelines.values()].filter((p) => !p.archived),
    has: (id: string) => pipelines.get(id)?.archived === false,
    /** True when `stageId` is a live stage of pipeline `pipelineId`. */
    hasStage: (pipelineId: string, stageId: string) =>
      pipelines.get(pipelineId)?.stages.some((s) => s.id === stageId && !s.archived) ?? false,
    firstStage: (pipelineId: string) =>
      pipelines.get(pipelineId)?.stages.find((s) => !s.archived)?.id,
    create,
    parseCreate: (body: unknown): PipelineInput => {
      if (!isRecord(body) || typeof body.label !== 'string' || body.label === '') {
        throw validationError('label is required');
      }
      if (!Array.isArray(body.stages) || body.stages.length === 0) {
        throw validationError('a pipeline needs at least one stage');
      }
      if ([...pipelines.values()].some((p) => !p.archived && p.label === body.label)) {
        throw validationError(`A pipeline with label ${body.label} already exists`);
      }
      return {
        label: body.label,
        ...(typeof body.displayOrder === 'number' ? { displayOrder: body.displayOrder } : {}),
        stages: body.stages.map((s, i) => readStageInput(s, `stages[${i}]`)),
      };
    },
    update: (id: string, body: unknown): Pipeline => {
      const p = get(id);
      if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
      if (typeof body.label === 'string' && body.label !== '') p.label = body.label;
      if (typeof body.displayOrder === 'number') p.displayOrder = body.displayOrder;
      if (body.archived === false) p.archived = false;
      p.updatedAt = now();
      return p;
    },
    archive: (id: string) => {
      if (id === 'default') throw validationError('The default pipeline cannot be deleted');
      get(id).archived = true;
    },
    getStage: (pipelineId: string, stageId: string): PipelineStage => {
      const s = get(pipelineId).stages.find((x) => x.id === stageId && !x.archived);
      if (!s) throw notFoundError(`Unable to find stage ${stageId} in pipeline ${pipelineId}`);
      return s;
    },
    createStage: (pipelineId: string, body: unknown): PipelineStage => {
      const p = get(pipelineId);
      const s = stage(nextId(), readStageInput(body, 'stage'), p.stages.length);
      p.stages.push(s);
      p.updatedAt = now();
      return s;
    },
    updateStage: (pipelineId: string, stageId: string, body: unknown): PipelineStage => {
      const p = get(pipelineId);
      const s = p.stages.find((x) => x.id === stageId && !x.archived);
      if (!s) throw notFoundError(`Unable to find stage ${stageId} in pipeline ${pipelineId}`);
      if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
      if (typeof body.label === 'string' && body.label !== '') s.label = body.label;
      if (typeof body.displayOrder === 'number') s.displayOrder = body.displayOrder;
      if (isRecord(body.metadata)) {
        for (const [k, v] of Object.entries(body.metadata)) s.metadata[k] = String(v);
      }
      s.updatedAt = now();
      return s;
    },
    archiveStage: (pipelineId: string, stageId: string) => {
      const p = get(pipelineId);
      const s = p.stages.find((x) => x.id === stageId && !x.archived);
      if (!s) throw notFoundError(`Unable to find stage ${stageId} in pipeline ${pipelineId}`);
      s.archived = true;
    },
  };
};

export type PipelineStore = ReturnType<typeof makePipelineStore>;

export const pipelineWire = (p: Pipeline) => ({
  id: p.id,
  label: p.label,
  displayOrder: p.displayOrder,
  stages: p.stages.filter((s) => !s.archived),
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  archived: p.archived,
});
