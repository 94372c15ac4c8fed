// A cache handler that keeps nothing: with PAGE_CACHE=off every request renders its page and reads
// the database, which is what the page benchmark compares the cache against (and a way to rule the
// cache out when debugging). CommonJS because Next loads the handler with require().
module.exports = class NullCacheHandler {
  async get() {
    return null;
  }
  async set() {}
  async revalidateTag() {}
  resetRequestCache() {}
};
