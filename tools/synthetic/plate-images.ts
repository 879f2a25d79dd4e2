// Images of synthetic plates: a California-style plate drawn from SVG (DejaVu Sans), and a read's crop and
// scene as the store keeps them (JPEG). The recognition tests render their scenes from the same plate drawing.
import sharp from 'sharp'

/** A plate `plateWidth` pixels wide (height half of that) showing `text`. */
export function plateSvg(text: string, plateWidth: number): string {
  const w = plateWidth
  const h = Math.round(plateWidth / 2)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <rect x="1" y="1" width="${w - 2}" height="${h - 2}" rx="${h / 10}" fill="#f4f4f0" stroke="#222" stroke-width="${Math.max(2, w / 80)}"/>
  <text x="${w / 2}" y="${h * 0.2}" font-family="DejaVu Sans" font-size="${h * 0.13}" fill="#a01010" text-anchor="middle">California</text>
  <text x="${w / 2}" y="${h * 0.74}" font-family="DejaVu Sans" font-weight="bold" font-stretch="condensed" font-size="${h * 0.4}"
        fill="#1a1a5a" text-anchor="middle">${text}</text>
</svg>`
}

/** The crop (the plate alone) and the scene (a car's rear in the street) of a read, as JPEG bytes. */
export async function readImages(plate: string, seed = 0): Promise<{ crop: Buffer; scene: Buffer }> {
  const crop = await sharp(Buffer.from(plateSvg(plate, 240))).flatten({ background: '#f4f4f0' }).jpeg({ quality: 80 }).toBuffer()
  const body = ['#2f3a4a', '#7a1f1f', '#c9c9c9', '#1f1f1f', '#2e5a3a'][seed % 5]!
  const street = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
    <rect width="640" height="360" fill="#6b7078"/>
    <rect x="150" y="70" width="340" height="230" rx="30" fill="${body}"/>
    <rect x="180" y="95" width="280" height="70" rx="10" fill="#9fb3c8"/>
  </svg>`
  const plateImage = await sharp(Buffer.from(plateSvg(plate, 120))).png().toBuffer()
  const scene = await sharp(Buffer.from(street)).composite([{ input: plateImage, left: 260, top: 215 }]).jpeg({ quality: 75 }).toBuffer()
  return { crop, scene }
}
