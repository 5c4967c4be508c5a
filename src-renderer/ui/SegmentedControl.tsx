import type { ReactNode } from 'react';

export interface Segment<V extends string> {
  value: V;
  label: string;
  /** Shown instead of the label; the label then becomes the accessible name and tooltip. */
  content?: ReactNode;
}

/** A small radio group drawn as joined buttons (theme, language). */
export function SegmentedControl<V extends string>({
  label,
  value,
  segments,
  onChange,
  testId,
}: {
  label: string;
  value: V;
  segments: readonly Segment<V>[];
  onChange(value: V): void;
  testId?: string;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {segments.map((s) => (
        <button
          key={s.value}
          type="button"
          role="radio"
          aria-checked={s.value === value}
          aria-label={s.content ? s.label : undefined}
          title={s.label}
          className={s.value === value ? 'segment active' : 'segment'}
          data-testid={testId ? `${testId}-${s.value}` : undefined}
          onClick={() => onChange(s.value)}
        >
          {s.content ?? s.label}
        </button>
      ))}
    </div>
  );
}
