import type { CardLocationStore, ConversationRefStore, Platform } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export class PrismaCardLocationStore implements CardLocationStore {
  constructor(private readonly prisma: PrismaClient) {}

  // Raw SQL: every new case posts a card and every change updates it, and an ORM call costs
  // several times the statement's own CPU (src/persistence/raw-columns.ts).
  async get(caseId: string, platform: Platform) {
    const [row] = await this.prisma.$queryRaw<{ channelId: string; messageId: string }[]>`
      SELECT channel_id AS "channelId", message_id AS "messageId" FROM case_card WHERE case_id = ${caseId}::uuid AND platform = ${platform}`;
    return row ?? null;
  }

  async save(caseId: string, platform: Platform, channelId: string, messageId: string) {
    await this.prisma.$executeRaw`
      INSERT INTO case_card (case_id, platform, channel_id, message_id, updated_at) VALUES (${caseId}::uuid, ${platform}, ${channelId}, ${messageId}, ${new Date()})
      ON CONFLICT (case_id, platform) DO UPDATE SET channel_id = EXCLUDED.channel_id, message_id = EXCLUDED.message_id, updated_at = EXCLUDED.updated_at`;
  }

  async findCaseByMessage(platform: Platform, channelId: string, messageId: string) {
    const row = await this.prisma.caseCard.findFirst({ where: { platform, channelId, messageId }, select: { caseId: true } });
    return row?.caseId ?? null;
  }
}

export class PrismaConversationRefStore implements ConversationRefStore {
  constructor(private readonly prisma: PrismaClient) {}

  async get(platform: Platform, key: string) {
    const row = await this.prisma.conversationRef.findUnique({ where: { platform_key: { platform, key } } });
    return row?.reference ?? null;
  }

  async save(platform: Platform, key: string, reference: unknown) {
    const json = JSON.parse(JSON.stringify(reference)) as object;
    await this.prisma.conversationRef.upsert({ where: { platform_key: { platform, key } }, create: { platform, key, reference: json }, update: { reference: json } });
  }
}
