// Lets `node --test --test-concurrency=1 lab/test/` work on Node 22, which does not expand a directory
// argument: the directory resolves to this file, which loads the *.test.mjs files in order. Each file
// wraps its tests in describe() so its before/after hooks stay scoped to its own lab.
// (`node --test --test-concurrency=1 'lab/test/*.test.mjs'` runs them one process per file.)
const fs = require('node:fs');
const path = require('node:path');

(async () => {
  for (const f of fs.readdirSync(__dirname).filter(n => n.endsWith('.test.mjs')).sort()) {
    await import(path.join(__dirname, f));
  }
})();
