import { TenancyAndUsers1763900000000 } from './1763900000000-TenancyAndUsers';

/** Every migration in order; listed by class so the same list serves the service, the CLI and ts-node. */
export const MIGRATIONS = [TenancyAndUsers1763900000000];
