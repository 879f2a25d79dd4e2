// Alert sounds generated with WebAudio (no sound files to ship or load): an alarm (two alternating tones),
// a chime (two falling notes) and a beep. Browsers start audio only after a person has pressed a key or
// clicked; until then `blocked()` says so and the screen shows it.
import type { HotListSound } from '../../../../shared/models'

let context: AudioContext | null = null

function audio(): AudioContext | null {
  if (context) return context
  const Ctor = typeof window !== 'undefined' ? window.AudioContext : undefined
  if (!Ctor) return null
  context = new Ctor()
  return context
}

/** Call from a key press or click: lets the sounds play from then on. */
export function unlockSound(): void {
  const ctx = audio()
  if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => {})
}

/** Whether the browser is still holding sound back (no key press or click yet). */
export function soundBlocked(): boolean {
  const ctx = audio()
  return ctx === null || ctx.state !== 'running'
}

function tone(ctx: AudioContext, at: number, frequency: number, duration: number, type: OscillatorType, volume: number): void {
  const osc = ctx.createOscillator()
  const gain = ctx.createGain()
  osc.type = type
  osc.frequency.setValueAtTime(frequency, at)
  // Short ramps in and out: no clicks, easier on the ear over a long shift.
  gain.gain.setValueAtTime(0.0001, at)
  gain.gain.exponentialRampToValueAtTime(volume, at + 0.02)
  gain.gain.exponentialRampToValueAtTime(0.0001, at + duration)
  osc.connect(gain).connect(ctx.destination)
  osc.start(at)
  osc.stop(at + duration + 0.05)
}

/** Plays one pattern; returns whether the browser let it play. */
export function playSound(sound: HotListSound): boolean {
  if (sound === 'none') return true
  const ctx = audio()
  if (!ctx) return false
  if (ctx.state === 'suspended') void ctx.resume().catch(() => {})
  const t = ctx.currentTime + 0.02
  switch (sound) {
    case 'alarm':
      for (let i = 0; i < 4; i++) tone(ctx, t + i * 0.28, i % 2 === 0 ? 880 : 660, 0.24, 'square', 0.12)
      break
    case 'chime':
      tone(ctx, t, 1318.5, 0.6, 'sine', 0.25)
      tone(ctx, t + 0.3, 1046.5, 0.9, 'sine', 0.25)
      break
    case 'beep':
      tone(ctx, t, 1000, 0.15, 'sine', 0.22)
      tone(ctx, t + 0.25, 1000, 0.15, 'sine', 0.22)
      break
  }
  return ctx.state === 'running'
}

/**
 * How often an alert's sound repeats while nobody has acknowledged it: priority 1 every 4 s until someone
 * opens it; priority 2 every 30 s; priority 3 sounds once.
 */
export function repeatEveryMs(priority: 1 | 2 | 3): number | null {
  return priority === 1 ? 4_000 : priority === 2 ? 30_000 : null
}
