/** An attribute reference: `[schemaUrn:]attribute[.subAttribute]`, names as written by the client. */
export interface AttrPath {
  schema?: string;
  attribute: string;
  subAttribute?: string;
  /** Where the path starts in the filter's text (0-based), for the errors that name it. */
  position?: number;
}

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  | { kind: 'compare'; path: AttrPath; op: CompareOp; value: FilterValue }
  | { kind: 'present'; path: AttrPath }
  /** `emails[type eq "work"]`, optionally followed by `.value op x` (Entra ID's matching form). */
  | { kind: 'valuePath'; path: AttrPath; filter: Filter; then?: { subAttribute: string; op: CompareOp | 'pr'; value?: FilterValue } };

/** A PATCH path: `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, each optionally URN-prefixed. */
export interface PatchPath {
  path: AttrPath;
  filter?: Filter;
  /** Sub-attribute after a value filter: `emails[type eq "work"].value`. */
  subAttribute?: string;
}
