import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ApiParamDefinition, ApiValidatorDefinition } from 'src/apis/api-snapshot.js';

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** An API's route and its draft (table `api`); published behaviour lives in `api_version.snapshot`. */
@Entity('api')
export class ApiEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) moduleId: string;
  @Column() name: string;
  @Column() description: string;
  @Column() path: string;
  /** The path with every `{param}` replaced by `{}` (unique with method: api_route_key). */
  @Column() pathShape: string;
  @Column({ type: 'varchar' }) method: ApiMethod;
  @Column({ type: 'varchar' }) engine: 'sql' | 'script';
  @Column({ type: 'uuid', nullable: true }) datasourceId: string | null;
  @Column({ type: 'varchar' }) accessType: 'public' | 'private';
  @Column() readOnly: boolean;
  @Column() content: string;
  @Column({ type: 'jsonb' }) params: ApiParamDefinition[];
  @Column({ type: 'jsonb' }) validators: ApiValidatorDefinition[];
  @Column({ type: 'text', nullable: true }) transform: string | null;
  @Column({ type: 'int', nullable: true }) rateLimitPerMinute: number | null;
  @Column({ type: 'int', nullable: true }) timeoutMs: number | null;
  @Column({ type: 'int', nullable: true }) maxRows: number | null;
  @Column({ type: 'int', nullable: true }) cacheTtlSeconds: number | null;
  @Column({ type: 'jsonb' }) corsOrigins: string[];
  @Column({ type: 'uuid', nullable: true }) publishedVersionId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
