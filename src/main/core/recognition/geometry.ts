// Small plane geometry for text boxes: convex hull, minimum-area rotated rectangle, corners, IoU.
// Pure functions on numbers; no image access.
import type { RotatedRect } from './types'

export type Point = [number, number]

/** Andrew's monotone chain; returns the hull counter-clockwise without repeating the first point. */
export function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (pts.length < 3) return pts
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const lower: Point[] = []
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop()
    lower.push(p)
  }
  const upper: Point[] = []
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop()
    upper.push(p)
  }
  upper.pop()
  lower.pop()
  return lower.concat(upper)
}

/** The smallest-area rectangle around the points (one side lies on a hull edge), normalised so |angle| <= 45. */
export function minAreaRect(points: Point[]): RotatedRect {
  const hull = convexHull(points)
  if (hull.length === 0) return { cx: 0, cy: 0, w: 0, h: 0, angle: 0 }
  if (hull.length < 3) {
    const xs = hull.map((p) => p[0])
    const ys = hull.map((p) => p[1])
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys)
    return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0, angle: 0 }
  }
  let best: RotatedRect | null = null
  let bestArea = Infinity
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!
    const b = hull[(i + 1) % hull.length]!
    const theta = Math.atan2(b[1] - a[1], b[0] - a[0])
    const c = Math.cos(theta), s = Math.sin(theta)
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity
    for (const p of hull) {
      const u = p[0] * c + p[1] * s
      const v = -p[0] * s + p[1] * c
      if (u < minU) minU = u
      if (u > maxU) maxU = u
      if (v < minV) minV = v
      if (v > maxV) maxV = v
    }
    const area = (maxU - minU) * (maxV - minV)
    if (area < bestArea) {
      bestArea = area
      const mu = (minU + maxU) / 2, mv = (minV + maxV) / 2
      best = { cx: mu * c - mv * s, cy: mu * s + mv * c, w: maxU - minU, h: maxV - minV, angle: (theta * 180) / Math.PI }
    }
  }
  return normaliseRect(best!)
}

/** Same rectangle, described with angle in (-45, 45] (swapping w and h as needed). */
export function normaliseRect(r: RotatedRect): RotatedRect {
  let { w, h, angle } = r
  angle = ((angle % 180) + 180) % 180 // [0, 180)
  if (angle > 135) angle -= 180
  else if (angle > 45) {
    angle -= 90
    ;[w, h] = [h, w]
  }
  return { cx: r.cx, cy: r.cy, w, h, angle }
}

/** Corners clockwise from top-left (in the rectangle's own frame). */
export function rectCorners(r: RotatedRect): Point[] {
  const t = (r.angle * Math.PI) / 180
  const c = Math.cos(t), s = Math.sin(t)
  const hw = r.w / 2, hh = r.h / 2
  return ([[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]] as Point[]).map(([u, v]) => [r.cx + u * c - v * s, r.cy + u * s + v * c])
}

/** Axis-aligned bounding box [x, y, w, h] of a rotated rectangle, clipped to the image. */
export function boundingBox(r: RotatedRect, width: number, height: number): [number, number, number, number] {
  const cs = rectCorners(r)
  const x0 = Math.max(0, Math.floor(Math.min(...cs.map((p) => p[0]))))
  const y0 = Math.max(0, Math.floor(Math.min(...cs.map((p) => p[1]))))
  const x1 = Math.min(width, Math.ceil(Math.max(...cs.map((p) => p[0]))))
  const y1 = Math.min(height, Math.ceil(Math.max(...cs.map((p) => p[1]))))
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)]
}

export function iou(a: readonly number[], b: readonly number[]): number {
  const [ax, ay, aw, ah] = a as [number, number, number, number]
  const [bx, by, bw, bh] = b as [number, number, number, number]
  const ix = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx))
  const iy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by))
  const inter = ix * iy
  const union = aw * ah + bw * bh - inter
  return union > 0 ? inter / union : 0
}
