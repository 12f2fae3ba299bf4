import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode, notFound } from '../common/errors/app-error';
import { PageOf } from '../common/dto/page-query.dto';
import { AdminScope } from '../tenancy/admin-scope';
import { WFUserRepository } from '../users/wf-user.repository';
import { Principal } from '../auth/principal';
import { ApplicationView, ApplicationWithSecretView } from './dto/application.view';
import { CreateApplicationDto } from './dto/create-application.dto';
import { UpdateApplicationDto } from './dto/update-application.dto';
import { GrantType, OAuthApplication, PatchResponse, Scope, SCOPES } from '../auth/entities/oauth-application.entity';
import { OAuthApplicationRepository } from './oauth-application.repository';
import { generateClientId, generateSecret, hashSecret } from '../auth/secrets';
import { TokenResolverService } from '../auth/token-resolver.service';

export interface RegisterApplication {
  idSubscription: number;
  idUser: number;
  name: string;
  grantType: GrantType;
  allowedScopes: Scope[];
  tokenLifetimeSeconds: number;
  patchResponse?: PatchResponse;
}

/** Administration of OAuth applications, in one subscription of the caller's company at a time. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: OAuthApplicationRepository,
    private readonly users: WFUserRepository,
    private readonly tokens: TokenResolverService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registers an application in the scope's subscription, acting as `userName` there (default: the caller's own user). */
  async create(principal: Principal, scope: AdminScope, dto: CreateApplicationDto): Promise<ApplicationWithSecretView> {
    const user = dto.userName
      ? await this.users.findByUserName(scope.idSubscription, dto.userName)
      : (await this.users.findByIdsInAnySubscription([principal.idUser]))[0];
    if (!user) throw new AppError(ErrorCode.InvalidValue, `userName "${dto.userName}" is not a user of that subscription`);
    const subscription = { idSubscription: scope.idSubscription, guidSubscription: scope.subscriptionId };
    const created = await this.dataSource.transaction((manager) =>
      this.register(
        {
          idSubscription: subscription.idSubscription,
          idUser: user.idUser,
          name: dto.name,
          grantType: dto.grantType,
          allowedScopes: dto.allowedScopes,
          tokenLifetimeSeconds: dto.tokenLifetimeSeconds ?? (dto.grantType === 'bearer_token' ? 0 : 3600),
          patchResponse: dto.patchResponse,
        },
        manager,
      ),
    );
    return {
      ...this.view(created.application, user.userName, subscription.guidSubscription),
      clientSecret: created.clientSecret,
      ...this.secretExpiry(created),
    };
  }

  /** Creates an application and its first secret inside the caller's transaction (also used by the bootstrap command). */
  async register(
    input: RegisterApplication,
    manager: EntityManager,
  ): Promise<{ application: OAuthApplication; clientSecret: string; secretExpiresAt: Date | null }> {
    this.checkLifetime(input.allowedScopes, input.tokenLifetimeSeconds);
    const now = new Date();
    const clientSecret = generateSecret();
    const application = await this.applications.save(
      Object.assign(new OAuthApplication(), {
        guidApplication: randomUUID(),
        idSubscription: input.idSubscription,
        name: input.name,
        clientId: generateClientId(),
        clientSecretHash: hashSecret(clientSecret),
        grantType: input.grantType,
        allowedScopes: sortScopes(input.allowedScopes),
        idUser: input.idUser,
        tokenLifetimeSeconds: input.tokenLifetimeSeconds,
        patchResponse: input.patchResponse ?? 'resource',
        createdAt: now,
        updatedAt: now,
        revokedAt: null,
      }),
      manager,
    );
    const secretExpiresAt = await this.storeSecretToken(application, clientSecret, now, manager);
    return { application, clientSecret, secretExpiresAt };
  }

  async list(scope: AdminScope, offset: number, limit: number): Promise<PageOf<ApplicationView>> {
    const [applications, total] = await this.applications.list([scope.idSubscription], offset, limit);
    const users = await this.users.findByIdsInAnySubscription(applications.map((a) => a.idUser));
    const names = new Map(users.map((u) => [u.idUser, u.userName]));
    return { total, offset, limit, items: applications.map((a) => this.view(a, names.get(a.idUser) ?? '', scope.subscriptionId)) };
  }

  async get(scope: AdminScope, id: string): Promise<ApplicationView> {
    return this.describe(await this.find(scope, id), scope);
  }

  async update(scope: AdminScope, id: string, dto: UpdateApplicationDto): Promise<ApplicationView> {
    const application = await this.find(scope, id);
    if (dto.name !== undefined) application.name = dto.name;
    if (dto.allowedScopes !== undefined) application.allowedScopes = sortScopes(dto.allowedScopes);
    if (dto.tokenLifetimeSeconds !== undefined) application.tokenLifetimeSeconds = dto.tokenLifetimeSeconds;
    if (dto.patchResponse !== undefined) application.patchResponse = dto.patchResponse;
    this.checkLifetime(application.allowedScopes.split(' '), application.tokenLifetimeSeconds);
    application.updatedAt = new Date();
    await this.applications.save(application);
    this.tokens.forgetAll();
    return this.describe(application, scope);
  }

  /** A new secret; the old one and every token issued with it stop working at once. */
  async rotateSecret(scope: AdminScope, id: string): Promise<ApplicationWithSecretView> {
    const application = await this.find(scope, id);
    const clientSecret = generateSecret();
    const now = new Date();
    const secretExpiresAt = await this.dataSource.transaction(async (manager) => {
      await this.applications.deleteTokens(application.idApplication, manager);
      application.clientSecretHash = hashSecret(clientSecret);
      application.updatedAt = now;
      await this.applications.save(application, manager);
      return this.storeSecretToken(application, clientSecret, now, manager);
    });
    this.tokens.forgetAll();
    return { ...(await this.describe(application, scope)), clientSecret, ...this.secretExpiry({ secretExpiresAt }) };
  }

  /** Deletes the application; every token it was issued stops working at once. */
  async remove(scope: AdminScope, id: string): Promise<void> {
    const application = await this.find(scope, id);
    await this.dataSource.transaction(async (manager) => {
      await this.applications.deleteTokens(application.idApplication, manager);
      application.revokedAt = new Date();
      await this.applications.save(application, manager);
    });
    this.tokens.forgetAll();
  }

  /** An application of the scope's subscription; any other answers 404. */
  private async find(scope: AdminScope, id: string): Promise<OAuthApplication> {
    const application = await this.applications.findByGuid([scope.idSubscription], id.toLowerCase());
    if (!application) throw notFound(`Application ${id}`);
    return application;
  }

  /** OAUTH_ALLOW_NON_EXPIRING_API=false: the `api` scope needs credentials that expire. */
  private checkLifetime(scopes: readonly string[], lifetimeSeconds: number): void {
    if (!this.config.oauth.allowNonExpiringApi && lifetimeSeconds === 0 && scopes.includes('api')) {
      throw new AppError(
        ErrorCode.InvalidValue,
        'Credentials with the api scope must expire on this service (OAUTH_ALLOW_NON_EXPIRING_API=false): give tokenLifetimeSeconds above 0, or leave out api',
      );
    }
  }

  private async describe(application: OAuthApplication, scope: AdminScope): Promise<ApplicationView> {
    const [user] = await this.users.findByIdsInAnySubscription([application.idUser]);
    return this.view(application, user?.userName ?? '', scope.subscriptionId);
  }

  /** A bearer_token application's secret is a bearer token: store its hash as one. */
  private async storeSecretToken(application: OAuthApplication, secret: string, now: Date, manager: EntityManager): Promise<Date | null> {
    if (application.grantType !== 'bearer_token') return null;
    const lifetime = application.tokenLifetimeSeconds;
    const expiresAt = lifetime > 0 ? new Date(now.getTime() + lifetime * 1000) : null;
    await this.applications.insertToken(
      {
        tokenHash: hashSecret(secret),
        idApplication: application.idApplication,
        scopes: application.allowedScopes,
        isClientSecret: true,
        expiresAt,
        createdAt: now,
      },
      manager,
    );
    return expiresAt;
  }

  private secretExpiry({ secretExpiresAt }: { secretExpiresAt: Date | null }): { secretExpiresAt?: string } {
    return secretExpiresAt ? { secretExpiresAt: secretExpiresAt.toISOString() } : {};
  }

  private view(application: OAuthApplication, userName: string, subscriptionId: string): ApplicationView {
    return {
      id: application.guidApplication,
      subscriptionId,
      name: application.name,
      clientId: application.clientId,
      grantType: application.grantType,
      allowedScopes: application.allowedScopes.split(' ') as Scope[],
      userName,
      tokenLifetimeSeconds: application.tokenLifetimeSeconds,
      patchResponse: application.patchResponse ?? 'resource',
      createdAt: application.createdAt.toISOString(),
      updatedAt: application.updatedAt.toISOString(),
      lastUsedAt: application.lastUsedAt ? application.lastUsedAt.toISOString() : null,
    };
  }
}

function sortScopes(scopes: Scope[]): string {
  return SCOPES.filter((s) => scopes.includes(s)).join(' ');
}
