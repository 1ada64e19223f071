import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';

/** A column computed from a row object; `optional` ones show only when some row has a value. */
export interface TableColumn<T> {
  title: string;
  cell: (row: T) => ReactNode;
  optional?: (row: T) => unknown;
}

/** The columns worth showing for these rows (e.g. node and restarts only for Kubernetes). */
export function visibleColumns<T>(
  columns: TableColumn<T>[],
  rows: T[],
): TableColumn<T>[] {
  return columns.filter(
    c => !c.optional || rows.some(r => c.optional!(r) !== undefined),
  );
}

export interface SimpleTableRow {
  key: string;
  cells: ReactNode[];
  testId?: string;
}

/** Values never break inside ("runnin/g"); a card too narrow scrolls sideways. */
const CELL_STYLE = { whiteSpace: 'nowrap' as const, padding: '6px 12px' };

/** A small, dense, labelled table: the cards' lists are short, no paging or search needed. */
export function SimpleTable(props: {
  label: string;
  columns: string[];
  rows: SimpleTableRow[];
}) {
  const { label, columns, rows } = props;
  const style = CELL_STYLE;
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map(c => (
              <TableCell key={c} style={style}>
                {c}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.key} data-testid={row.testId}>
              {row.cells.map((cell, i) => (
                <TableCell key={columns[i]} style={style}>
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
