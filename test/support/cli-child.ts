/** The `flowdesk` command from source (under tsx), for tests that spawn it as its own process. */
import { main } from '../../runtime/hosts/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
