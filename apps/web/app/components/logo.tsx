/** The wordmark: a coin with a check mark and the name; decorative, the link around it is labelled. */
export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 text-xl font-extrabold tracking-tight text-brand-800">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="15" fill="#065f46" />
        <circle cx="16" cy="16" r="11" fill="none" stroke="#d1fae5" strokeWidth="2" />
        <path d="M11 16.5l3.5 3.5 7-8" fill="none" stroke="#ffffff" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      Sauda
    </span>
  );
}
