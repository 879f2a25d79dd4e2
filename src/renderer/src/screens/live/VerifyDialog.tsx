// Verifying a hit (DOMAIN.md "Hot lists and hits"): what the camera saw (crop, scene, the read character by
// character with its confidence, the read's state) beside the hot-list record and the list's age; three checks
// recorded one at a time; then the disposition. "Confirmed" is offered only when all three checks passed, and
// every refusal is the core's own sentence. A modal <dialog>: focus moves in, Escape closes.
import { useEffect, useId, useRef, useState } from 'react'
import type { HitAlert, HitDetail, HitDisposition } from '../../../../shared/models'
import type { AppErrorData, Result } from '../../api'
import { ErrorAlert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { formatDate, formatDateTime, formatTime } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useLive } from '../../store/live'
import {
  allChecksPassed,
  alertColor,
  DISPOSITION_HINTS,
  DISPOSITION_LABELS,
  describeDifferences,
  LOW_CHAR_CONFIDENCE,
  listAge,
  matchLabel,
  verificationStatus,
} from './live-format'
import { PlateText } from './PlateText'

type CheckKind = 'visual' | 'state' | 'clets'
const DISPOSITIONS: HitDisposition[] = ['confirmed', 'misread', 'wrong_state', 'not_actionable', 'dismissed']

function ReadCharacters({ detail }: { detail: HitDetail }) {
  const chars = detail.readChars.length > 0 ? detail.readChars : [...detail.readPlate].map((char) => ({ char, confidence: detail.readConfidence }))
  const low = chars.filter((c) => c.confidence < LOW_CHAR_CONFIDENCE).length
  return (
    <div>
      <ol className="read-chars" aria-label="Read text, character by character with confidence" data-testid="read-chars">
        {chars.map((c, i) => {
          const isLow = c.confidence < LOW_CHAR_CONFIDENCE
          return (
            <li key={i} className={isLow ? 'is-low' : undefined} aria-label={`Character ${i + 1}: ${c.char}, ${Math.round(c.confidence * 100)}%${isLow ? ', low confidence' : ''}`}>
              <span className="read-char">{c.char}</span>
              <span className="read-conf">{Math.round(c.confidence * 100)}%</span>
            </li>
          )
        })}
      </ol>
      <p className={low > 0 ? 'low-note' : 'muted small'}>
        {low > 0
          ? `${low} character${low === 1 ? '' : 's'} read with low confidence (below ${Math.round(LOW_CHAR_CONFIDENCE * 100)}%, highlighted): compare ${low === 1 ? 'it' : 'them'} with the crop.`
          : `Every character read with at least ${Math.round(LOW_CHAR_CONFIDENCE * 100)}% confidence.`}
      </p>
    </div>
  )
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function recordedText(value: boolean | null, yes: string, no: string): string {
  return value === null ? 'Not recorded yet' : value ? yes : no
}

function CheckStep(props: {
  index: number
  title: string
  help: string
  value: boolean | null
  yes: string
  no: string
  recordedYes: string
  recordedNo: string
  disabled: boolean
  /** The step being recorded (any step or the disposition): every button waits. */
  busy: CheckKind | 'dispose' | null
  kind: CheckKind
  onRecord(passed: boolean): void
  children?: React.ReactNode
}) {
  const { value } = props
  return (
    <li className={`check-step ${value === true ? 'is-passed' : value === false ? 'is-failed' : ''}`} data-testid={`check-${props.kind}`}>
      <div className="check-step-text">
        <h4>
          {props.index}. {props.title}
        </h4>
        <p className="muted small">{props.help}</p>
        {props.children}
      </div>
      <div className="check-step-actions">
        <p className="check-recorded" aria-live="polite">
          <span aria-hidden="true">{value === null ? '○' : value ? '✓' : '✗'}</span>{' '}
          {props.busy === props.kind ? 'Recording…' : recordedText(value, props.recordedYes, props.recordedNo)}
        </p>
        {props.disabled ? null : (
          <div className="actions">
            <Button size="small" variant={value === true ? 'primary' : 'secondary'} aria-pressed={value === true} onClick={() => props.onRecord(true)}>
              {props.yes}
            </Button>
            <Button size="small" variant={value === false ? 'primary' : 'secondary'} aria-pressed={value === false} onClick={() => props.onRecord(false)}>
              {props.no}
            </Button>
          </div>
        )}
      </div>
    </li>
  )
}

function Verification({ detail, onRecorded }: { detail: HitDetail; onRecorded(message: string): void }) {
  const check = useLive((s) => s.check)
  const dispose = useLive((s) => s.dispose)
  const [busy, setBusy] = useState<CheckKind | 'dispose' | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [cletsResult, setCletsResult] = useState(detail.cletsResult ?? '')
  const [choice, setChoice] = useState<HitDisposition | null>(null)
  const [note, setNote] = useState('')
  const final = detail.disposition !== null
  const passed = allChecksPassed(detail)
  const ids = useId()
  const cletsRef = useRef<HTMLInputElement>(null)
  const cletsError = error?.details?.result

  useEffect(() => {
    if (choice === 'confirmed' && !passed) setChoice(null)
  }, [choice, passed])

  // Buttons stay enabled while a call runs (a disabled button would drop the keyboard focus); a second press waits.
  const running = useRef(false)
  async function run(kind: CheckKind | 'dispose', call: () => Promise<Result<HitAlert>>, message: (a: HitAlert) => string) {
    if (running.current) return
    running.current = true
    setBusy(kind)
    setError(null)
    const result = await call()
    running.current = false
    setBusy(null)
    if (result.ok) onRecorded(message(result.value))
    else {
      setError(result.error)
      // A refusal about the CLETS answer puts the cursor where the answer goes.
      if (result.error.details?.result) cletsRef.current?.focus()
    }
  }

  const record = (kind: CheckKind, ok: boolean, label: string) =>
    run(kind, () => check(detail.id, kind, ok, kind === 'clets' && cletsResult.trim() ? cletsResult.trim() : undefined), () => `Recorded: ${label}.`)

  return (
    <>
      <section className="verify-checks" aria-labelledby={`${ids}-checks`}>
        <h3 id={`${ids}-checks`}>Checks</h3>
        <ol>
          <CheckStep
            index={1}
            kind="visual"
            title="Plate characters match visually"
            help="Compare the crop and the scene with the listed plate, character by character; look hard at the highlighted ones."
            value={detail.visualMatch}
            yes="Characters match"
            no="Characters differ"
            recordedYes="Recorded: characters match"
            recordedNo="Recorded: characters differ"
            disabled={final}
            busy={busy}
            onRecord={(ok) => void record('visual', ok, ok ? 'characters match' : 'characters differ')}
          />
          <CheckStep
            index={2}
            kind="state"
            title="State matches"
            help={`Read: ${detail.readState ?? 'state not read'} · Listed: ${detail.entryState ?? 'no state listed'}. Check the plate's state in the crop or scene.`}
            value={detail.stateMatch}
            yes="State matches"
            no="State differs"
            recordedYes="Recorded: state matches"
            recordedNo="Recorded: state differs"
            disabled={final}
            busy={busy}
            onRecord={(ok) => void record('state', ok, ok ? 'state matches' : 'state differs')}
          />
          <CheckStep
            index={3}
            kind="clets"
            title="Re-checked through CLETS/NCIC"
            help="Run the plate through CLETS/NCIC now: the hot list may be hours old and the entry may have been cleared."
            value={detail.cletsChecked}
            yes="Entry still active"
            no="Not active / not found"
            recordedYes={`Recorded: entry still active${detail.cletsResult ? ` — “${detail.cletsResult}”` : ''}`}
            recordedNo={`Recorded: not active or not found${detail.cletsResult ? ` — “${detail.cletsResult}”` : ''}`}
            disabled={final}
            busy={busy}
            onRecord={(ok) => void record('clets', ok, ok ? 'CLETS/NCIC entry still active' : 'CLETS/NCIC entry not active')}
          >
            {final ? null : (
              <div className="field">
                <label htmlFor={`${ids}-clets`}>CLETS/NCIC answer</label>
                <input
                  id={`${ids}-clets`}
                  ref={cletsRef}
                  value={cletsResult}
                  maxLength={500}
                  onChange={(e) => setCletsResult(e.target.value)}
                  placeholder="For example: still active, stolen 2026-11-02"
                  spellCheck={false}
                  aria-invalid={cletsError ? true : undefined}
                  aria-describedby={cletsError ? `${ids}-clets-error` : undefined}
                />
                {cletsError ? (
                  <p className="field-error" id={`${ids}-clets-error`}>
                    {cletsError}
                  </p>
                ) : null}
              </div>
            )}
          </CheckStep>
        </ol>
      </section>

      <section className="verify-disposition" aria-labelledby={`${ids}-disp`}>
        <h3 id={`${ids}-disp`}>Disposition</h3>
        {final ? (
          <p className={`disposition-final tone-${verificationStatus(detail).tone}`} data-testid="disposition-final">
            {verificationStatus(detail).text}
            {detail.dispositionNote ? <span className="muted"> — “{detail.dispositionNote}”</span> : null}
          </p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              if (!choice) {
                setError({ code: 'INVALID_INPUT', message: 'Choose a disposition first.' })
                return
              }
              void run('dispose', () => dispose(detail.id, choice, note.trim() || undefined), (a) => `Disposition recorded: ${DISPOSITION_LABELS[a.disposition ?? choice]}.`)
            }}
          >
            <fieldset className="disposition-options">
              <legend className="visually-hidden">Disposition</legend>
              {DISPOSITIONS.map((d) => {
                const blocked = d === 'confirmed' && !passed
                return (
                  <label key={d} className={`disposition-option ${blocked ? 'is-disabled' : ''} ${choice === d ? 'is-chosen' : ''}`}>
                    <input type="radio" name={`${ids}-disposition`} value={d} checked={choice === d} disabled={blocked} onChange={() => setChoice(d)} />
                    <span>
                      <span className="disposition-name">{DISPOSITION_LABELS[d]}</span>
                      <span className="muted small">{blocked ? 'Available only when all three checks passed.' : DISPOSITION_HINTS[d]}</span>
                    </span>
                  </label>
                )
              })}
            </fieldset>
            <div className="field">
              <label htmlFor={`${ids}-note`}>Note (optional)</label>
              <textarea id={`${ids}-note`} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="actions">
              <Button type="submit" variant="primary" aria-busy={busy === 'dispose' || undefined}>
                {busy === 'dispose' ? 'Recording…' : 'Record disposition'}
              </Button>
              <span className="muted small">A disposition is final and is recorded in the access log.</span>
            </div>
          </form>
        )}
      </section>
      <ErrorAlert error={error} labels={{ result: 'CLETS/NCIC answer', note: 'Note', disposition: 'Disposition' }} />
    </>
  )
}

function Detail({ detail, onRecorded }: { detail: HitDetail; onRecorded(message: string): void }) {
  const now = useNow(30_000)
  const age = listAge(detail.listRefreshedAt, now)
  const status = verificationStatus(detail)
  const possible = detail.match === 'possible'
  return (
    <>
      <p className={`verify-banner tone-${status.tone}`} data-testid="verify-banner">
        {status.text}
      </p>
      <div className="verify-compare">
        <section className="verify-side" aria-labelledby="verify-read-title">
          <h3 id="verify-read-title">What the camera read</h3>
          <div className="verify-images">
            <figure>
              {detail.crop ? <img className="verify-crop" src={detail.crop} alt={`Plate crop of the read ${detail.readPlate}`} /> : <div className="image-missing">No plate crop stored</div>}
              <figcaption className="muted small">Plate crop</figcaption>
            </figure>
            <figure>
              {detail.scene ? <img className="verify-scene" src={detail.scene} alt="Scene image of the read" /> : <div className="image-missing">No scene image stored</div>}
              <figcaption className="muted small">Scene</figcaption>
            </figure>
          </div>
          <ReadCharacters detail={detail} />
          <dl className="verify-facts">
            <Fact label="Read">
              <PlateText plate={detail.readPlate} compareTo={possible ? detail.entryPlate : undefined} />
            </Fact>
            <Fact label="State read">{detail.readState ?? 'Not read'}</Fact>
            <Fact label="Confidence">{Math.round(detail.readConfidence * 100)}%</Fact>
            <Fact label="Camera">
              {detail.cameraName ?? '—'}
              {detail.cameraLocation ? <span className="muted"> · {detail.cameraLocation}</span> : null}
            </Fact>
            <Fact label="Read at">{formatDateTime(detail.readAt)}</Fact>
            {detail.latitude !== null && detail.longitude !== null ? (
              <Fact label="Position">
                <span className="tabular">
                  {detail.latitude.toFixed(5)}, {detail.longitude.toFixed(5)}
                </span>
              </Fact>
            ) : null}
          </dl>
        </section>
        <section className="verify-side verify-record" aria-labelledby="verify-record-title" style={{ ['--list-color' as string]: alertColor(detail) }}>
          <h3 id="verify-record-title">Hot-list record</h3>
          <p className={`match-badge ${possible ? 'match-possible' : 'match-exact'}`}>{matchLabel(detail)}</p>
          {possible ? (
            <p className="differences" data-testid="verify-differences">
              {describeDifferences(detail.readPlate, detail.entryPlate).join('; ')}
            </p>
          ) : null}
          <dl className="verify-facts">
            <Fact label="Listed plate">
              <PlateText plate={detail.entryPlate} compareTo={possible ? detail.readPlate : undefined} size="large" />
            </Fact>
            <Fact label="State">{detail.entryState ?? 'Not listed'}</Fact>
            <Fact label="Vehicle">{detail.entryVehicle || '—'}</Fact>
            <Fact label="Reason">{detail.entryReason || '—'}</Fact>
            <Fact label="List">
              {detail.listName} <span className="muted">· priority {detail.priority}</span>
              {detail.covert ? <span className="badge badge-warning">Covert</span> : null}
            </Fact>
            <Fact label="Source reference">{detail.entrySourceRef || '—'}</Fact>
            <Fact label="Entered">{formatDate(detail.entryEnteredAt)}</Fact>
            <Fact label="List age">
              <span className={age.stale ? 'stale-text' : undefined} data-testid="verify-list-age">
                {age.stale ? 'Stale: ' : ''}
                {age.text}
                {detail.listRefreshedAt !== null ? <span className="muted"> ({formatDateTime(detail.listRefreshedAt)})</span> : null}
              </span>
            </Fact>
          </dl>
          {detail.acknowledgedAt !== null ? (
            <p className="muted small">
              Opened by {detail.acknowledgedBy ?? 'a dispatcher'} at {formatTime(detail.acknowledgedAt)}.
            </p>
          ) : null}
        </section>
      </div>
      <Verification key={detail.id} detail={detail} onRecorded={onRecorded} />
    </>
  )
}

export function VerifyDialog({ onClose }: { onClose(): void }) {
  const openHitId = useLive((s) => s.openHitId)
  const detail = useLive((s) => s.detail)
  const error = useLive((s) => s.detailError)
  // Alerts that arrive while this dialog covers the panel must not go unseen.
  const waiting = useLive((s) => s.alerts.filter((a) => a.acknowledgedAt === null && a.id !== s.openHitId).length)
  const ref = useRef<HTMLDialogElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)
  const [message, setMessage] = useState<string | null>(null)
  const open = openHitId !== null

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      closeRef.current?.focus()
    } else if (!open && dialog.open) dialog.close()
  }, [open])

  useEffect(() => setMessage(null), [openHitId])

  return (
    <dialog
      ref={ref}
      className="dialog verify-dialog"
      aria-labelledby="verify-title"
      data-testid="verify-dialog"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      {open ? (
        <div className="dialog-body">
          <div className="verify-head">
            <h2 id="verify-title">
              Verify hit{detail ? <> · <span className="plate">{detail.readPlate}</span></> : null}
            </h2>
            <Button ref={closeRef} onClick={onClose}>
              Close
            </Button>
          </div>
          {waiting > 0 ? (
            <p className="waiting-alerts" role="status" data-testid="waiting-alerts">
              {waiting} other alert{waiting === 1 ? '' : 's'} not yet opened: close this verification to see {waiting === 1 ? 'it' : 'them'}.
            </p>
          ) : null}
          {error ? <ErrorAlert error={error} title="This hit could not be opened." /> : null}
          {!detail && !error ? <p className="muted">Loading the read’s images and the hot-list record…</p> : null}
          {detail ? (
            <Detail
              detail={detail}
              onRecorded={(m) => {
                setMessage(m)
                // After the final step the next sensible place is the way out.
                if (m.startsWith('Disposition')) closeRef.current?.focus()
              }}
            />
          ) : null}
          <p className="verify-message" role="status" data-testid="verify-message">
            {message}
          </p>
        </div>
      ) : null}
    </dialog>
  )
}
