import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/driver-errors';
import { AppError, ErrorCode, notFound } from '../common/errors/app-error';
import { Principal } from '../auth/principal';
import { AdminScopes } from '../tenancy/admin-scope';
import { CreateUserPropertyDto, DEFAULT_PROPERTY_LENGTH, UpdateUserPropertyDto, UserPropertyView } from './dto/user-property.dto';
import { UserPropertyDefinition } from './entities/user-property-definition.entity';
import { PROPERTIES_SCHEMA, UserPropertyDefinitions } from './user-property-definitions';
import { UserPropertyRepository } from './user-property.repository';

/** Properties one subscription may define. */
export const MAX_DEFINITIONS = 100;

/** Administration of a subscription's custom user properties (any subscription of the caller's company). */
@Injectable()
export class UserPropertiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: UserPropertyRepository,
    private readonly scopes: AdminScopes,
    private readonly cache: UserPropertyDefinitions,
  ) {}

  async list(principal: Principal, subscriptionId: string): Promise<UserPropertyView[]> {
    const idSubscription = await this.subscription(principal, subscriptionId);
    return (await this.definitions.list(idSubscription)).map(view);
  }

  async get(principal: Principal, subscriptionId: string, name: string): Promise<UserPropertyView> {
    return view(await this.find(await this.subscription(principal, subscriptionId), name));
  }

  async create(principal: Principal, subscriptionId: string, dto: CreateUserPropertyDto): Promise<UserPropertyView> {
    const idSubscription = await this.subscription(principal, subscriptionId);
    if (dto.maxLength !== undefined && dto.type !== 'string')
      throw new AppError(ErrorCode.InvalidValue, 'maxLength applies to string properties only');
    const now = new Date();
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        await this.definitions.lockSubscription(idSubscription, manager);
        if ((await this.definitions.list(idSubscription, manager)).length >= MAX_DEFINITIONS) {
          throw new AppError(ErrorCode.InvalidValue, `A subscription defines at most ${MAX_DEFINITIONS} user properties`);
        }
        if (await this.definitions.find(idSubscription, dto.name, manager)) throw duplicate(dto.name);
        // Values stored under this name before (the deprecated properties list) must fit the type.
        if ((await this.definitions.countValues(idSubscription, dto.name, manager)) > 0 && dto.type !== 'string') {
          throw new AppError(
            ErrorCode.Uniqueness,
            `Users of this subscription already hold "${dto.name}" in the properties list; define it as a string, or remove those values first`,
          );
        }
        return this.definitions.save(
          Object.assign(new UserPropertyDefinition(), {
            idSubscription,
            name: dto.name,
            nameKey: dto.name.toLowerCase(),
            type: dto.type,
            maxLength: dto.type === 'string' ? (dto.maxLength ?? DEFAULT_PROPERTY_LENGTH) : null,
            required: dto.required ?? false,
            caseExact: dto.caseExact ?? false,
            description: dto.description ?? null,
            createdAt: now,
            updatedAt: now,
          }),
          manager,
        );
      });
      this.cache.changed(idSubscription);
      return view(created);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate(dto.name);
      throw error;
    }
  }

  /** The type, and a lower maxLength, change only while no user holds a value: stored values always fit their definition. */
  async update(principal: Principal, subscriptionId: string, name: string, dto: UpdateUserPropertyDto): Promise<UserPropertyView> {
    const idSubscription = await this.subscription(principal, subscriptionId);
    const updated = await this.dataSource.transaction(async (manager) => {
      await this.definitions.lockSubscription(idSubscription, manager);
      const definition = await this.find(idSubscription, name, manager);
      const type = dto.type ?? definition.type;
      const narrows =
        (dto.type !== undefined && dto.type !== definition.type) ||
        (dto.maxLength !== undefined && dto.maxLength < (definition.maxLength ?? 0));
      if (narrows && (await this.definitions.countValues(idSubscription, definition.name, manager)) > 0) {
        throw new AppError(
          ErrorCode.Uniqueness,
          `Users hold values of "${definition.name}": its type cannot change and its maxLength cannot be lowered`,
        );
      }
      if (dto.maxLength !== undefined && type !== 'string')
        throw new AppError(ErrorCode.InvalidValue, 'maxLength applies to string properties only');
      definition.type = type;
      definition.maxLength = type === 'string' ? (dto.maxLength ?? definition.maxLength ?? DEFAULT_PROPERTY_LENGTH) : null;
      if (dto.required !== undefined) definition.required = dto.required;
      if (dto.caseExact !== undefined) definition.caseExact = dto.caseExact;
      if (dto.description !== undefined) definition.description = dto.description || null;
      definition.updatedAt = new Date();
      return this.definitions.save(definition, manager);
    });
    this.cache.changed(idSubscription);
    return view(updated);
  }

  /** A property users hold values of is deleted only with `force`, which deletes the values in the same transaction. */
  async remove(principal: Principal, subscriptionId: string, name: string, force: boolean): Promise<void> {
    const idSubscription = await this.subscription(principal, subscriptionId);
    await this.dataSource.transaction(async (manager) => {
      await this.definitions.lockSubscription(idSubscription, manager);
      const definition = await this.find(idSubscription, name, manager);
      const values = await this.definitions.countValues(idSubscription, definition.name, manager);
      if (values > 0 && !force) {
        throw new AppError(
          ErrorCode.Uniqueness,
          `${values} user(s) hold a value of "${definition.name}"; delete with ?force=true to delete the values too`,
        );
      }
      if (values > 0) await this.definitions.deleteValues(idSubscription, definition.name, manager);
      await this.definitions.remove(definition, manager);
    });
    this.cache.changed(idSubscription);
  }

  private async subscription(principal: Principal, subscriptionId: string): Promise<number> {
    return (await this.scopes.resolve(principal, subscriptionId)).idSubscription;
  }

  private async find(
    idSubscription: number,
    name: string,
    manager?: Parameters<UserPropertyRepository['find']>[2],
  ): Promise<UserPropertyDefinition> {
    const definition = await this.definitions.find(idSubscription, name, manager);
    if (!definition) throw notFound(`User property ${name}`);
    return definition;
  }
}

function duplicate(name: string): AppError {
  return new AppError(
    ErrorCode.Uniqueness,
    `The subscription already defines a user property "${name}" (names compare without letter case)`,
  );
}

function view(d: UserPropertyDefinition): UserPropertyView {
  return {
    name: d.name,
    type: d.type,
    maxLength: d.maxLength,
    required: d.required,
    caseExact: d.caseExact,
    description: d.description,
    scimPath: `${PROPERTIES_SCHEMA}:${d.name}`,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
