/**
 * The desk core's boundary, re-exported from one place for existing imports. Platform adapters
 * turn their events into the inbound shapes (ports/messages.ts) and deliver the outbound intents
 * (ports/delivery.ts); the persistence layer implements the store, one port per aggregate
 * (ports/cases.ts, customers.ts, solutions.ts, audit.ts, outbox.ts; ports/store.ts joins them).
 * New code imports the file it needs. Nothing here knows about a platform SDK.
 */
export { RateLimitedError } from './errors.js';
export * from './ports/audit.js';
export * from './ports/cases.js';
export * from './ports/clock.js';
export * from './ports/customers.js';
export * from './ports/delivery.js';
export * from './ports/inbox.js';
export * from './ports/messages.js';
export * from './ports/outbox.js';
export * from './ports/platform.js';
export * from './ports/retention.js';
export * from './ports/solutions.js';
export * from './ports/store.js';
