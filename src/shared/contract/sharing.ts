// Channels: Sharing with California public agencies, records requests, vendor contracts (issue 7).
export const sharingChannels = {}
