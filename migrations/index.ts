import { InitialSchema1767225600000 } from 'migrations/1767225600000-initial-schema.js';
import { PublishingSchema1767225700000 } from 'migrations/1767225700000-publishing-schema.js';
import { AccessLogHourly1767225800000 } from 'migrations/1767225800000-access-log-hourly.js';

/** Every migration in order. A new migration file must be added here (a test checks the folder against this list). */
export const MIGRATIONS = [InitialSchema1767225600000, PublishingSchema1767225700000, AccessLogHourly1767225800000];
