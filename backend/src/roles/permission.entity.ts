import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RESOURCE_TYPES = [
  'datasource',
  'api_module',
  'api',
  'macro',
  'group',
  'client',
  'access_log',
  'overview',
  'user',
  'role',
] as const;
export const ACTIONS = ['read', 'create', 'update', 'delete', 'execute'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export type Action = (typeof ACTIONS)[number];

@Entity('permission')
export class PermissionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) resourceType: ResourceType;
  @Column({ type: 'varchar' }) action: Action;
  /** null grants the action on every resource of the type; an id grants it on that one object. */
  @Column({ type: 'uuid', nullable: true }) resourceId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
