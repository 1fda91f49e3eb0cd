import type { FormProblem } from '../../api/problem.ts';

/** The form field each business-rule refusal of the staff payment API is about. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  DUES_REASON_REQUIRED: 'reason',
  DUES_INVALID_PERIOD: 'period',
  DUES_PERIOD_NOT_PAYABLE: 'period',
  DUES_PERIOD_ALREADY_PAID: 'period',
  DUES_MEMBER_NOT_FOUND: 'memberId',
  DUES_TICKET_INVALID: 'token',
};

/** The API's problem with its business-rule error placed on its field too (schema errors already are). */
export function withStaffFields(problem: FormProblem): FormProblem {
  const field = FIELD_OF_CODE[problem.code];
  if (!field || field in problem.fields) return problem;
  return { ...problem, fields: { ...problem.fields, [field]: problem.title } };
}

/** A refusal the page itself makes before calling the API (nothing selected, nothing typed). */
export const localProblem = (code: string, title: string, field?: string): FormProblem => ({
  code,
  title,
  fields: field ? { [field]: title } : {},
  retryAfterSeconds: null,
});
