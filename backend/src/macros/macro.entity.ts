import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type MacroKind = 'sql' | 'script';

/** A reusable SQL (Nunjucks) or script (JS) snippet, global (moduleId null) or per module; the row is the draft. */
@Entity('macro')
export class MacroEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'varchar' }) kind: MacroKind;
  @Column({ type: 'uuid', nullable: true }) moduleId: string | null;
  @Column() content: string;
  @Column() description: string;
  @Column({ type: 'uuid', nullable: true }) publishedVersionId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
