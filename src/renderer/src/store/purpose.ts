// The purpose in force for each section that accesses ALPR information (search, footage). An access begins
// with its purpose (DOMAIN.md): it is cleared when the person leaves the section, signs out or is signed out.
import { create } from 'zustand'
import type { PurposeInput } from '../../../shared/contract/purpose'
import { alpr, type AppErrorData, type Result } from '../api'
import { signedInCall, useApp, type Section } from './session'

export type PurposeSection = Extract<Section, 'search' | 'footage'>

export interface ActivePurpose {
  /** Changes with every purpose accepted: screens key their state on it, so results never outlive their purpose. */
  id: number
  /** What every ALPR call of the section sends as `purpose`. */
  input: PurposeInput
  /** The purpose as the core words it (and the access log records it). */
  text: string
  acceptedAt: number
}

interface PurposeState {
  bySection: Partial<Record<PurposeSection, ActivePurpose>>
  /** The last purpose of a section, kept while it is being changed, to fill the form again. */
  draft: Partial<Record<PurposeSection, PurposeInput>>
  /** Why the purpose of a section stopped being in force (a call refused it), shown in the purpose panel. */
  refusal: Partial<Record<PurposeSection, AppErrorData>>
  accept(section: PurposeSection, input: PurposeInput, text: string): void
  /** "Change purpose": the purpose ends, and the form opens filled with it. */
  change(section: PurposeSection): void
  end(section: PurposeSection): void
  endAll(): void
  /** A call of the section was refused for its purpose: the purpose ends and the refusal is shown. */
  refused(section: PurposeSection, error: AppErrorData): void
}

let nextId = 1

export const usePurposeStore = create<PurposeState>()((set, get) => ({
  bySection: {},
  draft: {},
  refusal: {},
  accept(section, input, text) {
    set((s) => ({
      bySection: { ...s.bySection, [section]: { id: nextId++, input, text, acceptedAt: Date.now() } },
      draft: { ...s.draft, [section]: undefined },
      refusal: { ...s.refusal, [section]: undefined },
    }))
  },
  change(section) {
    const current = get().bySection[section]
    set((s) => ({
      bySection: { ...s.bySection, [section]: undefined },
      draft: { ...s.draft, [section]: current?.input },
      refusal: { ...s.refusal, [section]: undefined },
    }))
  },
  end(section) {
    set((s) => ({
      bySection: { ...s.bySection, [section]: undefined },
      draft: { ...s.draft, [section]: undefined },
      refusal: { ...s.refusal, [section]: undefined },
    }))
  },
  endAll() {
    set({ bySection: {}, draft: {}, refusal: {} })
  },
  refused(section, error) {
    const current = get().bySection[section]
    set((s) => ({
      bySection: { ...s.bySection, [section]: undefined },
      draft: { ...s.draft, [section]: current?.input },
      refusal: { ...s.refusal, [section]: error },
    }))
  },
}))

/** The purpose in force for a section, or null: nothing of the section is shown or callable without one. */
export function usePurpose(section: PurposeSection): ActivePurpose | null {
  return usePurposeStore((s) => s.bySection[section] ?? null)
}

export const PURPOSE_CODES = new Set(['PURPOSE_REQUIRED', 'PURPOSE_TOO_VAGUE', 'PURPOSE_FORBIDDEN_CONTENT'])

/** Whether a refusal is about the purpose (so the purpose ends and the person enters another). */
export function isPurposeRefusal(error: AppErrorData): boolean {
  return PURPOSE_CODES.has(error.code)
}

/**
 * Runs an ALPR call of a section under its purpose. A refusal of the purpose itself ends it (the panel
 * shows why); any other answer is passed on for the screen to show.
 */
export async function withPurpose<T>(section: PurposeSection, call: (purpose: PurposeInput) => Promise<Result<T>>): Promise<Result<T>> {
  const purpose = usePurposeStore.getState().bySection[section]
  if (!purpose) {
    return { ok: false, error: { code: 'PURPOSE_REQUIRED', message: 'This is an access to ALPR information. Enter a case or incident number, or a suspect’s last name.' } }
  }
  const result = await signedInCall(() => call(purpose.input))
  // Only the purpose the call was made under ends; one accepted meanwhile stays.
  if (!result.ok && isPurposeRefusal(result.error) && usePurposeStore.getState().bySection[section]?.id === purpose.id) {
    usePurposeStore.getState().refused(section, result.error)
  }
  return result
}

/** Trims the fields and leaves out the empty ones, as the core expects. */
export function cleanPurpose(input: PurposeInput): PurposeInput {
  const out: PurposeInput = {}
  const caseNumber = input.caseNumber?.trim()
  const lastName = input.lastName?.trim()
  const note = input.note?.trim()
  if (caseNumber) out.caseNumber = caseNumber
  if (lastName) out.lastName = lastName
  if (note) out.note = note
  return out
}

/** The agency's case-number example for the purpose form's placeholder (null when it cannot be had). */
export async function caseNumberExample(): Promise<string | null> {
  const result = await signedInCall(() => alpr().purpose.format({}))
  return result.ok ? result.value.caseNumberExample : null
}

/** Asks the core whether a purpose is acceptable; on success it is in force for the section. */
export async function checkPurpose(section: PurposeSection, input: PurposeInput): Promise<Result<ActivePurpose>> {
  const purpose = cleanPurpose(input)
  const result = await signedInCall(() => alpr().purpose.check({ purpose }))
  if (!result.ok) return result
  usePurposeStore.getState().accept(section, purpose, result.value.text)
  const accepted = usePurposeStore.getState().bySection[section]
  return accepted ? { ok: true, value: accepted } : { ok: false, error: { code: 'INTERNAL', message: 'The purpose could not be kept.' } }
}

// Leaving a section ends its purpose; signing out, being signed out, or another person signing in ends all.
useApp.subscribe((state, previous) => {
  const signedIn = (phase: typeof state.phase) => phase === 'app' || phase === 'locked'
  const personChanged = state.session?.user.id !== previous.session?.user.id
  if (personChanged || (signedIn(previous.phase) && !signedIn(state.phase))) {
    usePurposeStore.getState().endAll()
    return
  }
  if (state.section !== previous.section && (previous.section === 'search' || previous.section === 'footage')) {
    usePurposeStore.getState().end(previous.section)
  }
})
