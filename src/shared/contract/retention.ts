// Channels: Retention runs and holds on reads (issue 7).
export const retentionChannels = {}
