// Compare models (SPEC §2, §5 --matrix): the same scenario under every preset, violations by
// kind and expectation results, so a student sees which design closes which hazard.
import type { MatrixRow } from '../../worker/protocol';
import { VIOLATION_KINDS } from '../../engine/trace';
import { MODEL_AXES } from '../../engine/model';
import './inspectors.css';

export interface MatrixViewProps {
  rows?: MatrixRow[];
  running: boolean;
  error?: string;
  onRun: () => void;
  /** The preset the player runs, if it is one: its row is marked. */
  inUse?: string;
}

export function MatrixView({ rows, running, error, onRun, inUse }: MatrixViewProps) {
  // Kinds the engine may add later still get a column.
  const extra = [...new Set((rows ?? []).flatMap((r) => Object.keys(r.violations)))].filter((k) => !(VIOLATION_KINDS as readonly string[]).includes(k));
  const kinds = [...VIOLATION_KINDS, ...extra];
  return (
    <section className="insp insp-matrix" aria-label="Compare models" aria-busy={running}>
      <div className="insp-row">
        <button type="button" className="insp-primary" onClick={onRun} disabled={running}>
          {running ? 'Running…' : rows ? 'Run again' : 'Run every preset'}
        </button>
        <span className="insp-note" role="status">
          {running ? 'Running the scenario under every preset…' : rows ? `${rows.length} presets compared` : ''}
        </span>
      </div>
      {error && (
        <p className="insp-danger-text" role="alert">
          {error}
        </p>
      )}
      {!rows && !running && !error && <p className="insp-empty">Run the scenario under every preset to compare the designs.</p>}
      {rows && (
        <div className={`insp-table-wrap${running ? ' insp-busy-dim' : ''}`}>
          <table>
            <caption>Violations by kind and expectations, per preset</caption>
            <thead>
              <tr>
                <th scope="col">preset</th>
                {kinds.map((k) => (
                  <th key={k} scope="col" className="insp-num insp-vkind">
                    {k}
                  </th>
                ))}
                <th scope="col" className="insp-num">
                  expect passed
                </th>
                <th scope="col" className="insp-num">
                  expect failed
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const axes = MODEL_AXES.map((a) => `${a}=${r.model[a]}`).join(' ');
                return (
                  <tr key={r.preset} className={r.preset === inUse ? 'insp-row--in-use' : undefined} aria-current={r.preset === inUse || undefined}>
                    <th scope="row" title={axes}>
                      {r.preset}
                      {r.preset === inUse && <span className="insp-in-use"> (in use)</span>}
                      <span className="insp-axes">{MODEL_AXES.map((a) => r.model[a]).join(' · ')}</span>
                      {r.error && <span className="insp-danger-text insp-axes">stopped: {r.error}</span>}
                    </th>
                    {kinds.map((k) => {
                      const n = r.violations[k] ?? 0;
                      return (
                        <td key={k} className={`insp-num ${n ? 'insp-cell--hit' : 'insp-cell--zero'}`} aria-label={`${r.preset} ${k}: ${n}`}>
                          {n}
                        </td>
                      );
                    })}
                    <td className={`insp-num ${r.passed ? 'insp-cell--pass' : 'insp-cell--zero'}`}>{r.passed}</td>
                    <td className={`insp-num ${r.failed ? 'insp-cell--fail' : 'insp-cell--zero'}`}>
                      {r.failed}
                      {r.failed > 0 ? ' ✗' : ' ✓'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
