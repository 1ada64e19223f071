/**
 * A value loaded at most once per `ttlMs`; concurrent callers share one
 * in-flight load instead of each hitting the upstream.
 */
export class CoalescedValue<T> {
  readonly #load: () => Promise<T>;
  readonly #ttlMs: number;
  #value?: { data: T; at: number };
  #inFlight?: Promise<T>;

  static create<T>(options: { load: () => Promise<T>; ttlMs: number }) {
    return new CoalescedValue(options.load, options.ttlMs);
  }

  private constructor(load: () => Promise<T>, ttlMs: number) {
    this.#load = load;
    this.#ttlMs = ttlMs;
  }

  /** The cached value while fresh, else the result of one shared load. */
  get(): Promise<T> {
    if (this.#value && Date.now() - this.#value.at < this.#ttlMs) {
      return Promise.resolve(this.#value.data);
    }
    return this.refresh();
  }

  /**
   * Like get(), but a value at most twice the TTL old is answered at once while
   * a shared load refreshes it in the background (stale-while-revalidate).
   */
  getAllowingStale(): Promise<T> {
    const value = this.#value;
    if (value && Date.now() - value.at < 2 * this.#ttlMs) {
      if (Date.now() - value.at >= this.#ttlMs) {
        this.refresh().catch(() => undefined);
      }
      return Promise.resolve(value.data);
    }
    return this.refresh();
  }

  /** Loads now (or joins the load in flight), whatever the age of the cache. */
  refresh(): Promise<T> {
    if (!this.#inFlight) {
      this.#inFlight = this.#load()
        .then(data => {
          this.#value = { data, at: Date.now() };
          return data;
        })
        .finally(() => {
          this.#inFlight = undefined;
        });
    }
    return this.#inFlight;
  }

  /** The last loaded value, whatever its age. */
  peek(): T | undefined {
    return this.#value?.data;
  }

  invalidate(): void {
    this.#value = undefined;
  }
}
