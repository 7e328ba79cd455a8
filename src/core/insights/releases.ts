/** Release trains and their quality gates. */
import { type Cadence, trainsBetween } from '../calendar.ts';
import { type Model, type ReleaseView } from '../model.ts';
import { addDays, durationMinutes, isoDate } from '../time.ts';
import { ratioPercent } from './common.ts';

/** What the release figures need of a release (a `ReleaseView` fits). */
export interface ReleaseInput {
  id: string;
  data: { train: string; date: string; status: string; gates: readonly { gate: string; status: string }[] };
  /** Postmortems (visible to the audience) that name this release. */
  incidents: readonly unknown[];
}

export interface TrainRow<R> {
  /** `2026-11-a`. */
  id: string;
  /** Departure date `YYYY-MM-DD`. */
  date: string;
  releases: R[];
  /** The next train to depart on or after the as-of date. */
  next: boolean;
  past: boolean;
}

export interface TrainCalendar<R> {
  trains: TrainRow<R>[];
  /** Releases dated inside the range whose `train` is not one of its calendar trains (a hotfix train, a typo). */
  offCalendar: R[];
}

/**
 * The train calendar from `from` to `to` (inclusive dates) with the releases that rode each
 * train (matched by `release.data.train`).
 */
export function trainCalendar<R extends ReleaseInput>(
  cadence: Cadence,
  releases: readonly R[],
  from: string,
  to: string,
  today: string,
): TrainCalendar<R> {
  const trains = trainsBetween(cadence, from, to);
  const nextId = trains.find((train) => train.date >= today)?.id;
  const ids = new Set(trains.map((train) => train.id));
  return {
    trains: trains.map((train) => ({
      id: train.id,
      date: train.date,
      releases: releases.filter((release) => release.data.train === train.id),
      next: train.id === nextId,
      past: train.date < today,
    })),
    offCalendar: releases.filter((release) => release.data.date >= from && release.data.date <= to && !ids.has(release.data.train)),
  };
}

export interface GateCounts {
  passed: number;
  failed: number;
  waived: number;
  pending: number;
  /** passed + failed + waived: the gates that have an outcome. */
  decided: number;
  /** 100 × passed / decided. A waived gate did not pass, so it lowers the rate. */
  passPercent?: number;
  /** 100 × waived / decided. */
  waivedPercent?: number;
}

export interface GateSummary extends GateCounts {
  byGate: (GateCounts & { gate: string })[];
}

function gateCounts(statuses: readonly string[]): GateCounts {
  const count = (status: string) => statuses.filter((value) => value === status).length;
  const passed = count('passed');
  const failed = count('failed');
  const waived = count('waived');
  const decided = passed + failed + waived;
  return {
    passed,
    failed,
    waived,
    pending: count('pending'),
    decided,
    passPercent: ratioPercent(passed, decided),
    waivedPercent: ratioPercent(waived, decided),
  };
}

/**
 * Gates pass rate over every gate of every given release (whatever the release status): passed
 * ÷ gates with an outcome (passed, failed or waived; pending ones have none yet). Waived gates
 * are reported separately as their own share.
 */
export function gateSummary(releases: readonly ReleaseInput[], gateOrder: readonly string[] = []): GateSummary {
  const gates = releases.flatMap((release) => release.data.gates);
  const names = [...new Set([...gateOrder, ...gates.map((gate) => gate.gate)])].filter((name) => gates.some((gate) => gate.gate === name));
  return {
    ...gateCounts(gates.map((gate) => gate.status)),
    byGate: names.map((gate) => ({ gate, ...gateCounts(gates.filter((g) => g.gate === gate).map((g) => g.status)) })),
  };
}

export interface ReleaseInsights {
  calendar: TrainCalendar<ReleaseView>;
  /** The next train departing on or after the as-of date, with the releases booked on it. */
  nextTrain: TrainRow<ReleaseView>;
  gates: GateSummary;
}

/** The train calendar shown on `/insights/`: from 90 days before the as-of date to two trains after the next one. */
export function releaseInsights(model: Pick<Model, 'releases' | 'config' | 'site' | 'nextTrain'>): ReleaseInsights {
  const today = isoDate(model.site.now);
  const cadence = model.config.releaseTrains;
  const to = addDays(model.nextTrain.date, 2 * (durationMinutes(cadence.every) / 1440));
  const calendar = trainCalendar(cadence, model.releases, addDays(today, -90), to, today);
  const nextTrain = calendar.trains.find((train) => train.next) ?? {
    id: model.nextTrain.id,
    date: model.nextTrain.date,
    releases: [],
    next: true,
    past: false,
  };
  return {
    calendar,
    nextTrain,
    gates: gateSummary(
      model.releases,
      model.config.gates.map((gate) => gate.id),
    ),
  };
}
