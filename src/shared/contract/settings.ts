// Channels: Policy settings: read and change within DOMAIN.md bounds (issue 6).
export const settingsChannels = {}
