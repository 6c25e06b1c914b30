import type { DeskContext } from './desk-settings.js';
import { deskErrors } from '../errors.js';
import type { Actor } from '../ports.js';
import { answeredCard, type AnsweredCard } from '../templates/customer-answers.js';
import { CUSTOMER_BUTTONS } from '../templates/customer-buttons.js';
import type { DecisionLabels } from '../ports/messages.js';
import type { Language } from '../triage/index.js';
import { fileChosenMessage } from './intake.js';
import { respondToSolution, submitSurvey } from './customer-decisions.js';
import { describeSolution } from '../templates/solution-text.js';

/** A button a customer pressed on one of the desk's cards, as every adapter reads it. */
export type CustomerClick =
  | { kind: 'accept'; solutionId: string }
  | { kind: 'reject'; solutionId: string; reason: string }
  | { kind: 'survey'; caseId: string; score: number; comment: string | null }
  /** `caseId` null: "a new problem". */
  | { kind: 'choose_case'; unfiledId: string; caseId: string | null };

/**
 * Runs the customer's answer and says what the card now shows, in the case's language. A
 * second answer to the same card is refused by the use case (proposal_closed, already_rated)
 * and changes nothing; a second choice of case returns the first one's case.
 */
export async function answerCustomerCard(ctx: DeskContext, actor: Actor, click: CustomerClick): Promise<{ caseId: string; card: AnsweredCard }> {
  switch (click.kind) {
    case 'accept':
    case 'reject': {
      const c = await respondToSolution(ctx, actor, click.solutionId, click.kind === 'accept' ? { accept: true } : { accept: false, reason: click.reason });
      const s = await ctx.store.transaction((tx) => tx.getSolution(click.solutionId));
      const solution = s ? describeSolution(s, c.language) : '';
      const card =
        click.kind === 'accept'
          ? answeredCard(c.language, { kind: 'solution_accepted', solution })
          : answeredCard(c.language, { kind: 'solution_rejected', solution, reason: click.reason.trim() || null });
      return { caseId: c.id, card };
    }
    case 'survey': {
      const c = await submitSurvey(ctx, actor, click.caseId, click.score, click.comment);
      return { caseId: c.id, card: answeredCard(c.language, { kind: 'survey_answered', score: click.score, comment: c.satisfactionComment }) };
    }
    case 'choose_case': {
      const filed = await fileChosenMessage(ctx, actor, click.unfiledId, click.caseId);
      const c = await ctx.store.getCase(filed.caseId);
      if (!c) throw deskErrors.notFound('case');
      const chosen = click.caseId === c.id;
      return { caseId: c.id, card: answeredCard(c.language, { kind: chosen ? 'case_chosen' : 'new_problem', number: c.number }) };
    }
  }
}

/** The language of the case a click is about: refusals and prompts for it are in the customer's words, not the staff's. */
export async function customerClickLanguage(ctx: DeskContext, click: CustomerClick): Promise<Language | null> {
  const caseId =
    click.kind === 'accept' || click.kind === 'reject'
      ? (await ctx.store.transaction((tx) => tx.getSolution(click.solutionId)))?.caseId
      : click.kind === 'survey'
        ? click.caseId
        : (await ctx.store.transaction((tx) => tx.lockUnfiled(click.unfiledId)))?.choices[0];
  if (!caseId) return null;
  return (await ctx.store.getCase(caseId))?.language ?? null;
}

/** The words of the reject form (its question and reason box) for a solution's customer. */
export async function decisionWords(ctx: DeskContext, solutionId: string): Promise<DecisionLabels | null> {
  const language = await customerClickLanguage(ctx, { kind: 'accept', solutionId });
  return language ? CUSTOMER_BUTTONS[language].decision : null;
}
