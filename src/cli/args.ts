/** A small argv parser: flags with values, boolean flags, positionals; unknown flags are usage errors. */

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string>;
  flags: Set<string>;
}

export function parseArgs(argv: string[], spec: {values?: string[]; flags?: string[]}): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const flags = new Set(spec.flags ?? []);
  const out: ParsedArgs = {positionals: [], values: {}, flags: new Set()};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flags.has(name) && eq < 0) out.flags.add(name);
    else if (values.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      out.values[name] = value;
    } else throw new UsageError(`unknown option --${name}`);
  }
  return out;
}

/** The command cannot run (unreadable or corrupted index, nothing to index): exit code 1. */
export class FatalError extends Error {
  override name = 'FatalError';
}
