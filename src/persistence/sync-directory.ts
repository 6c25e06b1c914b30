import type { Department } from '../core/desk-settings.js';
import type { StaffMember } from '../core/staff-directory.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Mirrors the configured departments and staff into the database (reports and foreign keys use them). */
export async function syncDirectory(prisma: PrismaClient, departments: Department[], staff: StaffMember[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const d of departments)
      await tx.department.upsert({ where: { key: d.key }, create: { key: d.key, name: d.name.en }, update: { name: d.name.en } });
    for (const s of staff) {
      const data = { displayName: s.name, role: s.role, departmentKey: s.department ?? null };
      await tx.staff.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
    }
    // Two statements for all identities, not two per person: on a busy machine a directory of
    // dozens ran past the transaction's time limit one round trip at a time.
    await tx.staffIdentity.deleteMany({ where: { staffId: { in: staff.map((s) => s.id) } } });
    const identities = staff.flatMap((s) =>
      Object.entries(s.identities).flatMap(([platform, platformUserId]) => (platformUserId ? [{ platform, platformUserId, staffId: s.id }] : [])),
    );
    if (identities.length) await tx.staffIdentity.createMany({ data: identities });
  }, { timeout: 30_000 });
}
