/**
 * The files the perf specs leave for bench/run.mjs: one JSON per section in test-results/bench/. Budgets are
 * data printed next to the figures (PASS/OVER), never assertions: a slow machine must not fail a test run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'bench');

/** One measured quantity: every sample is kept, run.mjs prints median and min–max. */
export interface TimingRow {
  label: string;
  /** One per repeated run, in `unit` (milliseconds unless said). */
  samples: number[];
  /** Target in `unit` (the row passes when its median is at or under it). */
  budgetMs?: number;
  unit?: 'ms' | 'MiB';
  note?: string;
}

/** A metric across the steps of a section (e.g. per vault size): run.mjs prints one cell per column. */
export interface SummaryRow {
  label: string;
  unit?: 'ms' | 'MiB';
  /** Samples per column (same order as `Summary.columns`); null where not measured. */
  cells: (number[] | null)[];
  /** Target per column, in `unit`; absent where the metric has none. */
  budgets?: (number | undefined)[];
}

export interface Summary {
  title: string;
  columns: string[];
  rows: SummaryRow[];
}

export interface SizeRow {
  label: string;
  rawBytes: number;
  gzipBytes: number;
  /** Target for the gzip size, in bytes. */
  budgetGzipBytes?: number;
  note?: string;
}

export interface Section {
  /** File name and sort key, e.g. "1-popup". */
  id: string;
  title: string;
  timings?: TimingRow[];
  sizes?: SizeRow[];
  /** How it was measured, what was left out: printed under the table. */
  notes?: string[];
  /** Facts about the run (browser version, seeding time...). */
  facts?: Record<string, string | number>;
  /** Printed before the detailed rows, as a Markdown table. */
  summary?: Summary;
}

export function writeSection(section: Section): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${section.id}.json`), JSON.stringify(section, null, 2));
}

/** Repeats an async measurement `runs` times (after `warmups` discarded runs) and returns the samples. */
export async function repeat<T>(
  runs: number,
  measure: (run: number) => Promise<T>,
  warmups = 0,
): Promise<T[]> {
  for (let i = 0; i < warmups; i++) await measure(-1 - i);
  const samples: T[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure(i));
  return samples;
}
