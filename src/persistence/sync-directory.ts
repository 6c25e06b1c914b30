import type { Department } from '../core/cases/desk-settings.js';
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
  }, { timeout: 30_000 });
}
