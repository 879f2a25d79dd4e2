// The purpose of an access to ALPR information, entered each time an access begins (DOMAIN.md): a case or
// incident number, or a suspect's last name, plus an optional note. The core checks it and its refusal is
// shown beside the field it concerns; once accepted, the purpose in force is shown plainly above the section.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { PurposeInput } from '../../../shared/contract/purpose'
import type { AppErrorData } from '../api'
import { Button } from './Button'
import { Field } from './Field'
import { caseNumberExample as fetchCaseNumberExample, checkPurpose, usePurpose, usePurposeStore, type PurposeSection } from '../store/purpose'
import './purpose-panel.css'

type PurposeField = 'caseNumber' | 'lastName' | 'note'

/** Which field a refusal concerns: the one holding the text the core quoted, else the case number. */
export function refusedField(error: AppErrorData, input: PurposeInput): PurposeField {
  const quoted = [...error.message.matchAll(/“([^”]+)”/g)].map((m) => (m[1] ?? '').toLowerCase())
  const fields: PurposeField[] = ['caseNumber', 'lastName', 'note']
  for (const field of fields) {
    const value = input[field]?.trim().toLowerCase()
    if (value && quoted.some((q) => q && value.includes(q))) return field
  }
  if (input.lastName?.trim() && !input.caseNumber?.trim() && /last name/i.test(error.message)) return 'lastName'
  return 'caseNumber'
}

export interface PurposePanelProps {
  section: PurposeSection
  /** What the purpose is for, in the person's words: "search plate reads", "review footage". */
  access: string
  /** The agency's case-number example, when this screen knows it (a placeholder otherwise). */
  caseNumberExample?: string | undefined
  /** Called once a purpose is accepted (for example, to move the focus to the first control). */
  onAccepted?(): void
}

/** The purpose form until a purpose is in force, then one line saying which purpose is in force. */
export function PurposePanel(props: PurposePanelProps) {
  const purpose = usePurpose(props.section)
  return purpose ? <PurposeInForceBar section={props.section} text={purpose.text} /> : <PurposeForm {...props} />
}

function PurposeInForceBar({ section, text }: { section: PurposeSection; text: string }) {
  const change = usePurposeStore((s) => s.change)
  const end = usePurposeStore((s) => s.end)
  return (
    <div className="purpose-bar" data-testid="purpose-in-force" role="status">
      <p className="purpose-bar-text">
        <span className="purpose-bar-label">Purpose in force:</span> <strong>{text}</strong>
      </p>
      <div className="purpose-bar-actions">
        <Button size="small" onClick={() => change(section)}>
          Change purpose
        </Button>
        <Button size="small" variant="ghost" onClick={() => end(section)}>
          End
        </Button>
      </div>
    </div>
  )
}

function PurposeForm({ section, access, caseNumberExample, onAccepted }: PurposePanelProps) {
  const draft = usePurposeStore((s) => s.draft[section])
  const earlierRefusal = usePurposeStore((s) => s.refusal[section])
  const [caseNumber, setCaseNumber] = useState(draft?.caseNumber ?? '')
  const [lastName, setLastName] = useState(draft?.lastName ?? '')
  const [note, setNote] = useState(draft?.note ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(earlierRefusal ?? null)
  // Decided when the refusal arrives, so it stays beside its field while the person corrects it.
  const [field, setField] = useState<PurposeField | null>(() => (earlierRefusal && draft ? refusedField(earlierRefusal, draft) : null))
  const caseRef = useRef<HTMLInputElement>(null)
  const [example, setExample] = useState(caseNumberExample ?? null)
  useEffect(() => {
    if (caseNumberExample) return
    let live = true
    void fetchCaseNumberExample().then((value) => live && setExample(value))
    return () => {
      live = false
    }
  }, [caseNumberExample])

  useEffect(() => {
    caseRef.current?.focus({ preventScroll: true })
  }, [])

  const input: PurposeInput = { caseNumber, lastName, note }
  const errorFor = (f: PurposeField) => (field === f ? error?.message : undefined)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const result = await checkPurpose(section, input)
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      setField(refusedField(result.error, input))
      return
    }
    onAccepted?.()
  }

  return (
    <section className="panel purpose-panel" aria-labelledby={`purpose-${section}-title`}>
      <h2 id={`purpose-${section}-title`}>Purpose of this access</h2>
      <p className="muted">
        To {access}, name the investigation: a case or incident number, or a suspect’s last name. The purpose is written to the
        access log with everything you look at. Do not enter criminal history, CLETS or NCIC information, or personal identifiers
        beyond a last name.
      </p>
      <form className="form purpose-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="purpose-fields">
          <Field
            label="Case or incident number"
            value={caseNumber}
            onChange={setCaseNumber}
            inputRef={caseRef}
            placeholder={example ? `for example ${example}` : 'as written on the case'}
            error={errorFor('caseNumber')}
            maxLength={40}
            autoComplete="off"
            mono
          />
          <p className="purpose-or" aria-hidden="true">
            or
          </p>
          <Field
            label="Suspect’s last name"
            value={lastName}
            onChange={setLastName}
            error={errorFor('lastName')}
            maxLength={60}
            autoComplete="off"
          />
        </div>
        <Field
          label="Note (optional)"
          value={note}
          onChange={setNote}
          error={errorFor('note')}
          maxLength={200}
          autoComplete="off"
          hint="A few words on what you are looking for; no identifiers or criminal history."
          className="purpose-note"
        />
        {/* The refusal is shown beside its field; this announces it once to screen readers. */}
        {error ? (
          <div className="visually-hidden" role="alert">
            {error.message}
          </div>
        ) : null}
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy}>
            Use this purpose
          </Button>
        </div>
      </form>
    </section>
  )
}
