import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'varchar', nullable: true }) actorEmail: string | null;
  @Column() action: string;
  @Column() resourceType: string;
  @Column({ type: 'varchar', nullable: true }) resourceId: string | null;
  @Column({ type: 'jsonb' }) summary: Record<string, unknown>;
  @Column({ type: 'varchar', nullable: true }) requestId: string | null;
  @Column({ type: 'varchar', nullable: true }) ip: string | null;
}
