/**
 * What every loopback emulator needs besides its API: fault delays that never outlive the
 * server, its URL, and a close that also drops kept-alive connections (SDK clients keep them).
 */
import type { Server } from 'node:http';
import type { Server as TlsServer } from 'node:https';
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

/** Starts listening (loopback by default) and returns `host:port` (IPv6 hosts bracketed). */
export async function listenOnLoopback(server: Server | TlsServer, port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number; hostPort: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const bracketed = address.address.includes(':') ? `[${address.address}]` : address.address;
  return { host: bracketed, port: address.port, hostPort: `${bracketed}:${address.port}` };
}

export function closeServer(server: Server | TlsServer, delays?: FaultDelays): Promise<void> {
  delays?.cancelAll();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
