/**
 * The incident timeline as an SVG: the error-rate series, the alarm, deployments, config changes
 * and commits as vertical markers, log-pattern onsets and stopped tasks in lanes below, the root
 * cause's marker emphasised. Built with createElementNS and textContent only (labels come from
 * log data); colours come from CSS classes bound to the theme's variables (media/evidence.css),
 * so it follows light, dark and high-contrast themes.
 */
import type { TimelineMarker, TimelineView } from '../src/shared/protocol';
import { el } from './dom';
import { svg, text, title } from './svg';

const LABEL_ROWS = 3;
const ROW = 15;
const CHART_TOP = LABEL_ROWS * ROW + 6;
const CHART_HEIGHT = 80;
const AXIS_Y = CHART_TOP + CHART_HEIGHT;
const PATTERN_LANE = AXIS_Y + 28;
const STOP_LANE = PATTERN_LANE + 20;
const HEIGHT = STOP_LANE + 16;
const LEFT = 44;
const RIGHT = 12;
/** Average glyph width at the label font size, to keep labels from overlapping. */
const CHAR_WIDTH = 6.4;


const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** A readable tick step for the span: 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h. */
function tickStep(spanMs: number, width: number): number {
  const minutes = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720];
  const maxTicks = Math.max(2, Math.floor(width / 70));
  for (const step of minutes) if (spanMs / (step * 60_000) <= maxTicks) return step * 60_000;
  return 1440 * 60_000;
}

const VERTICAL_KINDS = new Set<TimelineMarker['kind']>(['alarm', 'deployment', 'config', 'commit']);

export function renderTimeline(view: TimelineView, width: number): HTMLElement {
  const plotWidth = Math.max(200, width - LEFT - RIGHT);
  const x = (at: number): number => LEFT + ((Math.max(view.start, Math.min(view.end, at)) - view.start) / (view.end - view.start)) * plotWidth;
  const root = svg('svg', { class: 'timeline', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img' });
  root.appendChild(title('Incident timeline: error rate, alarm, deployments, config changes, commits, log-pattern onsets and stopped tasks'));

  // The incident window, from the alarm on.
  root.appendChild(svg('rect', { class: 'tl-incident', x: x(view.onset), y: CHART_TOP, width: Math.max(0, x(view.end) - x(view.onset)), height: CHART_HEIGHT }));

  // Axis and ticks.
  root.appendChild(svg('line', { class: 'tl-axis', x1: LEFT, x2: LEFT + plotWidth, y1: AXIS_Y, y2: AXIS_Y }));
  const step = tickStep(view.end - view.start, plotWidth);
  for (let t = Math.ceil(view.start / step) * step; t <= view.end; t += step) {
    root.appendChild(svg('line', { class: 'tl-grid', x1: x(t), x2: x(t), y1: CHART_TOP, y2: AXIS_Y + 4 }));
    root.appendChild(text(hhmm(t), { class: 'tl-tick', x: x(t), y: AXIS_Y + 16, 'text-anchor': 'middle' }));
  }
  root.appendChild(text('UTC', { class: 'tl-tick', x: LEFT - 6, y: AXIS_Y + 16, 'text-anchor': 'end' }));

  // Series: an area under the first, lines for the rest.
  view.series.forEach((series, index) => {
    if (series.points.length < 2) return;
    // A threshold above the data still shows: the scale leaves room for it.
    const max = Math.max(...series.points.map(([, value]) => value), series.threshold !== undefined ? series.threshold * 1.1 : 0, 1);
    const y = (value: number): number => AXIS_Y - (value / max) * (CHART_HEIGHT - 8);
    const line = series.points.map(([t, value], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
    if (index === 0) {
      const area = `${line} L${x(series.points[series.points.length - 1]![0]).toFixed(1)},${AXIS_Y} L${x(series.points[0]![0]).toFixed(1)},${AXIS_Y} Z`;
      root.appendChild(svg('path', { class: 'tl-area', d: area }));
    }
    root.appendChild(svg('path', { class: `tl-series tl-series-${index}${series.estimated ? ' estimated' : ''}`, d: line }, title(series.label)));
    if (series.threshold !== undefined) {
      const ty = y(series.threshold);
      root.appendChild(svg('line', { class: `tl-threshold tl-threshold-${index}`, x1: LEFT, x2: LEFT + plotWidth, y1: ty, y2: ty }, title(`${series.label}: alarm threshold ${series.threshold}`)));
      root.appendChild(text(`threshold ${formatMax(series.threshold)}`, { class: `tl-tick tl-threshold-label`, x: LEFT + plotWidth - 4, y: ty - 3, 'text-anchor': 'end' }));
    }
    if (index === 0) root.appendChild(text(formatMax(max), { class: 'tl-tick', x: LEFT - 6, y: AXIS_Y - (CHART_HEIGHT - 8) + 4, 'text-anchor': 'end' }));
    // Each series has its own scale: the first is read off the axis, the others say their peak.
    root.appendChild(text(index === 0 ? series.label : `${series.label} (peak ${formatMax(max)})`, { class: `tl-series-label tl-series-label-${index}`, x: LEFT + 4, y: CHART_TOP + 12 + index * 13 }));
  });

  // Vertical markers with staggered labels; the root cause's drawn last, on top.
  const rowEnds = new Array<number>(LABEL_ROWS).fill(-Infinity);
  const vertical = view.markers.filter((marker) => VERTICAL_KINDS.has(marker.kind)).sort((a, b) => Number(a.rootCause ?? false) - Number(b.rootCause ?? false) || a.at - b.at);
  for (const marker of vertical) {
    const mx = x(marker.at);
    const classes = `tl-marker tl-${marker.kind}${marker.rootCause ? ' root-cause' : ''}${marker.at < view.start ? ' earlier' : ''}`;
    const group = svg('g', { class: classes, tabindex: 0 }, title(`${marker.rootCause ? 'Root cause — ' : ''}${marker.detail}`));
    group.appendChild(svg('line', { x1: mx, x2: mx, y1: CHART_TOP - 4, y2: AXIS_Y }));
    group.appendChild(svg('circle', { cx: mx, cy: CHART_TOP - 4, r: marker.rootCause ? 5 : 3.5 }));
    const label = marker.rootCause ? `◎ ${marker.label} (root cause)` : marker.label;
    const labelWidth = label.length * CHAR_WIDTH;
    const anchorEnd = mx + labelWidth > LEFT + plotWidth;
    const from = anchorEnd ? mx - labelWidth - 4 : mx + 4;
    const row = rowEnds.findIndex((end) => from > end + 6);
    if (row >= 0 || marker.rootCause) {
      const useRow = row >= 0 ? row : 0;
      rowEnds[useRow] = from + labelWidth;
      group.appendChild(text(label, { class: 'tl-label', x: anchorEnd ? mx - 4 : mx + 4, y: (useRow + 1) * ROW - 3, 'text-anchor': anchorEnd ? 'end' : 'start' }));
    }
    root.appendChild(group);
  }

  // Lanes: pattern onsets (diamonds) and stopped tasks / pods (ticks).
  const patterns = view.markers.filter((marker) => marker.kind === 'pattern');
  const stops = view.markers.filter((marker) => marker.kind === 'termination');
  if (patterns.length) root.appendChild(text('log', { class: 'tl-lane', x: LEFT - 6, y: PATTERN_LANE + 4, 'text-anchor': 'end' }));
  for (const marker of patterns) {
    const px = x(marker.at);
    root.appendChild(
      svg('path', { class: `tl-pattern${marker.highlight ? ' highlight' : ''}`, d: `M${px},${PATTERN_LANE - 6} L${px + 6},${PATTERN_LANE} L${px},${PATTERN_LANE + 6} L${px - 6},${PATTERN_LANE} Z`, tabindex: 0 }, title(marker.detail)),
    );
  }
  if (stops.length) root.appendChild(text('stops', { class: 'tl-lane', x: LEFT - 6, y: STOP_LANE + 4, 'text-anchor': 'end' }));
  for (const marker of stops) {
    const sx = x(marker.at);
    root.appendChild(svg('line', { class: 'tl-stop', x1: sx, x2: sx, y1: STOP_LANE - 6, y2: STOP_LANE + 6 }, title(marker.detail)));
  }

  const legend = el(
    'ul',
    { className: 'timeline-legend' },
    ...view.markers
      .filter((marker) => marker.kind !== 'termination')
      .map((marker) =>
        el(
          'li',
          { className: `legend-${marker.kind}${marker.rootCause ? ' root-cause' : ''}${marker.highlight ? ' highlight' : ''}` },
          el('span', { className: 'legend-swatch' }),
          el('span', { className: 'legend-time', text: hhmm(marker.at) }),
          el('span', { text: `${marker.rootCause ? 'Root cause — ' : ''}${marker.detail}` }),
        ),
      ),
    stops.length ? el('li', { className: 'legend-termination' }, el('span', { className: 'legend-swatch' }), el('span', { className: 'legend-time', text: `${hhmm(stops[0]!.at)}–${hhmm(stops[stops.length - 1]!.at)}` }), el('span', { text: `${stops.length} stopped task(s) / pod termination(s)` })) : null,
  );
  return el('figure', { className: 'timeline-figure' }, root, view.earlierNote ? el('figcaption', { className: 'muted', text: `Off the left edge: ${view.earlierNote}` }) : null, legend);
}

function formatMax(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)}k` : value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}
