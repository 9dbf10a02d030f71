/**
 * The statuses and weak-link kinds the chain analyses assign; report.json (report/types.ts)
 * carries them as they are. Defined here so that chain/ never imports report/.
 */

/** What a segment is in the cluster: present, weak, missing above or below, or absent. */
export type SegmentStatus =
  'present' | 'weak' | 'missing-upstream' | 'missing-downstream' | 'absent';

/** Why a link of the chain is weak. */
export type WeakLinkKind =
  'single-source' | 'concentrated' | 'cut-point' | 'bridge' | 'external-only';
