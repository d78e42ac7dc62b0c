// Route table of the HubSpot simulator: method, path pattern and the operation name used for call
// counts and fault injection. Handlers are resolved by operation in the simulator.
import type { RouteDefinition } from '../common/router';

const r = (method: string, pattern: string, operation: string): RouteDefinition => ({
  method,
  pattern,
  operation,
  // Dispatch happens by operation name in hubspot-simulator.ts.
  handle: () => ({ status: 500 }),
});

const OBJ = '/crm/v3/objects/:objectType';
const PROPS = '/crm/v3/properties/:objectType';
const PIPES = '/crm/v3/pipelines/:objectType';
const V4 = '/crm/v4/objects/:fromType/:fromId/associations';

export const HUBSPOT_ROUTES: RouteDefinition[] = [
  r('POST', `${OBJ}/batch/read`, 'batchRead'),
  r('POST', `${OBJ}/batch/create`, 'batchCreate'),
  r('POST', `${OBJ}/batch/update`, 'batchUpdate'),
  r('POST', `${OBJ}/batch/upsert`, 'batchUpsert'),
  r('POST', `${OBJ}/batch/archive`, 'batchArchive'),
  r('POST', `${OBJ}/search`, 'search'),
  r('GET', `${OBJ}/:id/associations/:toType`, 'associationsListV3'),
  r('POST', OBJ, 'createObject'),
  r('GET', OBJ, 'listObjects'),
  r('GET', `${OBJ}/:id`, 'getObject'),
  r('PATCH', `${OBJ}/:id`, 'updateObject'),
  r('DELETE', `${OBJ}/:id`, 'archiveObject'),
  r('PUT', `${V4}/default/:toType/:toId`, 'associationDefault'),
  r('PUT', `${V4}/:toType/:toId`, 'associationCreate'),
  r('DELETE', `${V4}/:toType/:toId`, 'associationArchive'),
  r('GET', `${V4}/:toType`, 'associationsListV4'),
  r('POST', '/crm/v4/associations/:fromType/:toType/batch/create', 'associationsBatchCreate'),
  r(
    'POST',
    '/crm/v4/associations/:fromType/:toType/batch/associate/default',
    'associationsBatchDefault'
  ),
  r('POST', '/crm/v4/associations/:fromType/:toType/batch/read', 'associationsBatchRead'),
  r('GET', `${PROPS}/groups`, 'groupsList'),
  r('POST', `${PROPS}/groups`, 'groupCreate'),
  r('GET', `${PROPS}/groups/:name`, 'groupGet'),
  r('PATCH', `${PROPS}/groups/:name`, 'groupUpdate'),
  r('DELETE', `${PROPS}/groups/:name`, 'groupArchive'),
  r('POST', `${PROPS}/batch/read`, 'propertiesBatchRead'),
  r('POST', `${PROPS}/batch/create`, 'propertiesBatchCreate'),
  r('GET', PROPS, 'propertiesList'),
  r('POST', PROPS, 'propertyCreate'),
  r('GET', `${PROPS}/:name`, 'propertyGet'),
  r('PATCH', `${PROPS}/:name`, 'propertyUpdate'),
  r('DELETE', `${PROPS}/:name`, 'propertyArchive'),
  r('GET', `${PIPES}/:pipelineId/stages`, 'stagesList'),
  r('POST', `${PIPES}/:pipelineId/stages`, 'stageCreate'),
  r('GET', `${PIPES}/:pipelineId/stages/:stageId`, 'stageGet'),
  r('PATCH', `${PIPES}/:pipelineId/stages/:stageId`, 'stageUpdate'),
  r('DELETE', `${PIPES}/:pipelineId/stages/:stageId`, 'stageArchive'),
  r('GET', PIPES, 'pipelinesList'),
  r('POST', PIPES, 'pipelineCreate'),
  r('GET', `${PIPES}/:pipelineId`, 'pipelineGet'),
  r('PATCH', `${PIPES}/:pipelineId`, 'pipelineUpdate'),
  r('DELETE', `${PIPES}/:pipelineId`, 'pipelineArchive'),
  r('GET', '/crm/v3/owners', 'ownersList'),
  r('GET', '/crm/v3/owners/:ownerId', 'ownerGet'),
];
