import type { WorkspaceInfo } from '../../shared/ipc/contract';
import { Icon } from '../ui/Icon';
import { useLocale, useT } from '../ui/i18n';
import { formatInteger } from '../ui/format';
import { AREA_LABEL, AREAS, type AreaId } from './areas';
import { describeBinding } from './shortcuts';

/** How many things each area holds, from the workspace counts (no badge when unknown). */
function countFor(area: AreaId, counts: WorkspaceInfo['counts'] | null): number | null {
  if (!counts) return null;
  switch (area) {
    case 'import':
      return counts.imports;
    case 'labels':
      return counts.outages;
    case 'compare':
      return counts.runs;
    default:
      return null;
  }
}

/** The six areas, top to bottom, with their shortcut. */
export function NavBar({
  current,
  onSelect,
  mac,
  counts,
}: {
  current: AreaId;
  onSelect(area: AreaId): void;
  mac: boolean;
  counts: WorkspaceInfo['counts'] | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <nav className="nav" aria-label={t('nav.label')} data-testid="nav">
      <ul className="nav-list">
        {AREAS.map((area, i) => {
          const label = t(AREA_LABEL[area]);
          const binding = describeBinding('area', mac, i);
          const count = countFor(area, counts);
          return (
            <li key={area}>
              <button
                type="button"
                className={area === current ? 'nav-item active' : 'nav-item'}
                aria-current={area === current ? 'page' : undefined}
                aria-keyshortcuts={mac ? `Meta+${i + 1}` : `Control+${i + 1}`}
                title={`${label} (${binding})`}
                data-testid={`nav-${area}`}
                onClick={() => onSelect(area)}
              >
                <Icon name={area} />
                <span className="nav-label">{label}</span>
                {count !== null && count > 0 && <span className="nav-count">{formatInteger(count, locale)}</span>}
                <kbd className="nav-kbd">{binding}</kbd>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
