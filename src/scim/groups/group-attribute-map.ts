import { WFGroupMember } from '../../users/entities/wf-group-member.entity';
import { WFUser } from '../../users/entities/wf-user.entity';
import { AttrPath } from '../filter/filter.ast';
import { AttributeMapping, ColumnRef, ResourceMapping } from '../filter/filter-sql';
import { GROUP_SCHEMA } from '../schema/scim-schemas';

const COLUMNS: Record<string, ColumnRef> = {
  id: { column: 'guidGroup', type: 'string', caseExact: true },
  externalid: { column: 'externalId', type: 'string', caseExact: true },
  displayname: { column: 'displayName', type: 'string', caseExact: false, key: 'displayNameKey' },
  'meta.created': { column: 'createdAt', type: 'dateTime', caseExact: true },
  'meta.lastmodified': { column: 'updatedAt', type: 'dateTime', caseExact: true },
};

const MEMBERS: AttributeMapping = {
  kind: 'children',
  table: WFGroupMember,
  foreignKey: 'idGroup',
  join: { table: WFUser, on: ['idUser', 'idUser'] },
  subAttributes: {
    value: { column: 'guidUser', type: 'string', caseExact: true },
    // As answered: the display the client sent, else the user's displayName.
    display: { column: 'display', type: 'string', caseExact: false, orJoined: 'fullName' },
  },
};

export const GROUP_MAPPING: ResourceMapping = {
  alias: 'g',
  primaryKey: 'idGroup',
  resolve(path: AttrPath) {
    if (path.schema && path.schema.toLowerCase() !== GROUP_SCHEMA.toLowerCase()) return undefined;
    const attribute = path.attribute.toLowerCase();
    const sub = path.subAttribute?.toLowerCase();
    const column = COLUMNS[sub ? `${attribute}.${sub}` : attribute];
    if (column) return { mapping: { kind: 'column', ref: column } };
    if (attribute === 'members') return { mapping: MEMBERS, subAttribute: path.subAttribute };
    return undefined;
  },
};

export function groupSortColumn(path: AttrPath): string | undefined {
  const found = GROUP_MAPPING.resolve(path);
  return found?.mapping.kind === 'column' ? (found.mapping.ref.key ?? found.mapping.ref.column) : undefined;
}
