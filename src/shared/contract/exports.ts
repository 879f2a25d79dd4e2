// Channels: The exports ledger (issue 7).
export const exportChannels = {}
