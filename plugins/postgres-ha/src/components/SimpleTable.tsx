import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';

export interface SimpleTableRow {
  key: string;
  cells: ReactNode[];
  testId?: string;
}

/**
 * A small, dense, labelled table: the cards' lists are short, no paging or search
 * needed. With `noWrap`, values never break inside; a narrow card scrolls sideways.
 */
export function SimpleTable(props: {
  label: string;
  columns: string[];
  rows: SimpleTableRow[];
  noWrap?: boolean;
}) {
  const { label, columns, rows, noWrap } = props;
  const style = noWrap ? { whiteSpace: 'nowrap' as const } : undefined;
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
