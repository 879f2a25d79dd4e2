// How a confidence reads on screen: a whole percentage, and a colour band (high, middle, low) that the
// stylesheet gives its colour. The same bands for a read and for each of its characters.

/** At or above: high. */
export const HIGH = 0.9
/** At or above (and below HIGH): middle; below: low. */
export const MIDDLE = 0.7

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`
}

export function confidenceBand(confidence: number): 'high' | 'middle' | 'low' {
  return confidence >= HIGH ? 'high' : confidence >= MIDDLE ? 'middle' : 'low'
}

export function confidenceClass(confidence: number): string {
  return `conf-${confidenceBand(confidence)}`
}
