/** Asserts that a provider call fails with a ProviderError of the given kind (and provider, and message fragment). */
import assert from 'node:assert/strict';
import { ProviderError, type ProviderErrorKind } from '../../../src/providers/types';

export async function expectProviderError(promise: Promise<unknown>, kind: ProviderErrorKind, fragment?: string | RegExp, provider?: string): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected ProviderError, got ${String(error)}`);
    if (provider) assert.equal(error.provider, provider);
    assert.equal(error.kind, kind, `kind of "${error.message}"`);
    if (fragment instanceof RegExp) assert.match(error.message, fragment);
    else if (fragment) assert.ok(error.message.includes(fragment), `"${error.message}" should mention "${fragment}"`);
    return error;
  }
  assert.fail(`expected a ProviderError of kind ${kind}`);
}
