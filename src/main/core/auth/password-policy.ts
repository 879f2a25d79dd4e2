// The agency's password rules (CJIS): at least 12 characters, not a known-breached or common password,
// not built from the user's own name. Each refusal says which rule failed.
import { COMMON_PASSWORDS } from './common-passwords'

export const MIN_PASSWORD_LENGTH = 12

export function passwordProblems(password: string, person: { username: string; displayName: string }): string[] {
  const problems: string[] = []
  const lower = password.toLowerCase()
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[^a-z]/g, ''))) {
    problems.push('This password is on the list of common or breached passwords.')
  }
  const names = [person.username, ...person.displayName.split(/\s+/)].map((n) => n.toLowerCase()).filter((n) => n.length >= 3)
  if (names.some((n) => lower.includes(n))) problems.push('Do not include your name or username.')
  if (/^(.)\1+$/.test(password) || /^(?:0123456789|1234567890|abcdefghij)/i.test(password)) {
    problems.push('Do not use a repeated character or a simple sequence.')
  }
  return problems
}
