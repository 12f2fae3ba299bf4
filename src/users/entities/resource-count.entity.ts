import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which resources a subscription's count is kept of. */
export type CountedResource = 'User' | 'Group';

/**
 * How many live users (not soft-deleted) and groups a subscription has, kept by every write that
 * changes it, in its own transaction: the `totalResults` of an unfiltered list is read here
 * instead of counted, so it costs the same at a million users as at ten.
 */
@Entity('ResourceCount')
export class ResourceCount {
  @PrimaryColumn()
  idSubscription: number;

  @PrimaryColumn({ type: String, length: 16 })
  resourceType: CountedResource;

  @Column()
  total: number;
}
