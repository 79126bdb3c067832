import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PermissionEntity } from 'src/roles/permission.entity.js';

@Entity('role')
export class RoleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column() description: string;
  /** Seeded roles (Admin, Dev, Viewer) cannot be renamed or deleted. */
  @Column() isSystem: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;

  @ManyToMany(() => PermissionEntity)
  @JoinTable({ name: 'role_permission', joinColumn: { name: 'role_id' }, inverseJoinColumn: { name: 'permission_id' } })
  permissions?: PermissionEntity[];
}
