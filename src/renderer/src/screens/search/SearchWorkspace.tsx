// Everything of the Search screen that exists only under a purpose: the filters, the results streaming in
// pages, the selection for export and the read detail. It is mounted afresh for each purpose accepted, so
// nothing found under one purpose is shown under the next.
import { useEffect, useMemo, useRef, useState } from 'react'
import type { ReadDetail, ReadSearchPage, ReadSummary, SearchCamera } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { ErrorAlert } from '../../components/Alert'
import { signedInCall } from '../../store/session'
import { withPurpose } from '../../store/purpose'
import { ExportBar } from './ExportBar'
import { ReadDetailDialog } from './ReadDetailDialog'
import { ResultsTable } from './ResultsTable'
import { SearchFilters } from './SearchFilters'
import { countText, describeFilters, EMPTY_FORM, problemsFromCore, toFilters, type FormProblems, type SearchFilters as Filters, type SearchForm } from './search-query'

/** Reads per page: a screenful to look through, small enough to arrive at once. */
export const PAGE_SIZE = 50

interface Results {
  filters: Filters
  reads: ReadSummary[]
  nextCursor: string | null
  hasMore: boolean
  count: number
  countCapped: boolean
}

export function SearchWorkspace() {
  const [form, setForm] = useState<SearchForm>(EMPTY_FORM)
  const [problems, setProblems] = useState<FormProblems>({})
  const [cameras, setCameras] = useState<SearchCamera[] | null>(null)
  const [camerasError, setCamerasError] = useState<AppErrorData | null>(null)
  const [results, setResults] = useState<Results | null>(null)
  const [busy, setBusy] = useState<'search' | 'more' | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const [openRead, setOpenRead] = useState<number | null>(null)
  const plateRef = useRef<HTMLInputElement>(null)
  const resultsRef = useRef<HTMLHeadingElement>(null)
  // Answers to an earlier search that arrive after a newer one started are dropped.
  const generation = useRef(0)

  useEffect(() => {
    plateRef.current?.focus()
    let live = true
    void signedInCall(() => alpr().search.cameras({})).then((result) => {
      if (!live) return
      if (result.ok) setCameras(result.value)
      else setCamerasError(result.error)
    })
    return () => {
      live = false
    }
  }, [])

  const cameraNames = useMemo(() => new Map((cameras ?? []).map((c) => [c.id, c.name])), [cameras])

  async function fetchPage(filters: Filters, cursor: string | null): Promise<{ ok: true; page: ReadSearchPage } | { ok: false; error: AppErrorData }> {
    const result = await withPurpose('search', (purpose) =>
      alpr().search.reads({ purpose, ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    )
    return result.ok ? { ok: true, page: result.value } : { ok: false, error: result.error }
  }

  async function search() {
    const parsed = toFilters(form)
    if ('problems' in parsed) {
      setProblems(parsed.problems)
      setError({ code: 'INVALID_INPUT', message: 'Some filters need correcting; each problem is shown under its field.' })
      return
    }
    const run = ++generation.current
    setProblems({})
    setError(null)
    setBusy('search')
    const answer = await fetchPage(parsed.filters, null)
    if (run !== generation.current) return
    setBusy(null)
    if (!answer.ok) {
      setError(answer.error)
      setProblems(problemsFromCore(answer.error.details))
      return
    }
    const { page } = answer
    setSelected(new Set())
    setResults({
      filters: parsed.filters,
      reads: page.reads,
      nextCursor: page.nextCursor,
      hasMore: page.hasMore,
      count: page.count ?? page.reads.length,
      countCapped: page.countCapped,
    })
    resultsRef.current?.focus({ preventScroll: false })
  }

  async function loadMore() {
    if (!results?.nextCursor) return
    const run = generation.current
    setBusy('more')
    setError(null)
    const answer = await fetchPage(results.filters, results.nextCursor)
    if (run !== generation.current) return
    setBusy(null)
    if (!answer.ok) {
      setError(answer.error)
      return
    }
    const { page } = answer
    setResults((r) =>
      r
        ? {
            ...r,
            // The cursor is keyset-based, so pages do not overlap; the filter keeps a row from showing twice regardless.
            reads: [...r.reads, ...page.reads.filter((n) => !r.reads.some((o) => o.id === n.id))],
            nextCursor: page.nextCursor,
            hasMore: page.hasMore,
          }
        : r,
    )
  }

  const clear = () => {
    generation.current++
    setForm(EMPTY_FORM)
    setProblems({})
    setError(null)
    setResults(null)
    setSelected(new Set())
    setBusy(null)
    plateRef.current?.focus()
  }

  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  const toggleAll = (on: boolean) => setSelected(on ? new Set(results?.reads.map((r) => r.id)) : new Set())

  const corrected = (detail: ReadDetail) =>
    setResults((r) =>
      r ? { ...r, reads: r.reads.map((read) => (read.id === detail.id ? { ...read, plate: detail.plate, state: detail.state, corrected: detail.corrected } : read)) } : r,
    )

  const selectedIds = results ? results.reads.filter((r) => selected.has(r.id)).map((r) => r.id) : []

  return (
    <>
      <SearchFilters
        form={form}
        onChange={setForm}
        cameras={cameras}
        camerasError={camerasError}
        problems={problems}
        busy={busy === 'search'}
        onSubmit={() => void search()}
        onClear={clear}
        plateRef={plateRef}
      />
      <ErrorAlert error={error} title={error?.code === 'INVALID_INPUT' ? undefined : 'The search was refused.'} />
      <section className="search-results" aria-labelledby="results-title">
        <h2 id="results-title" ref={resultsRef} tabIndex={-1}>
          Results
        </h2>
        {results === null ? (
          <p className="muted">{busy === 'search' ? 'Searching…' : 'Set the filters and press Search. Results appear here, newest first unless you choose otherwise.'}</p>
        ) : results.reads.length === 0 ? (
          <div className="empty-state search-empty" data-testid="results-empty">
            <p className="empty-what">No reads match {describeFilters(results.filters, cameraNames)}.</p>
            <p className="muted">Try a wildcard or a similar-plate search, a wider time range, or fewer filters. Reads older than the retention period are deleted unless held.</p>
          </div>
        ) : (
          <>
            <p className="results-summary" data-testid="results-count" aria-live="polite">
              <strong>{countText(results.count, results.countCapped)}</strong> for {describeFilters(results.filters, cameraNames)}.{' '}
              <span className="muted">Showing {results.reads.length.toLocaleString('en-US')}.</span>
            </p>
            <ExportBar selectedIds={selectedIds} onClearSelection={() => setSelected(new Set())} />
            <ResultsTable
              reads={results.reads}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
              onOpen={(read) => setOpenRead(read.id)}
              similar={results.filters.similar !== undefined}
            />
            <div className="results-more">
              {results.hasMore ? (
                <Button onClick={() => void loadMore()} busy={busy === 'more'}>
                  Load {PAGE_SIZE} more
                </Button>
              ) : (
                <p className="muted">All {results.reads.length.toLocaleString('en-US')} matching reads are shown.</p>
              )}
            </div>
          </>
        )}
      </section>
      {openRead !== null ? <ReadDetailDialog readId={openRead} onClose={() => setOpenRead(null)} onCorrected={corrected} /> : null}
    </>
  )
}
