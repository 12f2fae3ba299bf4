import { TenancyAndUsers1763900000000 } from './1763900000000-TenancyAndUsers';
import { OAuth21763900001000 } from './1763900001000-OAuth2';
import { ScimValuesAndGroups1763900002000 } from './1763900002000-ScimValuesAndGroups';
import { Ownership1763900003000 } from './1763900003000-Ownership';
import { ScimClientAnswers1763900004000 } from './1763900004000-ScimClientAnswers';
import { AuditAnyAmount1763900005000 } from './1763900005000-AuditAnyAmount';
import { ProvisioningActivity1763900006000 } from './1763900006000-ProvisioningActivity';
import { UserPropertyDefinitions1763900007000 } from './1763900007000-UserPropertyDefinitions';
import { UserPropertyValueKey1763900008000 } from './1763900008000-UserPropertyValueKey';
import { ResourceCounts1763900009000 } from './1763900009000-ResourceCounts';

/** Every migration in order; listed by class so the same list serves the service, the CLI and ts-node. */
export const MIGRATIONS = [
  TenancyAndUsers1763900000000,
  OAuth21763900001000,
  ScimValuesAndGroups1763900002000,
  Ownership1763900003000,
  ScimClientAnswers1763900004000,
  AuditAnyAmount1763900005000,
  ProvisioningActivity1763900006000,
  UserPropertyDefinitions1763900007000,
  UserPropertyValueKey1763900008000,
  ResourceCounts1763900009000,
];
