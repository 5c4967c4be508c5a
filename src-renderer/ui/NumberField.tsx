/** A labelled whole-number input; an emptied field reports NaN (the form's validation names it). */
export function NumberField({ label, value, min, max, onChange, testId }: { label: string; value: number; min: number; max: number; onChange(v: number): void; testId?: string }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input type="number" min={min} max={max} step={1} value={Number.isFinite(value) ? value : ''} onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))} data-testid={testId} />
    </label>
  );
}
