/**
 * What every loopback emulator needs besides its API: fault delays that never outlive the
 * server, its URL, and a close that also drops kept-alive connections (SDK clients keep them).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class FaultDelays {
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  /** Waits, but never past cancelAll(): a delayed answer must not keep the server alive. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  cancelAll(): void {
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
  }
}

/** `host:port` of a listening server (IPv6 hosts bracketed). */
export function listeningAddress(server: Server): { host: string; port: number; hostPort: string } {
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return { host, port, hostPort: `${host}:${port}` };
}

export function closeServer(server: Server, delays?: FaultDelays): Promise<void> {
  delays?.cancelAll();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
