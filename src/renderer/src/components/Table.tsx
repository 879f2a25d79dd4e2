// A plain data table: column headers, one row per record, a caption for screen readers, and an empty line.
import type { ReactNode } from 'react'

export interface Column<T> {
  header: string
  cell(row: T): ReactNode
  className?: string
  /** Class of the column in fixed-layout tables; the stylesheet gives it its width. */
  colClass?: string
}

export interface TableProps<T> {
  caption: string
  columns: Column<T>[]
  rows: T[]
  rowKey(row: T): string | number
  empty: string
  rowClassName?(row: T): string | undefined
  testId?: string
  /** Fixed layout: columns keep their widths and long values are cut with an ellipsis (full text in a title). */
  fixed?: boolean
}

export function Table<T>({ caption, columns, rows, rowKey, empty, rowClassName, testId, fixed = false }: TableProps<T>) {
  return (
    <div className="table-wrap">
      <table className={fixed ? 'table table-fixed' : 'table'} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        {fixed ? (
          <colgroup>
            {columns.map((c) => (
              <col key={c.header} className={c.colClass} />
            ))}
          </colgroup>
        ) : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="table-empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((c) => (
                  <td key={c.header} className={c.className}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}
