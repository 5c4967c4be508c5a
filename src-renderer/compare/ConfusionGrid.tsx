import { modelLabel } from '../../shared/domain/models';
import type { RunModelRow } from '../../shared/domain/runs';
import { useT } from '../ui/i18n';

/** 2 × 2 confusion counts (summed over folds) of each model; anomaly = positive class. */
export function ConfusionGrid({ rows }: { rows: readonly RunModelRow[] }) {
  const t = useT();
  return (
    <div className="confusion-grid" data-testid="confusion-grid">
      {rows.map((r) => {
        const { tp, fn, fp, tn } = r.confusion;
        return (
          <table key={r.model} className="confusion" aria-label={t('compare.confusion.label', { model: modelLabel(r.model) })} data-model={r.model}>
            <caption>{modelLabel(r.model)}</caption>
            <thead>
              <tr>
                <th scope="col" className="muted">
                  {t('compare.confusion.actual')} \ {t('compare.confusion.predicted')}
                </th>
                <th scope="col">{t('compare.confusion.anomaly')}</th>
                <th scope="col">{t('compare.confusion.normal')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('compare.confusion.anomaly')}</th>
                <td className="num mono cm-good" title="TP">{tp}</td>
                <td className="num mono cm-bad" title="FN">{fn}</td>
              </tr>
              <tr>
                <th scope="row">{t('compare.confusion.normal')}</th>
                <td className="num mono cm-bad" title="FP">{fp}</td>
                <td className="num mono cm-good" title="TN">{tn}</td>
              </tr>
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
