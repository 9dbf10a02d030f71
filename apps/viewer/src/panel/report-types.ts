/**
 * The chain report (report.json, schemaVersion 1) as DESIGN §6 fixes it: the keys the viewer's
 * chain panel reads. `@chainlens/core`'s `analyze()` produces it; when core exports its own
 * report type, import that here instead (`export type { Report as ChainReport } from
 * '@chainlens/core'`) and let the compiler point at any difference.
 */
import type { Stage } from '@chainlens/core';

export type SegmentStatus =
  'present' | 'weak' | 'missing-upstream' | 'missing-downstream' | 'absent';

export type WeakLinkKind =
  'single-source' | 'concentrated' | 'cut-point' | 'bridge' | 'external-only';

export interface StageFigures {
  coverage: number;
  redundancy: number;
}

export interface ChainReport {
  schemaVersion: number;
  parameters: { seed: number; [name: string]: unknown };
  dataset: { name: string; companies: number; relations: number };
  cluster: { id: string; companies: number };
  template: { id: string; segments: number | unknown[]; name?: string };
  completeness: {
    coverage: number;
    redundancy: number;
    link: number;
    path: number;
    localSupplyRatio: number;
    byStage: Record<Stage, StageFigures>;
  };
  segments: {
    id: string;
    name: string;
    stage: Stage;
    companies: number;
    hhi: number;
    status: SegmentStatus;
  }[];
  weakLinks: {
    kind: WeakLinkKind;
    segment?: string;
    company?: string;
    source?: string;
    target?: string;
    detail: string;
  }[];
  missingRoles: {
    segment: string;
    direction: 'upstream' | 'downstream' | 'absent';
    neededBy: string[];
  }[];
  leaders: { company: string; score: number; components: Record<string, number> }[];
  targets: {
    company: string;
    segment: string;
    score: number;
    components: Record<string, number>;
    explanation: string;
  }[];
  critical: { company: string; completenessDrop: number; cutOff: string[] }[];
  resilience: { random: number[]; targeted: number[]; R: number };
  communities: { count: number; modularity: number; seed: number };
}
