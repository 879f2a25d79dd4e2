// Which header of a hot-list CSV file holds which field. Extracts name their columns in many ways (the DOJ
// stolen-vehicle extract, county exports, hand-made spreadsheets), so common aliases are accepted, compared
// case-insensitively and without spaces, dots, dashes or underscores.
import { AppError } from '../errors'

export type CsvField = 'plate' | 'state' | 'reason' | 'enteredOn' | 'make' | 'model' | 'colour' | 'sourceRef'

export const FIELD_LABELS: Record<CsvField, string> = {
  plate: 'plate',
  state: 'state',
  reason: 'reason/offense',
  enteredOn: 'entry date',
  make: 'vehicle make',
  model: 'vehicle model',
  colour: 'vehicle colour',
  sourceRef: 'source reference',
}

const REQUIRED: CsvField[] = ['plate', 'state', 'reason']

const ALIASES: Record<CsvField, string[]> = {
  plate: ['plate', 'licenseplate', 'licenceplate', 'license', 'licence', 'lic', 'licno', 'licnum', 'licensenumber', 'licenseno', 'platenumber', 'plateno', 'platenum', 'tag', 'tagnumber', 'lpn', 'vrm'],
  state: ['state', 'platestate', 'licstate', 'licensestate', 'licencestate', 'issuingstate', 'st', 'lis', 'province', 'stateprovince', 'jurisdiction'],
  reason: ['reason', 'offense', 'offence', 'reasonoffense', 'offensereason', 'offensecode', 'reasoncode', 'offensedescription', 'nature', 'category'],
  enteredOn: ['entrydate', 'entered', 'enteredon', 'dateentered', 'enterdate', 'entdate', 'dateofentry', 'dte', 'date'],
  make: ['make', 'vehiclemake', 'vehmake', 'vma'],
  model: ['model', 'vehiclemodel', 'vehmodel', 'vmo'],
  colour: ['colour', 'color', 'vehiclecolour', 'vehiclecolor', 'vehcolor', 'vehcolour', 'vco'],
  sourceRef: ['sourcereference', 'sourceref', 'reference', 'ref', 'referencenumber', 'recordnumber', 'recordid', 'ncicnumber', 'nic', 'oca', 'casenumber', 'reportnumber'],
}

const BY_ALIAS = new Map<string, CsvField>(
  (Object.entries(ALIASES) as [CsvField, string[]][]).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
)

const squash = (header: string): string => header.toLowerCase().replace(/[\s._\-/#]+/g, '')

export interface ColumnMap {
  /** Index of each field's column in a row. */
  index: Partial<Record<CsvField, number>>
  columns: { field: string; header: string }[]
  ignored: string[]
}

/** Maps the header row, or refuses the whole file with the missing or doubled columns named. */
export function mapColumns(header: string[]): ColumnMap {
  const index: Partial<Record<CsvField, number>> = {}
  const ignored: string[] = []
  const doubled = new Set<CsvField>()
  header.forEach((name, i) => {
    const field = BY_ALIAS.get(squash(name))
    if (!field) {
      // A few names are enough to recognise a column; a hostile header could have thousands.
      if (name.trim() !== '' && ignored.length < 50) ignored.push(name.trim().slice(0, 60))
      return
    }
    if (index[field] !== undefined) doubled.add(field)
    else index[field] = i
  })
  if (doubled.size > 0) {
    const names = [...doubled].map((f) => FIELD_LABELS[f]).join(', ')
    throw new AppError('FILE_REFUSED', `The file has more than one column for: ${names}. Keep one column for each and import it again.`)
  }
  const missing = REQUIRED.filter((f) => index[f] === undefined)
  if (missing.length > 0) {
    const looksLikeData = header.some((h) => /^\s*[A-Z0-9]{2,8}\s*$/.test(h) && /\d/.test(h))
    throw new AppError(
      'FILE_REFUSED',
      `The file has no column for: ${missing.map((f) => FIELD_LABELS[f]).join(', ')}. ` +
        (looksLikeData ? 'Its first line looks like data: the first line must name the columns. ' : '') +
        'The first line must name the columns, e.g. “plate,state,reason,entry date,make,model,color,source reference”.',
    )
  }
  const columns = (Object.entries(index) as [CsvField, number][])
    .sort((a, b) => a[1] - b[1])
    .map(([field, i]) => ({ field: FIELD_LABELS[field], header: header[i]!.trim().slice(0, 60) }))
  return { index, columns, ignored }
}
