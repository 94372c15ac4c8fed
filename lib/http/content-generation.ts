// A counter the revalidation endpoint moves on whenever content changed, for what this process
// remembers outside Next's cache (the proxy's lookups). Kept on globalThis: Next bundles the proxy
// and the routes apart, each with its own copy of this module.

const store = globalThis as typeof globalThis & { inkstoneContentGeneration?: number };

export function getContentGeneration(): number {
  return store.inkstoneContentGeneration ?? 0;
}

export function advanceContentGeneration(): void {
  store.inkstoneContentGeneration = getContentGeneration() + 1;
}
