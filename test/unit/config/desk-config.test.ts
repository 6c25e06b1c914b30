import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertChannelsForPlatforms, ConfigError, loadDeskConfig, parseDeskConfig, reportLanguage } from '../../../src/config/desk-config.js';
import { loadEnv } from '../../../src/config/env.js';

const example = () => parse(readFileSync('config/desk.example.yaml', 'utf8')) as Record<string, any>;

describe('desk configuration', () => {
  it('accepts the committed example and fills defaults', () => {
    const cfg = loadDeskConfig('config/desk.example.yaml');
    expect(cfg.departments.map((d) => d.key)).toContain('quality');
    expect(cfg.sla.updateCadenceHours).toBe(24);
    expect(cfg.templates.acknowledgement['zh-Hant']).toContain('{number}');
  });

  it('names the bad field when a staff member points at an unknown department', () => {
    const raw = example();
    raw.staff[2].department = 'nowhere';
    expect(() => parseDeskConfig(raw)).toThrow(/staff\.2\.department: unknown department "nowhere"/);
  });

  it('rejects a template with an unknown placeholder', () => {
    const raw = example();
    raw.templates.acknowledgement.en = 'Case {number} due {when}';
    expect(() => parseDeskConfig(raw)).toThrow(/templates\.acknowledgement\.en: unknown placeholder \{when\}/);
  });

  it('rejects a missing template', () => {
    const raw = example();
    delete raw.templates.survey;
    expect(() => parseDeskConfig(raw)).toThrow(ConfigError);
    expect(() => parseDeskConfig(raw)).toThrow(/templates\.survey: missing template/);
  });

  it('rejects a template missing a language', () => {
    const raw = example();
    delete raw.templates.acknowledgement['zh-Hant'];
    expect(() => parseDeskConfig(raw)).toThrow(/templates\.acknowledgement\.zh-Hant/);
  });

  it('rejects bad times, zones, routing and evidence references', () => {
    const raw = example();
    raw.calendar.workdayStart = '9am';
    raw.timeZone = 'Mars/Olympus';
    raw.routing.byCategory.product = 'ghost';
    raw.evidence.byCategory.product = ['order_number', 'selfie'];
    const message = (() => {
      try {
        parseDeskConfig(raw);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/calendar\.workdayStart: must be HH:MM/);
    expect(message).toMatch(/timeZone: must be an IANA time zone/);
    expect(message).toMatch(/routing\.byCategory\.product: unknown department "ghost"/);
    expect(message).toMatch(/evidence\.byCategory\.product\.1: unknown evidence requirement "selfie"/);
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    const raw = example();
    raw.sla.updateCadenceHourz = 12;
    expect(() => parseDeskConfig(raw)).toThrow(/sla/);
  });
});

describe('desk configuration: errors name the field and the value (issue 15.8)', () => {
  const problems = (raw: unknown): string => {
    try {
      parseDeskConfig(raw);
      return '';
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
  };

  it('rejects a duplicate department key', () => {
    const raw = example();
    raw.departments.push({ ...raw.departments[0], name: { 'zh-Hans': '质检二部', 'zh-Hant': '質檢二部', en: 'Quality 2' } });
    expect(problems(raw)).toMatch(new RegExp(`departments\\.${raw.departments.length - 1}\\.key: duplicate department key "quality" \\(also departments\\.0\\)`));
  });

  it('rejects two staff with the same platform id before the directory table would', () => {
    const raw = example();
    raw.staff[1].identities.slack = raw.staff[0].identities.slack;
    expect(problems(raw)).toMatch(/staff\.1\.identities\.slack: slack id "U0WANGFANG" is already staff\.0 \(wang-fang\)/);
  });

  it('rejects an unknown top approver', () => {
    const raw = example();
    raw.compensation = { ...raw.compensation, topApprover: 'nobody' };
    expect(problems(raw)).toMatch(/compensation\.topApprover: unknown staff id "nobody"/);
  });

  it('refuses escalation.crisisContacts, which nothing ever notified', () => {
    const raw = example();
    raw.escalation.crisisContacts = ['liu-qiang'];
    expect(problems(raw)).toContain('escalation.crisisContacts: unknown key');
  });

  it('names each unknown key with its full path', () => {
    const raw = example();
    raw.departments[2].chanels = raw.departments[2].channels;
    raw.staff[0].limit = 100;
    raw.sla.firstResponseHours = 4;
    const message = problems(raw);
    expect(message).toContain('departments.2.chanels: unknown key');
    expect(message).toContain('staff.0.limit: unknown key');
    expect(message).toContain('sla.firstResponseHours: unknown key');
  });

  it('rejects a department without a channel on an enabled platform', () => {
    const raw = example();
    delete raw.departments[3].channels.teams;
    const config = parseDeskConfig(raw);
    expect(() => assertChannelsForPlatforms(config, [{ platform: 'slack', because: 'SLACK_BOT_TOKEN is set' }])).not.toThrow();
    expect(() => assertChannelsForPlatforms(config, [{ platform: 'teams', because: 'MICROSOFT_APP_ID is set' }])).toThrow(
      /departments\.3\.channels\.teams: missing for department "after_sales"; teams is enabled \(MICROSOFT_APP_ID is set\)/,
    );
  });
});

describe('environment', () => {
  it('defaults to the embedded database and port 3978', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3978);
  });
  it('names a bad DATABASE_URL', () => {
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
  });
});

describe('report language', () => {
  it('is reports.language when set, else the desk language', () => {
    const raw = example();
    raw.language = 'zh-Hant';
    raw.reports.language = 'zh-Hans';
    expect(reportLanguage(parseDeskConfig(raw))).toBe('zh-Hans');
    delete raw.reports.language;
    expect(reportLanguage(parseDeskConfig(raw))).toBe('zh-Hant');
  });

  it('accepts the Hong Kong and Taiwan calendar regions and refuses others', () => {
    const raw = example();
    raw.calendar.region = 'HK';
    expect(parseDeskConfig(raw).calendar.region).toBe('HK');
    raw.calendar.region = 'JP';
    expect(() => parseDeskConfig(raw)).toThrow(/calendar\.region/);
  });
});
