import type { ReactNode } from 'react';

/** A titled panel inside an area; `meta` sits right of the title (counts, notes). */
export function Section({ title, meta, children, testId }: { title: string; meta?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="section" data-testid={testId} aria-label={title}>
      <header className="section-header">
        <h2 className="section-title">{title}</h2>
        {meta !== undefined && <div className="section-meta">{meta}</div>}
      </header>
      <div className="section-body">{children}</div>
    </section>
  );
}
