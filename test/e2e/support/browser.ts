// Headless Chromium for the end-to-end tests and the screenshot script: Debian's /usr/bin/chromium
// (or CHROMIUM_PATH), driven by playwright-core, with no background network traffic.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(path)) {
    throw new Error(`Chromium is not at ${path}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`)
  }
  return path
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
