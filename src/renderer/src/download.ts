// Saves a file the core produced (an export, a report, the public policy) through the browser's download,
// which Electron routes to a save dialog. The bytes never touch disk before the user chooses where.
import type { DocumentFile } from '../../shared/models'

export function saveDocument(file: DocumentFile): void {
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
