const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Numeric value of a Kubernetes quantity already checked by the schema's patterns. */
export function quantityValue(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([a-zA-Z]*)$/.exec(quantity);
  if (!match || !(match[2] in SUFFIX)) return Number.NaN;
  return Number(match[1]) * SUFFIX[match[2]];
}
