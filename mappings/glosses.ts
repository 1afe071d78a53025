/**
 * English glosses of the rows, columns and blocks of the standard tables, by
 * the keys the other mappings define (the Chinese labels live there, not
 * here). The cell dictionary (src/dictionary/cells.ts) joins them into one
 * gloss per cell; a test checks that every key has one.
 */

export const table2RowGlosses: Record<string, string> = {
  rules: 'Rules (规章)',
  normative: 'Normative documents',
  license: 'Administrative licensing',
  otherServices: 'Other external management services',
  penalty: 'Administrative penalties',
  coercion: 'Administrative coercive measures',
  fees: 'Administrative fees',
  procurement: 'Centralised government procurement',
};

export const table2ColumnGlosses: Record<string, string> = {
  issued: 'issued this year',
  repealed: 'repealed this year',
  valid: 'in force at year end',
  decisions: 'decisions made this year',
  amount: 'amount',
  made: 'newly made this year',
  published: 'newly published this year',
  totalPublic: 'total published',
  prevCount: 'matters in the previous year',
  delta: 'change this year (signed)',
  projects: 'procurement projects',
};

export const table3RowGlosses: Record<string, string> = {
  newReceived: 'Applications received this year',
  carriedOver: 'Applications carried over from last year',
  granted: 'Disclosed',
  partiallyGranted: 'Partly disclosed',
  deniedStateSecret: 'Not disclosed: state secret',
  deniedLawForbidden: 'Not disclosed: forbidden by other laws or administrative regulations',
  deniedSafetyStability: 'Not disclosed: would endanger the three securities and social stability',
  deniedThirdParty: 'Not disclosed: protecting the lawful rights of third parties',
  deniedInternalAffairs: 'Not disclosed: internal-affairs information',
  deniedProcessInfo: 'Not disclosed: process information',
  deniedEnforcementFile: 'Not disclosed: administrative enforcement file',
  deniedQueryMatter: 'Not disclosed: matter for an administrative query procedure',
  unableNotHeld: 'Unable to provide: the agency does not hold the information',
  unableNeedsCreation: 'Unable to provide: would have to be newly produced',
  unableUnclear: 'Unable to provide: still unclear after correction',
  ignoredPetition: 'Not processed: petition, report or complaint',
  ignoredRepeat: 'Not processed: repeated application',
  ignoredPublication: 'Not processed: asks for published material',
  ignoredExcessive: 'Not processed: large numbers of repeated applications without good reason',
  ignoredConfirm: 'Not processed: asks to confirm or re-issue information already obtained',
  otherNoCorrection: 'Otherwise handled: applicant did not supply corrections in time',
  otherUnpaidFee: 'Otherwise handled: applicant did not pay the fee in time',
  otherOther: 'Otherwise handled: other',
  otherAll: 'Otherwise handled (2019 format: one row)',
  resultTotal: 'Total handled this year',
  carriedForward: 'Carried forward to next year',
};

export const table3ColumnGlosses: Record<string, string> = {
  natural: 'natural persons',
  commercial: 'commercial enterprises',
  research: 'research institutions',
  publicWelfare: 'public-welfare organisations',
  legalService: 'legal service institutions',
  otherOrg: 'other organisations',
  total: 'all applicants',
};

export const table4BlockGlosses: Record<string, string> = {
  review: 'Administrative reconsideration',
  suitDirect: 'Administrative lawsuits without prior reconsideration',
  suitAfterReview: 'Administrative lawsuits after reconsideration',
};

export const table4OutcomeGlosses: Record<string, string> = {
  upheld: 'decision upheld',
  corrected: 'decision corrected',
  other: 'other outcome',
  pending: 'not concluded',
  total: 'total cases',
};

/** The figures of pre-2019 reports (mappings/pre2019.ts), by key. */
export const pre2019Glosses: Record<string, string> = {
  'pre2019.activeDisclosed': 'Government information disclosed proactively (items)',
  'pre2019.applicationsReceived': 'Disclosure applications received',
  'pre2019.answered': 'Applications answered',
  'pre2019.granted': 'Applications granted',
  'pre2019.partiallyGranted': 'Applications partly granted',
  'pre2019.denied': 'Applications denied',
  'pre2019.reviews': 'Administrative reconsiderations over disclosure',
  'pre2019.lawsuits': 'Administrative lawsuits over disclosure',
  'pre2019.fees': 'Disclosure fees collected (yuan)',
};
