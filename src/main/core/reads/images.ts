// Read images travel to the renderer as data: URLs (the CSP allows img-src data:); they are stored as JPEG.
export function jpegDataUrl(bytes: Uint8Array | null | undefined): string | null {
  return bytes && bytes.length > 0 ? `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}` : null
}
