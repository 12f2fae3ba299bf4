import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An issued bearer token, stored only as the SHA-256 of its value. A bearer_token
 * application's client secret is stored here too (`isClientSecret`), so resolving any bearer
 * credential is one indexed lookup.
 */
@Entity('AccessToken')
export class AccessToken {
  @PrimaryGeneratedColumn({ name: 'idToken' })
  idToken: number;

  @Column({ length: 64 })
  tokenHash: string;

  @Column()
  idApplication: number;

  /** Space-separated scopes granted when issued (the application's allowed scopes still bound them). */
  @Column({ length: 200 })
  scopes: string;

  @Column()
  isClientSecret: boolean;

  @Column({ type: Date, nullable: true })
  expiresAt: Date | null;

  @Column()
  createdAt: Date;
}
