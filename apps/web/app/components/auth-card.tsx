import type { ReactNode } from 'react';

/** The narrow, centred card of the sign-up and sign-in pages. */
export function AuthCard({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md px-4 py-10">
      <div className="card">
        <h1 className="text-2xl font-bold">{title}</h1>
        {lead && <p className="mt-2 text-slate-700">{lead}</p>}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}
