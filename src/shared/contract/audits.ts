// Channels: Audits and misuse flags (issue 6).
export const auditChannels = {}
