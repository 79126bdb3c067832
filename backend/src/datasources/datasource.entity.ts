import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DatasourceOptions, DatasourceType } from 'src/datasources/external-db/connector.js';

/** A connection definition for an external database (table `datasource`). */
@Entity('datasource')
export class DatasourceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'varchar' }) type: DatasourceType;
  @Column() host: string;
  @Column({ type: 'integer' }) port: number;
  @Column() database: string;
  @Column() username: string;
  /** AES-256-GCM payload `v1:<kid>:…` (EncryptionService); never returned, never logged. */
  @Column({ type: 'text', nullable: true }) passwordEncrypted: string | null;
  @Column({ type: 'jsonb' }) options: DatasourceOptions;
  @Column({ type: 'integer' }) poolMax: number;
  @Column() isActive: boolean;
  @Column() description: string;
  /** Increases whenever a setting that affects connections changes (pools rebuild on it). */
  @Column({ type: 'integer' }) revision: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
