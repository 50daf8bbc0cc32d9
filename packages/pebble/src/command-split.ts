/**
 * Splitting a service or check command into argv as Pebble does: canonical/x-go strutil/shlex Split
 * (POSIX-like words, quotes, backslashes, `#` comments), then for services plan.go
 * (*Service).ParseCommand's `[ ... ]` group of default arguments, appended to the base command.
 */

/**
 * shlex.Split: words separated by blanks; '…' literal; in "…" and outside quotes a backslash takes the
 * next character as it is; `#` at the start of a word starts a comment to the end of the line.
 */
export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(what);
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === '#' && !inWord) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) fail('EOF found when expecting closing quote');
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= text.length) fail('EOF found when expecting closing quote');
        const d = text[i] as string;
        if (d === '"') break;
        if (d === '\\') {
          if (i + 1 >= text.length) fail('EOF found after escape character');
          word += text[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) fail('EOF found after escape character');
      word += text[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * A service's argv: plan.go ParseCommand's base words plus the `[ ... ]` group's default arguments,
 * with its error texts (`cannot parse service "web" command: ...`).
 */
export function serviceArgv(name: string, command: string): string[] {
  const wrap = (message: string): Error =>
    new Error(`cannot parse service ${JSON.stringify(name)} command: ${message}`);
  let args: string[];
  try {
    args = shlexSplit(command);
  } catch (error) {
    throw wrap((error as Error).message);
  }
  const base: string[] = [];
  const extra: string[] = [];
  let inBrackets = false;
  let gotBrackets = false;
  for (const [idx, arg] of args.entries()) {
    if (inBrackets) {
      if (arg === '[') throw wrap('cannot nest [ ... ] groups');
      if (arg === ']') inBrackets = false;
      else extra.push(arg);
      continue;
    }
    if (gotBrackets) throw wrap('cannot have any arguments after [ ... ] group');
    if (arg === '[') {
      if (idx === 0) throw wrap('cannot start command with [ ... ] group');
      inBrackets = true;
      gotBrackets = true;
      continue;
    }
    if (arg === ']') throw wrap('cannot have ] outside of [ ... ] group');
    base.push(arg);
  }
  return [...base, ...extra];
}
