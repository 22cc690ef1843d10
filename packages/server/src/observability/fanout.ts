import { performance } from 'node:perf_hooks';

/** Receives fan-out durations (the app's metrics). */
export interface FanoutSink {
  observeFanout(seconds: number): void;
}

interface Trace {
  readonly start: number;
  /** When the hub wrote the event's last local frame, and whose metrics record it. */
  end: number;
  sink: FanoutSink | null;
}

/**
 * Fan-out timing for stored messages: the poster opens a trace on the event object once the
 * message is stored, the hub notes each time it has written that event's frames, and the poster
 * closes the trace after publishing. Keyed by the event object itself, so events never carry
 * anything extra on the wire and apps sharing a process do not see each other's traces.
 */
const traces = new WeakMap<object, Trace>();

/** The message behind `event` was just stored; its fan-out starts now. */
export function startFanout(event: object): void {
  traces.set(event, { start: performance.now(), end: 0, sink: null });
}

/** The hub wrote frames for `event` to local connections (cheap no-op for untraced events). */
export function fanoutWritten(event: object, sink: FanoutSink): void {
  const trace = traces.get(event);
  if (!trace) return;
  trace.end = performance.now();
  trace.sink = sink;
}

/** Publishing is over: records storage-to-last-local-frame, if any frame was written here. */
export function endFanout(event: object): void {
  const trace = traces.get(event);
  if (!trace) return;
  traces.delete(event);
  trace.sink?.observeFanout((trace.end - trace.start) / 1000);
}
