import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from 'src/app.module.js';
import { buildOpenApiDocument } from 'src/app.factory.js';
import { loadConfig } from 'src/config/app-config.service.js';

/**
 * Writes the management API's OpenAPI document (input of the generated dashboard client) without
 * connecting to anything: Nest's preview mode builds the module graph without running providers.
 */
const config = loadConfig({ APP_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') });
const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, null), new FastifyAdapter(), { preview: true, logger: false });
const document = buildOpenApiDocument(app);
const out = process.argv[2] ?? 'openapi.json';
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
await app.close();
console.log(`wrote ${out} (${Object.keys(document.paths).length} paths)`);
