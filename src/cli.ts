/**
 * The headless front end: the same engine and event stream as the extension, in a terminal.
 *   runbook demo [--scenario ID|FILE] [--scratchpad FILE] [--quiet]
 *   runbook sandbox init DIR [--scenario ID|FILE]
 *   runbook replay FILE
 */
import { runCli } from './cli/main';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`runbook: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
