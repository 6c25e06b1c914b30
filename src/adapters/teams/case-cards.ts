import type { DeskApplication } from '../../application/desk-application.js';
import type { CaseView } from '../../core/cases/case-view.js';
import type { StaffCaseCard } from '../../core/desk.js';
import type { Actor } from '../../core/ports.js';
import type { StaffMember } from '../../core/staff-directory.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { caseCard, REFRESH_MAX_USERS, staffMessageCard } from './cards/case-card.js';
import type { ConversationAddresses } from './conversation-addresses.js';

/**
 * Teams case cards with a user-specific view (Universal Actions `refresh`): the card posted to the
 * channel offers what everyone in the department may do (the core's departmentCaseCard) and lists
 * the department's staff for refresh; Teams then asks the bot, for each of them who views it, for
 * their own card (the core's caseCardFor). The actions come from the core; this only renders them.
 */
export class TeamsCaseCards {
  constructor(
    private readonly app: DeskApplication,
    private readonly addresses: ConversationAddresses,
  ) {}

  /** The card everyone in the department channel sees until Teams refreshes it for them. */
  async forDepartment(caseId: string): Promise<{ view: CaseView; card: AdaptiveCard }> {
    const shared = await this.app.desk.departmentCaseCard(caseId);
    return { view: shared.view, card: this.render(shared, await this.refreshIds(shared.roster)) };
  }

  /**
   * The card as one person sees it (a refresh, the answer to their click). Someone who is not
   * staff gets the department's card: Teams may ask for anyone who opens the channel.
   */
  async forPerson(actor: Actor, caseId: string): Promise<AdaptiveCard> {
    const shared = await this.app.desk.departmentCaseCard(caseId);
    const own = this.app.staffMember(actor) ? await this.app.desk.caseCardFor(actor, caseId) : shared;
    return this.render(own, await this.refreshIds(shared.roster));
  }

  /** A message to one person about a case, with the buttons for what they may do on it now; null: the text goes alone. */
  async messageFor(actor: Actor, caseId: string, text: string): Promise<AdaptiveCard | null> {
    if (!this.app.staffMember(actor)) return null;
    const { view, actions } = await this.app.desk.caseCardFor(actor, caseId);
    return staffMessageCard(text, view, actions, this.app.reassignCandidates(view.departmentKey), this.app.departmentChoices());
  }

  private render(c: StaffCaseCard, refreshFor: string[]): AdaptiveCard {
    const evidenceLink = (id: string) => this.app.evidenceLink(id);
    return caseCard(c.view, c.actions, this.app.reassignCandidates(c.view.departmentKey), this.app.departmentChoices(), { evidenceLink, refreshFor });
  }

  /**
   * The department's staff as Teams user MRIs, for the card's `refresh.userIds` (at most 60: Teams
   * refreshes automatically only for those listed). The Bot Framework id ("29:…") the bot saw when
   * they wrote to it; otherwise the MRI Teams derives from their AAD object id ("8:orgid:…").
   */
  private async refreshIds(roster: readonly StaffMember[]): Promise<string[]> {
    const aadIds = roster.flatMap((m) => (m.identities.teams ? [m.identities.teams] : [])).slice(0, REFRESH_MAX_USERS);
    return Promise.all(
      aadIds.map(async (aad) => {
        const seen = (await this.addresses.personalChat(aad))?.user?.id;
        return seen?.startsWith('29:') ? seen : `8:orgid:${aad}`;
      }),
    );
  }
}
