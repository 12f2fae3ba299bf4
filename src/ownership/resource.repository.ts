import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { Resource } from './entities/resource.entity';

@Injectable()
export class ResourceRepository {
  constructor(@InjectRepository(Resource) private readonly resources: Repository<Resource>) {}

  create(idSubscription: number, kind: string, name: string, idOwnerUser: number, manager: EntityManager): Promise<Resource> {
    const now = new Date();
    return manager
      .getRepository(Resource)
      .save({ guidResource: randomUUID(), idSubscription, kind, name, idOwnerUser, createdAt: now, updatedAt: now });
  }

  findByGuid(idSubscription: number, guidResource: string): Promise<Resource | null> {
    return this.resources.findOneBy({ idSubscription, guidResource });
  }

  list(idSubscription: number, idOwnerUser: number | undefined, offset: number, limit: number): Promise<[Resource[], number]> {
    return this.resources.findAndCount({
      where: { idSubscription, ...(idOwnerUser !== undefined ? { idOwnerUser } : {}) },
      order: { idResource: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  /** Every resource of one owner passes to another in one statement; returns how many moved. */
  async reassignAll(idFromUser: number, idToUser: number, manager: EntityManager): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(Resource)
      .set({ idOwnerUser: idToUser, updatedAt: new Date() })
      .where('idOwnerUser = :idFromUser', { idFromUser })
      .execute();
    return result.affected ?? 0;
  }

  countOwnedBy(idOwnerUser: number, manager: EntityManager): Promise<number> {
    return manager.getRepository(Resource).countBy({ idOwnerUser });
  }
}
