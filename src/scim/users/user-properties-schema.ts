import { UserPropertyDefinition } from '../../user-properties/entities/user-property-definition.entity';
import { PROPERTIES_SCHEMA } from '../../user-properties/user-property-definitions';
import { AttributeDef, SchemaDef } from '../schema/scim-schemas';

/**
 * A subscription's custom user properties as a SCIM extension schema: one attribute each, with
 * the definition's type, length, required and caseExact. Entra ID's attribute mapping targets
 * them as `urn:usersync:params:scim:schemas:extension:properties:2.0:User:<name>`.
 */
export function propertiesExtension(definitions: readonly UserPropertyDefinition[]): SchemaDef {
  return {
    id: PROPERTIES_SCHEMA,
    name: 'UserProperties',
    description: "The subscription's custom user properties",
    attributes: definitions.map((d): AttributeDef => ({
      name: d.name,
      type: d.type,
      multiValued: false,
      description: d.description ?? `Custom user property ${d.name}`,
      required: d.required,
      caseExact: d.caseExact,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
      ...(d.type === 'string' && d.maxLength !== null ? { maxLength: d.maxLength } : {}),
    })),
  };
}

/**
 * The text a typed value is stored as: numbers in plain decimal notation, booleans as true/false,
 * date-times in UTC ISO 8601 with milliseconds — one spelling each, so equal values are equal text
 * and date-times sort as text.
 */
export function propertyText(definition: UserPropertyDefinition, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  switch (definition.type) {
    case 'integer':
      // A filter may compare an integer property with 1.5: that text matches no stored integer.
      return Number.isInteger(value) ? BigInt(value as number).toString() : String(value);
    case 'decimal':
      return plainDecimal(value as number);
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'dateTime':
      return new Date(value as string).toISOString();
    default:
      return String(value);
  }
}

/** A stored value as SCIM answers it, of the definition's type (null when it does not read as one). */
export function propertyValue(definition: UserPropertyDefinition, text: string | null): unknown {
  if (text === null) return null;
  switch (definition.type) {
    case 'integer':
    case 'decimal': {
      const number = Number(text);
      return text.trim() !== '' && Number.isFinite(number) ? number : null;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : null;
    default:
      return text;
  }
}

/** A decimal without an exponent (1e-7 → "0.0000001"), as every database's DECIMAL cast reads it. */
function plainDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
