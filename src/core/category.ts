// The OWASP Docker Top 10 controls and the guide's threat model, with the guide's own titles.
export const CATEGORIES = {
  D01: 'Secure User Mapping',
  D02: 'Patch Management Strategy',
  D03: 'Network Separation and Firewalling',
  D04: 'Secure Defaults and Hardening',
  D05: 'Maintain Security Contexts',
  D06: 'Protect Secrets',
  D07: 'Resource Protection',
  D08: 'Container Image Integrity and Origin',
  D09: 'Follow Immutable Paradigm',
  D10: 'Logging',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_IDS = Object.keys(CATEGORIES) as Category[];

export const THREATS = {
  1: 'Container Escape (System)',
  2: 'Other Containers via Network',
  3: 'Attacking the Orchestration Tool via Network',
  4: 'Attacking the Host via Network',
  5: 'Attacking other Resources via Network',
  6: 'Resource Starvation',
  7: 'Host compromise',
  8: 'Integrity of Images',
} as const;
export type Threat = keyof typeof THREATS;
