// Filters handed to the access-log viewer by another screen ("show these entries in the log" from a misuse
// flag). Taken once when the viewer opens, so nothing lingers for the next person.
import { create } from 'zustand'

export interface LogFilterRequest {
  user?: string
  plate?: string
  from?: number
  to?: number
}

interface LogFiltersState {
  pending: LogFilterRequest | null
  show(request: LogFilterRequest): void
  take(): LogFilterRequest | null
}

export const useLogFilters = create<LogFiltersState>()((set, get) => ({
  pending: null,
  show(request) {
    set({ pending: request })
  },
  take() {
    const pending = get().pending
    if (pending) set({ pending: null })
    return pending
  },
}))
