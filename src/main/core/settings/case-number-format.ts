// Which case-number formats the agency may set. The format is what stands between a specific
// investigation and a general word as the purpose of a search, so a format must be anchored, accept the
// agency's own example, refuse the general words, and not hang the workstation on a crafted input.
import { isVague } from '../access/purpose'

/** General words a loose format would accept as a "case number"; the purpose check refuses them anyway. */
const VAGUE_SAMPLES = ['INVESTIGATION', 'INVESTIGATIONS', 'FOLLOW-UP', 'FOLLOWUP', 'INV', 'RESEARCH', 'PATROL', 'N/A', 'NONE', 'UNKNOWN', 'TEST', 'CASE', 'GENERAL', 'INTEL', 'WORK']

/** Why the format cannot be used, or null when it can. */
export function caseNumberFormatProblem(source: string, example: string): string | null {
  let pattern: RegExp
  try {
    pattern = new RegExp(source)
  } catch {
    return 'The case number format is not a valid regular expression.'
  }
  if (!source.startsWith('^') || !endsWithAnchor(source) || hasTopLevelAlternation(source)) {
    return 'The case number format must match the whole case number: start it with ^ and end it with $ (put alternatives inside a group).'
  }
  if (nestedUnboundedRepetition(source)) {
    return 'The case number format repeats a group that itself contains an open-ended repetition (such as (A+)+); matching it could stall the workstation. Use a bounded count such as {4} or {3,23}.'
  }
  const vague = VAGUE_SAMPLES.find((word) => pattern.test(word))
  if (vague) return `The case number format accepts the general word “${vague}”, so it would not make a purpose name a specific investigation.`
  const sample = example.trim().toUpperCase()
  if (sample && !pattern.test(sample)) {
    return `The case number format does not accept the agency’s example case number “${example.trim()}”; change the example first or fix the format.`
  }
  return null
}

/** Why the example case number cannot be used with the current format, or null when it can. */
export function caseNumberExampleProblem(example: string, source: string): string | null {
  const sample = example.trim().toUpperCase()
  if (!sample) return null
  if (isVague(sample)) return `“${example.trim()}” is a general word, not an example of a case number.`
  try {
    if (!new RegExp(source).test(sample)) {
      return `“${example.trim()}” does not match the agency’s case number format, so it would mislead the people it is shown to.`
    }
  } catch {
    return null
  }
  return null
}

function endsWithAnchor(source: string): boolean {
  if (!source.endsWith('$')) return false
  let backslashes = 0
  for (let i = source.length - 2; i >= 0 && source[i] === '\\'; i--) backslashes++
  return backslashes % 2 === 0
}

/** Walks the pattern's structure: calls `visit` for each character outside escapes and character classes (each of those is one 'atom'), with the group depth. */
function walk(source: string, visit: (char: string, index: number, depth: number) => number | void): void {
  let depth = 0
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      visit('atom', i++, depth)
      continue
    }
    if (char === '[') {
      visit('atom', i, depth)
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++
      continue
    }
    if (char === ')') depth--
    const skip = visit(char ?? '', i, depth)
    if (char === '(') depth++
    if (typeof skip === 'number') i = skip
  }
}

function hasTopLevelAlternation(source: string): boolean {
  let found = false
  walk(source, (char, _i, depth) => {
    if (char === '|' && depth === 0) found = true
  })
  return found
}

/** An unbounded quantifier (*, +, {n,}) applied to a group that contains one: backtracking grows exponentially. */
function nestedUnboundedRepetition(source: string): boolean {
  // For each open group, whether it contains an unbounded repetition; `closed` is the group just closed.
  const stack: boolean[] = [false]
  let closed: boolean | null = null
  let found = false
  walk(source, (char, i) => {
    if (char === '(') {
      stack.push(false)
      closed = null
      // Skip the group's prefix ((?:, (?=, (?<name>) so its "?" is not read as a quantifier.
      if (source[i + 1] === '?') {
        const name = source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'
        return name ? source.indexOf('>', i) : i + (source[i + 2] === '<' ? 3 : 2)
      }
      return
    }
    if (char === ')') {
      const inner = stack.pop() ?? false
      if (inner) stack[stack.length - 1] = true
      closed = inner
      return
    }
    const quantifier = char === '*' || char === '+' ? 'unbounded' : char === '{' ? braces(source.slice(i)) : char === '?' ? 'bounded' : null
    if (quantifier === 'unbounded') {
      if (closed) found = true
      stack[stack.length - 1] = true
    }
    if (quantifier === null) closed = null
  })
  return found
}

function braces(rest: string): 'bounded' | 'unbounded' | null {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(rest)
  if (!m) return null
  return m[2] !== undefined && m[3] === '' ? 'unbounded' : 'bounded'
}
