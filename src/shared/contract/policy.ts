// Channels: The public policy document, transparency report and compliance dashboard (issue 7).
export const policyChannels = {}
