// A plate written character by character, with the characters that differ from another plate marked (a
// "possible" match: which characters the camera may have misread). Marked by colour, underline and, for
// screen readers, the list of positions.
import { differingPositions } from './live-format'

export function PlateText({ plate, compareTo, size = 'normal' }: { plate: string; compareTo?: string; size?: 'normal' | 'large' }) {
  const marked = compareTo === undefined ? new Set<number>() : differingPositions(plate, compareTo)
  const positions = [...marked].map((i) => i + 1)
  return (
    <span className={`plate plate-${size}`}>
      <span aria-hidden={marked.size > 0 ? true : undefined}>
        {[...plate].map((c, i) => (
          <span key={i} className={marked.has(i) ? 'plate-diff' : undefined}>
            {c}
          </span>
        ))}
      </span>
      {marked.size > 0 ? (
        <span className="visually-hidden">
          {plate}, differs at character{positions.length === 1 ? '' : 's'} {positions.join(', ')}
        </span>
      ) : null}
    </span>
  )
}
