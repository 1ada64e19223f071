import { runRenderCli } from './renderCli';

/** Entry point of `yarn render` (see docs/render-cli.md). */
runRenderCli(process.argv.slice(2), {
  stdout: line => process.stdout.write(`${line}\n`),
  stderr: line => process.stderr.write(`${line}\n`),
  cwd: process.env.INIT_CWD ?? process.cwd(),
}).then(code => {
  process.exitCode = code;
});
