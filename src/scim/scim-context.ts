import { Principal } from '../auth/principal';

/** Who asks, and the absolute base URL of /scim/v2 for `meta.location` and `$ref`. */
export interface ScimContext {
  principal: Principal;
  baseUrl: string;
  /** `PATCH /scim/v2/Users/{id}`: recorded in the ownership audit. */
  trigger: string;
  requestId?: string;
}
