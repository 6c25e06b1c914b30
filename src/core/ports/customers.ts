import type { Platform } from './platform.js';

export interface CustomerRecord {
  id: string;
  platform: Platform;
  platformUserId: string;
  displayName: string | null;
  contact: string | null;
}

/** Customers, as intake finds or creates them. */
export interface CustomersPort {
  /** Serialises work on one customer (grouping, idempotent intake) across replicas. */
  lockCustomerKey(key: string): Promise<void>;
  upsertCustomer(c: Omit<CustomerRecord, 'id'>): Promise<CustomerRecord>;
  getCustomer(id: string): Promise<CustomerRecord | null>;
  updateCustomerContact(id: string, contact: string): Promise<void>;
}

export interface CustomerReads {
  getCustomer(id: string): Promise<CustomerRecord | null>;
}
