import { ActivityOperation } from '../activity/entities/provisioning-activity.entity';

export interface ScimRequestKind {
  /** `User`, `Group`, `All` (the root's .search), the discovery endpoint, or `Other`. */
  resourceType: string;
  operation: ActivityOperation;
  /** The id in the path (`/Users/{id}`). */
  resourceId?: string;
}

const RESOURCE_TYPES: Record<string, string> = {
  users: 'User',
  groups: 'Group',
  schemas: 'Schemas',
  resourcetypes: 'ResourceTypes',
  serviceproviderconfig: 'ServiceProviderConfig',
  bulk: 'Bulk',
  me: 'Me',
  '.search': 'All',
  '': 'All',
};

/**
 * What a SCIM request is, from its method and its path below /scim/v2: a bounded set of names,
 * used as metric labels and in the provisioning activity of refused requests.
 */
export function scimRequestKind(method: string, pathBelowBase: string): ScimRequestKind {
  const segments = pathBelowBase.split('/').filter((s, i) => i > 0 || s !== '');
  const resourceType = RESOURCE_TYPES[(segments[0] ?? '').toLowerCase()] ?? 'Other';
  const second = segments[1];
  const isSearch = segments[0] === '.search' || second === '.search';
  const resourceId = second !== undefined && second !== '.search' && segments.length === 2 ? safeDecode(second) : undefined;
  let operation: ScimRequestKind['operation'];
  switch (method) {
    case 'GET':
    case 'HEAD':
      operation = resourceId ? 'read' : 'search';
      break;
    case 'POST':
      operation = isSearch ? 'search' : 'create';
      break;
    case 'PUT':
      operation = 'replace';
      break;
    case 'PATCH':
      operation = 'update';
      break;
    case 'DELETE':
      operation = 'delete';
      break;
    default:
      operation = 'other';
  }
  return { resourceType, operation, resourceId };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
