// The shape of the purpose every access to ALPR information carries (DOMAIN.md, "Purpose of every access").
// The rules that accept or refuse it live in main/core/access/purpose.ts.
import { z } from 'zod'

export const purposeInput = z.strictObject({
  /** Case or incident number; its format is an agency setting. */
  caseNumber: z.string().max(40).optional(),
  /** A suspect's last name, when there is no case number yet. */
  lastName: z.string().max(60).optional(),
  note: z.string().max(200).optional(),
})
export type PurposeInput = z.infer<typeof purposeInput>

/** The input schema of a channel that accesses ALPR information: its own fields plus the purpose. */
export function withPurpose<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ purpose: purposeInput, ...shape })
}
