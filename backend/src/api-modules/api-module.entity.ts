import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A module groups APIs and macros ("Modules" in the UI); an inactive module takes its APIs off the gateway. */
@Entity('api_module')
export class ApiModuleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column() description: string;
  @Column() sortOrder: number;
  @Column() isActive: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
