import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An external API consumer (table `app_client`). Secrets are stored as scrypt hashes only. */
@Entity('app_client')
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The public identifier used on the token endpoint (`qg_…`). */
  @Column() clientId: string;
  @Column() name: string;
  @Column() description: string;
  @Column({ select: false }) secretHash: string;
  /** The secret before the last rotation; accepted until `previousSecretExpiresAt`. */
  @Column({ type: 'varchar', nullable: true, select: false }) previousSecretHash: string | null;
  @Column({ type: 'timestamptz', nullable: true }) previousSecretExpiresAt: Date | null;
  /** Tokens issued before this instant are invalid (rotation revokes them). */
  @Column({ type: 'timestamptz' }) secretRotatedAt: Date;
  @Column() isActive: boolean;
  @Column({ type: 'int', nullable: true }) rateLimitPerMinute: number | null;
  @Column({ type: 'int', nullable: true }) maxConcurrent: number | null;
  @Column({ type: 'int', nullable: true }) tokenTtlSeconds: number | null;
  @Column({ type: 'jsonb' }) allowedIps: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
