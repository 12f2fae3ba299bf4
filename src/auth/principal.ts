import { PatchResponse, Scope } from './entities/oauth-application.entity';

/** Who is calling: the application behind the bearer token, the user it acts as, and its tenant (the subscription; the company is tenancy's to know). */
export interface Principal {
  idApplication: number;
  clientId: string;
  scopes: Scope[];
  idUser: number;
  idSubscription: number;
  /** The acting user holds the admin permission (which passes to the heir when the user is deactivated). */
  isAdmin: boolean;
  /** How the application wants a SCIM Users PATCH answered. */
  patchResponse: PatchResponse;
}
