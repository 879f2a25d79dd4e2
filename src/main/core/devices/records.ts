// Device rows as the renderer sees them.
import type { DeviceInfo } from '../../../shared/models'
import type { DeviceRow } from '../store/repositories/devices'

export const toDeviceInfo = (row: DeviceRow, currentId: string): DeviceInfo => ({ ...row, current: row.id === currentId })
