// Footage review: with a purpose in force, an investigator processes a video file (or a folder of them) for
// plate reads, follows the progress, and reviews each file's reads on its timeline beside the video.
import { useCallback, useEffect, useState } from 'react'
import type { FootageJob } from '../../../shared/models'
import { alpr, type AppErrorData } from '../api'
import { ErrorAlert } from '../components/Alert'
import { PurposePanel } from '../components/PurposePanel'
import { SectionHeader } from '../components/SectionHeader'
import { signedInCall } from '../store/session'
import { usePurpose } from '../store/purpose'
import { FootageJobs } from './footage/FootageJobs'
import { FootageReview } from './footage/FootageReview'
import { FootageStart } from './footage/FootageStart'
import './footage/footage.css'

// Every call is written to the access log: the bar refreshes every two seconds, not continuously.
const POLL_MS = 2000
const isActive = (job: FootageJob) => job.status === 'queued' || job.status === 'running'

export function FootageScreen() {
  const purpose = usePurpose('footage')
  return (
    <>
      <SectionHeader title="Footage">
        Process recorded video for a case and review its plate reads on the video’s timeline. The purpose must name the case number: reads
        found are stored with the file’s name, SHA-256 and the case, and kept under a hold for that case (Governance → Retention and
        holds) until it is released. They raise no hot-list alerts.
      </SectionHeader>
      <PurposePanel section="footage" access="review footage" />
      {purpose ? <FootageWork key={purpose.id} purposeId={purpose.id} /> : null}
    </>
  )
}

function FootageWork({ purposeId }: { purposeId: number }) {
  const [jobs, setJobs] = useState<FootageJob[]>([])
  const [error, setError] = useState<AppErrorData | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState<string | null>(null)

  const merge = useCallback((updated: FootageJob[]) => {
    setJobs((current) => {
      const byId = new Map(updated.map((j) => [j.id, j]))
      const known = new Set(current.map((j) => j.id))
      return [...updated.filter((j) => !known.has(j.id)), ...current.map((j) => byId.get(j.id) ?? j)]
    })
  }, [])

  useEffect(() => {
    void signedInCall(() => alpr().footage.jobs({})).then((result) => {
      if (result.ok) setJobs(result.value)
      else setError(result.error)
    })
  }, [])

  // The progress bars: only the jobs still going are asked about.
  const activeIds = jobs.filter(isActive).map((j) => j.id).join(',')
  useEffect(() => {
    if (!activeIds) return
    const timer = setInterval(() => {
      void signedInCall(() => alpr().footage.progress({ jobIds: activeIds.split(',') })).then((result) => {
        if (result.ok) merge(result.value)
      })
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [activeIds, merge])

  async function cancel(job: FootageJob) {
    setCancelling(job.id)
    const result = await signedInCall(() => alpr().footage.cancel({ jobId: job.id }))
    setCancelling(null)
    if (result.ok) merge([result.value])
    else setError(result.error)
  }

  function started(newJobs: FootageJob[]) {
    merge(newJobs)
    setError(null)
    if (newJobs[0]) setSelectedId(newJobs[0].id)
  }

  const selected = jobs.find((j) => j.id === selectedId && j.status !== 'queued' && !(j.status === 'failed' && j.readsFound === 0)) ?? null
  return (
    <>
      <FootageStart onStarted={started} />
      <ErrorAlert error={error} />
      <FootageJobs jobs={jobs} selectedId={selected?.id ?? null} cancelling={cancelling} onCancel={(j) => void cancel(j)} onReview={(j) => setSelectedId(j.id)} />
      {selected ? <FootageReview key={selected.id} job={selected} purposeId={purposeId} /> : null}
    </>
  )
}
