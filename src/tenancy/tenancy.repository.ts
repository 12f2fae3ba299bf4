import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { insertUnlessPresent, isUniqueViolation } from '../database/driver-errors';
import { lockRows } from '../database/row-lock';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { CompanyOwner } from './entities/company-owner.entity';
import { Company } from './entities/company.entity';
import { Subscription } from './entities/subscription.entity';

const MAX_REMEMBERED = 10_000;

/** Companies, their subscriptions and their owners. */
@Injectable()
export class TenancyRepository {
  /** A subscription never changes company, so what was read once stays true. */
  private readonly companyOfSubscription = new Map<number, number>();

  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectRepository(Subscription) private readonly subscriptions: Repository<Subscription>,
    @InjectRepository(CompanyOwner) private readonly owners: Repository<CompanyOwner>,
  ) {}

  findCompanyByName(name: string, manager?: EntityManager): Promise<Company | null> {
    return (manager?.getRepository(Company) ?? this.companies).findOneBy({ name });
  }

  createCompany(name: string, manager?: EntityManager): Promise<Company> {
    return (manager?.getRepository(Company) ?? this.companies).save({ name, createdAt: new Date() });
  }

  findSubscription(idSubscription: number, manager?: EntityManager): Promise<Subscription | null> {
    return (manager?.getRepository(Subscription) ?? this.subscriptions).findOneBy({ idSubscription });
  }

  /** The company a subscription belongs to (read once per subscription, then remembered). */
  async companyOf(idSubscription: number, manager?: EntityManager): Promise<number> {
    const known = this.companyOfSubscription.get(idSubscription);
    if (known !== undefined) return known;
    const subscription = await (manager?.getRepository(Subscription) ?? this.subscriptions).findOne({
      select: { idSubscription: true, idCompany: true },
      where: { idSubscription },
    });
    if (!subscription) throw new Error(`Subscription ${idSubscription} does not exist`);
    if (this.companyOfSubscription.size >= MAX_REMEMBERED) this.companyOfSubscription.clear();
    this.companyOfSubscription.set(idSubscription, subscription.idCompany);
    return subscription.idCompany;
  }

  findSubscriptionByGuid(idCompany: number, guidSubscription: string): Promise<Subscription | null> {
    return this.subscriptions.findOneBy({ idCompany, guidSubscription });
  }

  findSubscriptionByName(idCompany: number, name: string, manager?: EntityManager): Promise<Subscription | null> {
    return (manager?.getRepository(Subscription) ?? this.subscriptions).findOneBy({ idCompany, name });
  }

  async subscriptionsOfCompany(idCompany: number): Promise<Subscription[]> {
    return this.subscriptions.find({ where: { idCompany }, order: { idSubscription: 'ASC' } });
  }

  listSubscriptions(idCompany: number, offset: number, limit: number): Promise<[Subscription[], number]> {
    return this.subscriptions.findAndCount({ where: { idCompany }, order: { idSubscription: 'ASC' }, skip: offset, take: limit });
  }

  /** A new subscription; a name already used in the company raises a uniqueness error. */
  async createSubscription(idCompany: number, name: string, idOwnerUser: number | null, manager?: EntityManager): Promise<Subscription> {
    try {
      return await (manager?.getRepository(Subscription) ?? this.subscriptions).save({
        guidSubscription: randomUUID(),
        idCompany,
        name,
        idOwnerUser,
        createdAt: new Date(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(ErrorCode.Uniqueness, `Subscription "${name}" already exists in this company`);
      throw error;
    }
  }

  /** The subscriptions a user owns: usually their own, possibly others of the company. */
  subscriptionsOwnedBy(idOwnerUser: number, manager?: EntityManager): Promise<Subscription[]> {
    return (manager?.getRepository(Subscription) ?? this.subscriptions).find({ where: { idOwnerUser }, order: { idSubscription: 'ASC' } });
  }

  async setSubscriptionOwner(idSubscription: number, idOwnerUser: number, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(Subscription) ?? this.subscriptions).update({ idSubscription }, { idOwnerUser });
  }

  /**
   * Serialises changes to who may act for the company: adding or removing a company owner,
   * naming a subscription owner, and every deactivation take this lock first.
   */
  async lockCompany(idCompany: number, manager: EntityManager): Promise<void> {
    await lockRows(manager, Company, 'name', { idCompany });
  }

  listCompanyOwners(idCompany: number, manager?: EntityManager): Promise<CompanyOwner[]> {
    return (manager?.getRepository(CompanyOwner) ?? this.owners).find({ where: { idCompany }, order: { createdAt: 'ASC', idUser: 'ASC' } });
  }

  /** Adding an owner the company has already changes nothing. */
  async addCompanyOwner(idCompany: number, idUser: number, manager?: EntityManager): Promise<void> {
    const repo = manager?.getRepository(CompanyOwner) ?? this.owners;
    if (await repo.existsBy({ idCompany, idUser })) return;
    await insertUnlessPresent(repo.manager, (m) => m.getRepository(CompanyOwner).insert({ idCompany, idUser, createdAt: new Date() }));
  }

  async removeCompanyOwner(idCompany: number, idUser: number, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(CompanyOwner) ?? this.owners).delete({ idCompany, idUser });
  }
}
