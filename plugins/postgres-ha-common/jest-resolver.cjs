// kubernetes-models and its siblings are ESM-only packages whose `exports` offer only the
// `import` condition, which Jest's CommonJS resolver does not try. Retry with it; Jest's
// SWC transform then turns those files into CommonJS like any other dependency.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch {
    const conditions = [...(options.conditions ?? []), 'import'];
    return options.defaultResolver(request, { ...options, conditions });
  }
};
