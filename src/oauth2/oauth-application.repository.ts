import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { AccessToken } from '../auth/entities/access-token.entity';
import { OAuthApplication } from '../auth/entities/oauth-application.entity';

/** Applications and their tokens; revoked applications are invisible to every lookup. */
@Injectable()
export class OAuthApplicationRepository {
  constructor(
    @InjectRepository(OAuthApplication) private readonly applications: Repository<OAuthApplication>,
    @InjectRepository(AccessToken) private readonly tokens: Repository<AccessToken>,
  ) {}

  findByClientId(clientId: string): Promise<OAuthApplication | null> {
    return this.applications.findOneBy({ clientId, revokedAt: IsNull() });
  }

  /** An application of any subscription of the company (administration is company-wide). */
  findByGuid(idSubscriptions: number[], guidApplication: string): Promise<OAuthApplication | null> {
    return this.applications.findOneBy({ idSubscription: In(idSubscriptions), guidApplication, revokedAt: IsNull() });
  }

  /** Deleted applications too: the activity they left still names them. */
  findByGuidIncludingRevoked(idSubscription: number, guidApplication: string): Promise<OAuthApplication | null> {
    return this.applications.findOneBy({ idSubscription, guidApplication });
  }

  findByIdsIncludingRevoked(idApplications: number[]): Promise<OAuthApplication[]> {
    return idApplications.length ? this.applications.findBy({ idApplication: In(idApplications) }) : Promise.resolve([]);
  }

  /** The live applications of one subscription, oldest first (bounded: an overview shows at most `limit`). */
  ofSubscription(idSubscription: number, limit: number): Promise<OAuthApplication[]> {
    return this.applications.find({ where: { idSubscription, revokedAt: IsNull() }, order: { idApplication: 'ASC' }, take: limit });
  }

  list(idSubscriptions: number[], offset: number, limit: number): Promise<[OAuthApplication[], number]> {
    return this.applications.findAndCount({
      where: { idSubscription: In(idSubscriptions), revokedAt: IsNull() },
      order: { idApplication: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  save(application: OAuthApplication, manager?: EntityManager): Promise<OAuthApplication> {
    return (manager?.getRepository(OAuthApplication) ?? this.applications).save(application);
  }

  insertToken(token: Omit<AccessToken, 'idToken'>, manager?: EntityManager): Promise<AccessToken> {
    return (manager?.getRepository(AccessToken) ?? this.tokens).save(token);
  }

  /** Every token of the application stops working (rotation, deletion). */
  async deleteTokens(idApplication: number, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(AccessToken) ?? this.tokens).delete({ idApplication });
  }

  /** Deletes expired tokens of the application; called when it is issued a new one, so the table does not grow without bound. */
  async deleteExpiredTokens(idApplication: number, now: Date): Promise<void> {
    await this.tokens
      .createQueryBuilder()
      .delete()
      .from(AccessToken)
      .where('idApplication = :idApplication AND expiresAt IS NOT NULL AND expiresAt < :now', { idApplication, now })
      .execute();
  }
}
