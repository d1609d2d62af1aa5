/**
 * A metric evidence item's small chart: the series as a line, its range as text. Inline SVG,
 * no script or style from the data; the label is untrusted and only ever a text node.
 */
import { el } from './dom';
import { svg, title } from './svg';

const WIDTH = 220;
const HEIGHT = 40;
const PAD = 3;

export function renderSparkline(series: { label: string; points: [number, number][] }): HTMLElement | null {
  if (series.points.length < 2) return null;
  const times = series.points.map(([t]) => t);
  const values = series.points.map(([, v]) => v);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const x = (t: number) => PAD + ((t - t0) / Math.max(1, t1 - t0)) * (WIDTH - 2 * PAD);
  const y = (v: number) => HEIGHT - PAD - ((v - low) / Math.max(Number.EPSILON, high - low)) * (HEIGHT - 2 * PAD);
  const d = series.points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const chart = svg('svg', { class: 'sparkline', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' }, title(series.label), svg('path', { d, class: 'sparkline-line' }));
  const span = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  return el('figure', { className: 'sparkline-figure' }, chart, el('figcaption', { className: 'muted', text: `${series.label}: ${round(low)}–${round(high)}, ${span(t0)}–${span(t1)} UTC` }));
}

function round(value: number): string {
  return Math.abs(value) >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100);
}
