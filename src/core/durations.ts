/** Durations of an incident, derived from its timeline (never authored). */
import { minutesBetween } from './time.ts';

export interface Timeline {
  started: string;
  detected: string;
  acknowledged?: string;
  mitigated?: string;
  resolved?: string;
}

export interface Durations {
  toDetectMinutes: number;
  toAcknowledgeMinutes?: number;
  toMitigateMinutes?: number;
  toResolveMinutes?: number;
}

/** detected − started, acknowledged − detected, mitigated − started, resolved − started. */
export function incidentDurations(timeline: Timeline): Durations {
  const durations: Durations = { toDetectMinutes: minutesBetween(timeline.started, timeline.detected) };
  if (timeline.acknowledged) durations.toAcknowledgeMinutes = minutesBetween(timeline.detected, timeline.acknowledged);
  if (timeline.mitigated) durations.toMitigateMinutes = minutesBetween(timeline.started, timeline.mitigated);
  if (timeline.resolved) durations.toResolveMinutes = minutesBetween(timeline.started, timeline.resolved);
  return durations;
}

/** "45 min", "3 h 5 min", "2 d 4 h": a duration in minutes for people. */
export function formatMinutes(minutes: number | undefined): string {
  if (minutes === undefined || Number.isNaN(minutes)) return '—';
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${Number.isInteger(minutes) ? minutes : Number(minutes.toFixed(1))} min`;
  const days = Math.floor(rounded / 1440);
  const hours = Math.floor((rounded % 1440) / 60);
  const mins = rounded % 60;
  return [days && `${days} d`, hours && `${hours} h`, mins && `${mins} min`].filter(Boolean).join(' ');
}
