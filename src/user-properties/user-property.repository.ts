import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { lockRows } from '../database/row-lock';
import { entityTable } from '../database/table-name';
import { Subscription } from '../tenancy/entities/subscription.entity';
import { WFUserProperty } from '../users/entities/wf-user-property.entity';
import { WFUser } from '../users/entities/wf-user.entity';
import { UserPropertyDefinition } from './entities/user-property-definition.entity';

@Injectable()
export class UserPropertyRepository {
  constructor(@InjectRepository(UserPropertyDefinition) private readonly definitions: Repository<UserPropertyDefinition>) {}

  private repo(manager?: EntityManager): Repository<UserPropertyDefinition> {
    return manager?.getRepository(UserPropertyDefinition) ?? this.definitions;
  }

  list(idSubscription: number, manager?: EntityManager): Promise<UserPropertyDefinition[]> {
    return this.repo(manager).find({ where: { idSubscription }, order: { nameKey: 'ASC' } });
  }

  find(idSubscription: number, name: string, manager?: EntityManager): Promise<UserPropertyDefinition | null> {
    return this.repo(manager).findOneBy({ idSubscription, nameKey: name.toLowerCase() });
  }

  save(definition: UserPropertyDefinition, manager?: EntityManager): Promise<UserPropertyDefinition> {
    return this.repo(manager).save(definition);
  }

  async remove(definition: UserPropertyDefinition, manager: EntityManager): Promise<void> {
    await this.repo(manager).delete({ idDefinition: definition.idDefinition });
  }

  /** Serialises changes to one subscription's definitions (their count is bounded). */
  async lockSubscription(idSubscription: number, manager: EntityManager): Promise<void> {
    await lockRows(manager, Subscription, 'name', { idSubscription });
  }

  /** How many users of the subscription hold a value of the property (names compared without letter case). */
  async countValues(idSubscription: number, name: string, manager?: EntityManager): Promise<number> {
    const em = manager ?? this.definitions.manager;
    const driver = em.connection.driver;
    const e = (n: string) => driver.escape(n);
    const rows: { n: number | string }[] = await em.query(
      `SELECT COUNT(1) AS ${e('n')} FROM ${entityTable(em.connection, WFUserProperty)} p INNER JOIN ${entityTable(em.connection, WFUser)} u ON u.${e('idUser')} = p.${e('idUser')} WHERE u.${e('idSubscription')} = ${driver.createParameter('sub', 0)} AND LOWER(p.${e('name')}) = ${driver.createParameter('name', 1)}`,
      [idSubscription, name.toLowerCase()],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Deletes every value of the property in the subscription. */
  async deleteValues(idSubscription: number, name: string, manager: EntityManager): Promise<void> {
    const driver = manager.connection.driver;
    const e = (n: string) => driver.escape(n);
    await manager.query(
      `DELETE FROM ${entityTable(manager.connection, WFUserProperty)} WHERE LOWER(${e('name')}) = ${driver.createParameter('name', 0)} AND ${e('idUser')} IN (SELECT ${e('idUser')} FROM ${entityTable(manager.connection, WFUser)} WHERE ${e('idSubscription')} = ${driver.createParameter('sub', 1)})`,
      [name.toLowerCase(), idSubscription],
    );
  }
}
