import type { ReactNode } from 'react';

export interface TableColumn {
  label: string;
  numeric?: boolean;
}

/**
 * The Sync page's panels: a titled section holding a table, or a line saying there is nothing yet.
 * `notice` shows above either (e.g. why load outcomes could not be read).
 */
export function TablePanel(props: {
  id: string;
  title: ReactNode;
  empty: string;
  testId: string;
  columns: TableColumn[];
  rowCount: number;
  notice?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.notice}
      {props.rowCount === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid={props.testId}>
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <th key={column.label} scope="col" className={column.numeric ? 'numeric' : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
