import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An immutable, numbered copy of a macro's content (table `macro_version`). */
@Entity('macro_version')
export class MacroVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) macroId: string;
  @Column() version: number;
  @Column() content: string;
  @Column() message: string;
  @Column({ type: 'uuid', nullable: true }) authorId: string | null;
  @Column({ type: 'varchar', nullable: true }) authorEmail: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
