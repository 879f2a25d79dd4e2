// The misuse flags table, shared by the overview and the audit screen: what pattern, whose, what was seen, when.
import type { MisuseFlag } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { Table, type Column } from '../../components/Table'
import { formatDateTime } from '../../format'
import { Badge } from './cells'

export const MISUSE_LABEL: Record<MisuseFlag['kind'], string> = {
  'repeat-plate': 'Same plate repeatedly',
  'outside-hours': 'Outside usual hours',
  'purpose-reuse': 'Purpose reused',
  'refused-access': 'Refused accesses',
}

const TONE: Record<MisuseFlag['kind'], 'danger' | 'warning' | 'info'> = {
  'repeat-plate': 'danger',
  'purpose-reuse': 'danger',
  'outside-hours': 'warning',
  'refused-access': 'warning',
}

export function MisuseFlagsTable({ flags, empty, testId, onShow }: { flags: MisuseFlag[]; empty: string; testId?: string; onShow?: (flag: MisuseFlag) => void }) {
  const columns: Column<MisuseFlag>[] = [
    { header: 'Pattern', cell: (f) => <Badge tone={TONE[f.kind]}>{MISUSE_LABEL[f.kind]}</Badge> },
    { header: 'User', cell: (f) => <span className="mono">{f.username ?? '—'}</span> },
    {
      header: 'What was seen',
      className: 'wrap',
      cell: (f) => (
        <>
          <span className="cell-main">{f.summary}</span>
          <span className="cell-sub mono">{`Entries ${f.entryIds.map((id) => `#${id}`).join(', ')}${f.count > f.entryIds.length ? ' …' : ''}`}</span>
        </>
      ),
    },
    {
      header: 'When',
      cell: (f) => (
        <>
          <span className="cell-main tabular">{formatDateTime(f.firstAt)}</span>
          {f.lastAt !== f.firstAt ? <span className="cell-sub tabular">{`to ${formatDateTime(f.lastAt)}`}</span> : null}
        </>
      ),
    },
  ]
  if (onShow) {
    columns.push({
      header: 'Entries',
      className: 'cell-actions',
      cell: (f) => (
        <Button size="small" onClick={() => onShow(f)} aria-label={`Show in the access log: ${f.summary}`}>
          Show in log
        </Button>
      ),
    })
  }
  return <Table caption="Misuse flags" columns={columns} rows={flags} rowKey={(f) => `${f.kind}-${f.userId}-${f.plate}-${f.purpose}-${f.firstAt}`} empty={empty} testId={testId} />
}
