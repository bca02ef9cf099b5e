// A finding is one violation of one rule by one subject; a scan error is input that could not be read.
import type { Category, Threat } from './category.js';
import type { Location } from './location.js';
import type { Severity } from './severity.js';

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  title: string;
  message: string;
  location: Location;
  /** The offending value as seen in the input; secrets are masked before they get here. */
  evidence?: string;
  remediation: string;
  cis: string[];
  threats: Threat[];
}

export interface ScanError {
  path: string;
  line?: number;
  column?: number;
  message: string;
  /** Set when a rule threw on a subject, so the report names the culprit. */
  ruleId?: string;
}
