import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { insertUnlessPresent } from '../database/driver-errors';
import { PermissionGrant } from './entities/permission-grant.entity';

@Injectable()
export class PermissionGrantRepository {
  constructor(@InjectRepository(PermissionGrant) private readonly grants: Repository<PermissionGrant>) {}

  private repository(manager?: EntityManager): Repository<PermissionGrant> {
    return manager ? manager.getRepository(PermissionGrant) : this.grants;
  }

  /** Grants the permission; granting one already held changes nothing (also when another grant of it won a race). */
  async grant(idUser: number, permission: string, manager?: EntityManager): Promise<void> {
    const repo = this.repository(manager);
    if (await repo.existsBy({ idUser, permission })) return;
    await insertUnlessPresent(repo.manager, (m) => m.getRepository(PermissionGrant).insert({ idUser, permission, createdAt: new Date() }));
  }

  async revoke(idUser: number, permission: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.repository(manager).delete({ idUser, permission });
    return (result.affected ?? 0) > 0;
  }

  listForUser(idUser: number, manager?: EntityManager): Promise<PermissionGrant[]> {
    return this.repository(manager).find({ where: { idUser }, order: { permission: 'ASC' } });
  }

  /** Every permission of one user passes to another (kept once where the heir already holds it); returns the permissions moved. */
  async moveAll(idFromUser: number, idToUser: number, manager: EntityManager): Promise<string[]> {
    const repo = this.repository(manager);
    const grants = await repo.findBy({ idUser: idFromUser });
    for (const grant of grants) {
      if (!(await repo.existsBy({ idUser: idToUser, permission: grant.permission }))) {
        await insertUnlessPresent(manager, (m) =>
          m.getRepository(PermissionGrant).insert({ idUser: idToUser, permission: grant.permission, createdAt: new Date() }),
        );
      }
      await repo.delete({ idUser: idFromUser, permission: grant.permission });
    }
    return grants.map((g) => g.permission).sort();
  }
}
