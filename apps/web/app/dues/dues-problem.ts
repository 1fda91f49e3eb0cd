import type { FormProblem } from '../api/problem.ts';

/** The registration field each dues error is about, so its message appears under that field. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  DUES_INVALID_NAME: 'fullName',
  DUES_INVALID_PHONE: 'phone',
  DUES_PHONE_TAKEN: 'phone',
  DUES_INVALID_EMAIL: 'email',
  DUES_INVALID_IIN: 'iin',
  DUES_IIN_TAKEN: 'iin',
  DUES_INVALID_CITY: 'city',
};

/** The API's problem with the business-rule error placed on its field (schema errors already are). */
export function withDuesFields(problem: FormProblem): FormProblem {
  const field = FIELD_OF_CODE[problem.code];
  if (!field || field in problem.fields) return problem;
  return { ...problem, fields: { ...problem.fields, [field]: problem.title } };
}
