// Channels: Account lifecycle and the annual access review (issue 6).
export const accountChannels = {}
