import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PermissionGrant } from './entities/permission-grant.entity';

@Injectable()
export class PermissionGrantRepository {
  constructor(@InjectRepository(PermissionGrant) private readonly grants: Repository<PermissionGrant>) {}

  private repository(manager?: EntityManager): Repository<PermissionGrant> {
    return manager ? manager.getRepository(PermissionGrant) : this.grants;
  }

  /** Grants the permission; granting one already held changes nothing. */
  async grant(idUser: number, permission: string, manager?: EntityManager): Promise<void> {
    const repo = this.repository(manager);
    if (!(await repo.existsBy({ idUser, permission }))) await repo.insert({ idUser, permission, createdAt: new Date() });
  }

  async revoke(idUser: number, permission: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.repository(manager).delete({ idUser, permission });
    return (result.affected ?? 0) > 0;
  }

  listForUser(idUser: number, manager?: EntityManager): Promise<PermissionGrant[]> {
    return this.repository(manager).find({ where: { idUser }, order: { permission: 'ASC' } });
  }
}
