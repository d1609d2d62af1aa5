/** The terminal front end: subscribes to the event stream and prints each step and the tree. */
import type { EventStream } from '../core/events';
import { applyEvent, emptyState } from '../core/state';
import { describeEvent } from './render';

export function attachConsole(stream: EventStream, options: { quiet?: boolean } = {}): void {
  const view = emptyState(stream.investigationId);
  stream.subscribe((event) => {
    applyEvent(view, event);
    if (options.quiet) return;
    const line = describeEvent(event, view);
    if (line !== undefined) console.log(line);
  });
}
