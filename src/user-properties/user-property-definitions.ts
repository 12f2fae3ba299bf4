import { Injectable } from '@nestjs/common';
import { UserPropertyDefinition } from './entities/user-property-definition.entity';
import { UserPropertyRepository } from './user-property.repository';

/** The extension schema whose attributes are a subscription's custom user properties. */
export const PROPERTIES_SCHEMA = 'urn:usersync:params:scim:schemas:extension:properties:2.0:User';

/** How long an instance may serve definitions it read: the longest a change made on another instance takes to be seen. */
const CACHE_MS = 5000;
const MAX_CACHED = 10_000;

/**
 * A subscription's property definitions as SCIM reads them on every request (its /Schemas, the
 * validation and mapping of its users): read once, kept a few seconds, dropped at once on this
 * instance when an administrator changes them.
 */
@Injectable()
export class UserPropertyDefinitions {
  private readonly cache = new Map<number, { definitions: Promise<UserPropertyDefinition[]>; until: number }>();

  constructor(private readonly repository: UserPropertyRepository) {}

  forSubscription(idSubscription: number): Promise<UserPropertyDefinition[]> {
    const now = Date.now();
    const cached = this.cache.get(idSubscription);
    if (cached && cached.until > now) return cached.definitions;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    const definitions = this.repository.list(idSubscription);
    this.cache.set(idSubscription, { definitions, until: now + CACHE_MS });
    // A failed read is not kept: the next request asks again.
    definitions.catch(() => this.cache.delete(idSubscription));
    return definitions;
  }

  changed(idSubscription: number): void {
    this.cache.delete(idSubscription);
  }
}
