/**
 * Counts the provider API calls a query makes. One query ("how are the pods doing?") may take
 * several calls (list pods, then read logs per pod); the eval reports both, so a query that
 * hides many calls cannot make an investigation look cheaper than it is.
 */
import type { ProviderSet } from '../../providers/types';

export class CallCounter {
  calls = 0;

  /** The same providers, each method call counted (properties and ids pass through). */
  wrap(providers: ProviderSet): ProviderSet {
    const wrapped: ProviderSet = {};
    for (const [key, provider] of Object.entries(providers) as [keyof ProviderSet, object | undefined][]) {
      if (!provider) continue;
      (wrapped as Record<string, unknown>)[key] = new Proxy(provider, {
        get: (target, property, receiver) => {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            this.calls += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }
    return wrapped;
  }
}
