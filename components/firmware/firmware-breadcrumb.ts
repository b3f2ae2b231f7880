/** The way back from every firmware page (details, Add Firmware, Verify Firmware, Upgrade Device). */
export const FIRMWARE_BREADCRUMB = { href: '/firmware', label: 'Firmware Management' };
