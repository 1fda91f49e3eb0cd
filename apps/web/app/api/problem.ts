/** RFC 9457 problem details as the public API sends them. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

/** What a form shows after a refused submission: the API's localized title and per-field messages. */
export interface FormProblem {
  readonly code: string;
  readonly title: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly retryAfterSeconds: number | null;
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { title?: unknown }).title === 'string'
  );
}

/** `body/email` → `email`; nested paths keep their last segment (the field a person can fix). */
export function toFormProblem(problem: Problem, retryAfter?: string | number): FormProblem {
  const fields: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    const field = error.path.split('/').filter(Boolean).at(-1);
    if (field && !(field in fields)) fields[field] = error.message;
  }
  const seconds = Number(retryAfter);
  return {
    code: problem.code,
    title: problem.title,
    fields,
    retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : null,
  };
}
