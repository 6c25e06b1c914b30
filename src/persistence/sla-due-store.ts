import type { PrismaClient } from '../generated/prisma/client.js';

export interface DueCase {
  id: string;
  dueAt: Date;
}

/**
 * Claims cases whose next SLA step has fallen due. The index on next_check_at makes the scan
 * cost what is due, not what is open; SKIP LOCKED lets replicas claim side by side; moving
 * next_check_at to the lease end means a replica that dies mid-tick leaves its cases to
 * reappear for another one when the lease runs out.
 */
export class SlaDueStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<DueCase[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<{ id: string; due_at: Date }[]>`
      WITH due AS (
        SELECT id, next_check_at FROM "case"
        WHERE next_check_at IS NOT NULL AND next_check_at <= ${now}
        ORDER BY next_check_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      UPDATE "case" c SET next_check_at = ${leaseUntil}
      FROM due WHERE c.id = due.id
      RETURNING c.id::text AS id, due.next_check_at AS due_at`;
    return rows.map((r) => ({ id: r.id, dueAt: r.due_at })).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }
}
