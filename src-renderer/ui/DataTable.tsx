import type { ReactNode } from 'react';

export interface Column<Row> {
  id: string;
  header: string;
  cell(row: Row): ReactNode;
  /** Numbers and times align right and use tabular figures. */
  align?: 'left' | 'right';
  mono?: boolean;
  width?: string;
}

/**
 * A dense, read-only table with a sticky header. `label` names it for screen readers and
 * tests (`getByRole('table', {name})`).
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  testId,
  onRowClick,
  selectedKey,
  rowTestId,
}: {
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  testId?: string;
  /** Makes rows clickable (and Enter/Space on a focused row). */
  onRowClick?: (row: Row, index: number) => void;
  /** The row shown as selected (`aria-selected`). */
  selectedKey?: string | null;
  rowTestId?: string;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.align === 'right' ? 'num' : undefined} style={c.width ? { width: c.width } : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={rowKey(r)}
              data-testid={rowTestId}
              className={onRowClick ? 'row-clickable' : undefined}
              aria-selected={selectedKey !== undefined ? selectedKey === rowKey(r) : undefined}
              tabIndex={onRowClick ? 0 : undefined}
              onClick={onRowClick ? () => onRowClick(r, i) : undefined}
              onKeyDown={
                onRowClick
                  ? (e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        onRowClick(r, i);
                      }
                    }
                  : undefined
              }
            >
              {columns.map((c) => (
                <td key={c.id} className={[c.align === 'right' ? 'num' : '', c.mono ? 'mono' : ''].join(' ').trim() || undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
