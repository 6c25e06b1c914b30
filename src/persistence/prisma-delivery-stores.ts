import type { CardLocationStore, ConversationRefStore, Platform } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export class PrismaCardLocationStore implements CardLocationStore {
  constructor(private readonly prisma: PrismaClient) {}

  async get(caseId: string, platform: Platform) {
    const row = await this.prisma.caseCard.findUnique({ where: { caseId_platform: { caseId, platform } } });
    return row && { channelId: row.channelId, messageId: row.messageId };
  }

  async save(caseId: string, platform: Platform, channelId: string, messageId: string) {
    await this.prisma.caseCard.upsert({
      where: { caseId_platform: { caseId, platform } },
      create: { caseId, platform, channelId, messageId },
      update: { channelId, messageId, updatedAt: new Date() },
    });
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
