import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';

/** An immutable, numbered snapshot of an API's behaviour (table `api_version`). */
@Entity('api_version')
export class ApiVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) apiId: string;
  @Column() version: number;
  @Column({ type: 'jsonb' }) snapshot: ApiSnapshot;
  @Column() message: string;
  @Column({ type: 'uuid', nullable: true }) authorId: string | null;
  @Column({ type: 'varchar', nullable: true }) authorEmail: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
