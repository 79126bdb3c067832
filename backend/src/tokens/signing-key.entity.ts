import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An Ed25519 key that signs gateway tokens. The private key is a PKCS#8 PEM encrypted with EncryptionService. */
@Entity('signing_key')
export class SigningKeyEntity {
  /** RFC 7638 thumbprint of the public JWK. */
  @PrimaryColumn() kid: string;
  @Column() algorithm: string;
  @Column({ type: 'jsonb' }) publicJwk: Record<string, string>;
  @Column({ select: false }) privateKeyEncrypted: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  /** Set when a newer key took over; the key keeps verifying until its last tokens expire. */
  @Column({ type: 'timestamptz', nullable: true }) retiredAt: Date | null;
}
