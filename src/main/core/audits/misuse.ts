// Misuse detection over the access log (DOMAIN.md "Audits": flag patterns of misuse). A flag is a pattern for
// a person to look at, not a finding: the audit's performer decides what it means. The rules:
//
// - repeat-plate: one person queried the same plate at least `misuseRepeatPlateCount` times within any
//   `misuseRepeatPlateWindowDays` days (settings).
// - outside-hours: a search made outside the person's usual hours AND outside the agency's working hours
//   (`workingHoursStart` inclusive to `workingHoursEnd` exclusive, local time of this workstation; a start
//   after the end is a night shift that wraps past midnight; equal hours mean every hour is a working hour).
//   A person's usual hours are the hours of day in which they made at least USUAL_HOUR_SHARE of their
//   searches in the USUAL_HOURS_DAYS days before the period examined. With fewer than
//   USUAL_HOURS_MIN_SEARCHES searches in those days they have no usual hours yet, and the agency's working
//   hours alone decide. So a night-shift officer searching at 03:00 as usual is not flagged, while a
//   day-shift officer's 03:00 search is.
// - purpose-reuse: one person used the same purpose (its case number or last name, compared without case or
//   spacing, ignoring any note after it) to query at least PURPOSE_REUSE_PLATES different plates on at least
//   PURPOSE_REUSE_DAYS different days in the period: a case number used as a key to everything rather than
//   for the vehicles of one investigation.
// - refused-access: accesses refused because the purpose was missing, vague or carried forbidden content
//   (PURPOSE_*), or because the person's role does not allow it (PERMISSION_DENIED).
//
// Searches are the allowed entries of channels that access ALPR information, and any other allowed entry
// whose data elements name a `plate` (except reviews of the log itself: accessLog.*, audits.*).
import type { MisuseFlag } from '../../../shared/models'
import type { Settings } from '../settings/definitions'
import type { LogFact } from '../store/repositories/audits'
import { DAY } from '../clock'
import { isSearchEntry } from './channels'

export const PURPOSE_REUSE_PLATES = 10
export const PURPOSE_REUSE_DAYS = 5
/** How far back a person's usual hours are learned from, before the period examined. */
export const USUAL_HOURS_DAYS = 90
/** The least share of a person's searches an hour of day needs to count as one of their usual hours. */
export const USUAL_HOUR_SHARE = 0.05
/** With fewer searches in the history than this, a person has no usual hours and the agency's hours decide. */
export const USUAL_HOURS_MIN_SEARCHES = 20
const MAX_IDS = 50

type MisuseSettings = Pick<
  Settings,
  'misuseRepeatPlateCount' | 'misuseRepeatPlateWindowDays' | 'workingHoursStart' | 'workingHoursEnd'
>

export interface MisuseOptions {
  /** The hour of day (0–23) of a time at this workstation; local time unless a test says otherwise. */
  hourOf?: (at: number) => number
  /** The calendar day of a time at this workstation, as a comparable key. */
  dayOf?: (at: number) => string
  /** Facts of the USUAL_HOURS_DAYS days before the period, to learn each person's usual hours from. */
  history?: LogFact[]
}

const localHour = (at: number): number => new Date(at).getHours()
const localDay = (at: number): string => {
  const d = new Date(at)
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}

/** The rules in words, for the audit report and the screen. */
export function misuseRules(s: MisuseSettings): string[] {
  return [
    `Same plate repeatedly: one person querying one plate ${s.misuseRepeatPlateCount} times or more within ${s.misuseRepeatPlateWindowDays} day${s.misuseRepeatPlateWindowDays === 1 ? '' : 's'}.`,
    `Outside usual hours: searches outside both the person’s usual hours (the hours of day holding at least ${USUAL_HOUR_SHARE * 100}% of their searches in the ${USUAL_HOURS_DAYS} days before; none with fewer than ${USUAL_HOURS_MIN_SEARCHES} searches) and the agency’s working hours, ${hourText(s.workingHoursStart)}–${hourText(s.workingHoursEnd)} (workstation local time).`,
    `Purpose reused across unrelated searches: one person using one purpose for ${PURPOSE_REUSE_PLATES} or more different plates on ${PURPOSE_REUSE_DAYS} or more different days.`,
    'Refused accesses: searches refused for a missing, vague or forbidden purpose, or for lack of permission.',
  ]
}

const hourText = (h: number): string => `${String(h % 24).padStart(2, '0')}:00`

export function isWorkingHour(hour: number, start: number, end: number): boolean {
  if (start === end) return true
  return start < end ? hour >= start && hour < end : hour >= start || hour < end
}

/** The part of a logged purpose that names the investigation ("Case 24-012345"), normalized for comparison. */
export function purposeKey(purpose: string): string {
  const head = purpose.split(/:\s/)[0] ?? purpose
  return head.replace(/\s+/g, ' ').trim().toUpperCase()
}

const who = (f: LogFact): string => f.username ?? 'an unknown user'

function groupBy<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k === null) continue
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

function flag(kind: MisuseFlag['kind'], facts: LogFact[], summary: string, extra: Partial<MisuseFlag> = {}): MisuseFlag {
  const first = facts[0]!
  return {
    kind,
    userId: first.userId,
    username: first.username,
    summary,
    count: facts.length,
    // A loop, not Math.min(...facts): spreading a very long list overflows the stack.
    firstAt: facts.reduce((m, f) => Math.min(m, f.at), Infinity),
    lastAt: facts.reduce((m, f) => Math.max(m, f.at), -Infinity),
    entryIds: facts.slice(0, MAX_IDS).map((f) => f.id),
    plate: null,
    purpose: null,
    ...extra,
  }
}

/** Each person's usual hours of day, learned from their searches before the period (see the rules above). */
function usualHours(history: LogFact[], userKey: (f: LogFact) => string, hourOf: (at: number) => number): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>()
  for (const [user, searches] of groupBy(history, userKey)) {
    if (searches.length < USUAL_HOURS_MIN_SEARCHES) continue
    const perHour = new Map<number, number>()
    for (const f of searches) perHour.set(hourOf(f.at), (perHour.get(hourOf(f.at)) ?? 0) + 1)
    out.set(user, new Set([...perHour].filter(([, n]) => n >= USUAL_HOUR_SHARE * searches.length).map(([h]) => h)))
  }
  return out
}

/** Flags in the given facts (from AuditsRepository.misuseFacts), most serious kinds first, then by user. */
export function detectMisuse(
  facts: LogFact[],
  settings: MisuseSettings,
  alprChannels: Iterable<string>,
  options: MisuseOptions = {},
): MisuseFlag[] {
  const hourOf = options.hourOf ?? localHour
  const dayOf = options.dayOf ?? localDay
  const channels = new Set(alprChannels)
  const searches = facts.filter((f) => isSearchEntry(f, channels)).sort((a, b) => a.at - b.at || a.id - b.id)
  const userKey = (f: LogFact): string => f.userId ?? `name:${f.username ?? '?'}`
  const flags: MisuseFlag[] = []

  // Same plate repeatedly: the densest window per person and plate.
  const windowMs = settings.misuseRepeatPlateWindowDays * DAY
  for (const group of groupBy(searches, (f) => (f.plate ? `${userKey(f)}\u0000${f.plate}` : null)).values()) {
    let best: LogFact[] = []
    let start = 0
    for (let end = 0; end < group.length; end++) {
      while (group[end]!.at - group[start]!.at >= windowMs) start++
      if (end - start + 1 > best.length) best = group.slice(start, end + 1)
    }
    if (best.length >= settings.misuseRepeatPlateCount) {
      const plate = best[0]!.plate!
      flags.push(
        flag(
          'repeat-plate',
          best,
          `${who(best[0]!)} queried plate ${plate} ${best.length} times within ${settings.misuseRepeatPlateWindowDays} day${settings.misuseRepeatPlateWindowDays === 1 ? '' : 's'} (threshold ${settings.misuseRepeatPlateCount}).`,
          { plate },
        ),
      )
    }
  }

  // Outside usual and working hours: one flag per person.
  const usual = usualHours(
    (options.history ?? []).filter((f) => isSearchEntry(f, channels)),
    userKey,
    hourOf,
  )
  const outside = searches.filter(
    (f) => !isWorkingHour(hourOf(f.at), settings.workingHoursStart, settings.workingHoursEnd) && !usual.get(userKey(f))?.has(hourOf(f.at)),
  )
  for (const group of groupBy(outside, userKey).values()) {
    const hours = usual.get(userKey(group[0]!))
    const theirs = hours ? `their usual hours (${[...hours].sort((a, b) => a - b).map(hourText).join(', ')}) and ` : ''
    flags.push(
      flag(
        'outside-hours',
        group,
        `${who(group[0]!)} made ${group.length} search${group.length === 1 ? '' : 'es'} outside ${theirs}working hours (${hourText(settings.workingHoursStart)}–${hourText(settings.workingHoursEnd)}).`,
      ),
    )
  }

  // One purpose across many plates on many days.
  const withPurpose = searches.filter((f) => f.purpose && f.plate)
  for (const group of groupBy(withPurpose, (f) => `${userKey(f)}\u0000${purposeKey(f.purpose!)}`).values()) {
    const plates = new Set(group.map((f) => f.plate))
    const days = new Set(group.map((f) => dayOf(f.at)))
    if (plates.size >= PURPOSE_REUSE_PLATES && days.size >= PURPOSE_REUSE_DAYS) {
      const purpose = purposeKey(group[0]!.purpose!)
      flags.push(
        flag(
          'purpose-reuse',
          group,
          `${who(group[0]!)} used the purpose “${purpose}” for ${plates.size} different plates on ${days.size} different days.`,
          { purpose },
        ),
      )
    }
  }

  // Refused for purpose or permission: one flag per person, with the reasons counted.
  const refusals = facts.filter(
    (f) => f.outcome === 'refused' && f.code !== null && (f.code.startsWith('PURPOSE_') || f.code === 'PERMISSION_DENIED'),
  )
  for (const group of groupBy(refusals, userKey).values()) {
    const byCode = new Map<string, number>()
    for (const f of group) byCode.set(f.code!, (byCode.get(f.code!) ?? 0) + 1)
    const reasons = [...byCode].map(([code, n]) => `${n} ${code}`).join(', ')
    flags.push(
      flag(
        'refused-access',
        group,
        `${who(group[0]!)} had ${group.length} access${group.length === 1 ? '' : 'es'} refused for purpose or permission (${reasons}).`,
      ),
    )
  }

  const order: MisuseFlag['kind'][] = ['repeat-plate', 'purpose-reuse', 'outside-hours', 'refused-access']
  return flags.sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.username ?? '').localeCompare(b.username ?? '') || a.firstAt - b.firstAt,
  )
}
