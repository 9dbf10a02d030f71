/**
 * The chain report the panel shows: report.json (schemaVersion 1, DESIGN §6) exactly as
 * `@chainlens/core`'s `analyze()` returns it — the viewer has no report type of its own, so the
 * compiler points at any change of the contract. A figure that cannot be computed is null.
 */
export type {
  ChainReport,
  ReportCritical,
  ReportLeader,
  ReportMissingRole,
  ReportSegment,
  ReportTarget,
  ReportWeakLink,
  SegmentStatus,
  StageFigures,
  WeakLinkKind,
} from '@chainlens/core';
