import { describe, expect, it } from 'vitest';
import { splitCommands, type ShellDialect } from './shell-words.js';

/** Each command as its words' texts. */
function words(text: string, dialect: ShellDialect = {}): string[][] {
  return splitCommands(text, dialect).map((c) => c.words.map((w) => w.text));
}

describe('splitCommands', () => {
  it('splits words at blanks', () => {
    expect(words('docker  run\t-d nginx')).toEqual([['docker', 'run', '-d', 'nginx']]);
  });

  it('removes quotes and keeps what they quote as one word', () => {
    expect(words(`echo 'a b' "c d" e'f'"g"`)).toEqual([['echo', 'a b', 'c d', 'efg']]);
    expect(words(`echo '' ""`)).toEqual([['echo', '', '']]);
    expect(words(`echo "it's" 'say "hi"'`)).toEqual([['echo', "it's", 'say "hi"']]);
  });

  it('reads backslash escapes outside and inside double quotes as bash does', () => {
    expect(words('echo a\\ b \\"c\\"')).toEqual([['echo', 'a b', '"c"']]);
    expect(words('echo "a\\"b" "\\$x" "\\n" "a\\\\b"')).toEqual([['echo', 'a"b', '$x', '\\n', 'a\\b']]);
    expect(words("echo 'a\\b'")).toEqual([['echo', 'a\\b']]);
    expect(words("echo $'a\\tb\\'c'")).toEqual([['echo', "a\tb'c"]]);
  });

  it('joins backslash-newline continuations, also with CRLF and inside words and quotes', () => {
    expect(words('docker run \\\n  -d \\\r\n  nginx')).toEqual([['docker', 'run', '-d', 'nginx']]);
    expect(words('ngi\\\nnx "a\\\nb"')).toEqual([['nginx', 'ab']]);
    // Single quotes keep the backslash and the newline.
    expect(words("echo 'a\\\nb'")).toEqual([['echo', 'a\\\nb']]);
  });

  it('ends commands at operators and newlines', () => {
    expect(words('a 1; b 2 && c 3 || d 4 | e 5 & f 6\ng 7')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
      ['e', '5'],
      ['f', '6'],
      ['g', '7'],
    ]);
    expect(words('(cd x; make) && { y; }')).toEqual([['cd', 'x'], ['make'], ['{', 'y'], ['}']]);
  });

  it('drops comments, but not a # inside a word', () => {
    expect(words('# docker run x\na b#c # d e\n  # f')).toEqual([['a', 'b#c']]);
    expect(words('echo "# not a comment"')).toEqual([['echo', '# not a comment']]);
  });

  it('leaves redirections and their targets out', () => {
    expect(words('docker run x > out.log 2>&1')).toEqual([['docker', 'run', 'x']]);
    expect(words('docker run x >>log 2> err <in &> all 3<&0')).toEqual([['docker', 'run', 'x']]);
    expect(words('docker run -i x <<< "input" >|f')).toEqual([['docker', 'run', '-i', 'x']]);
  });

  it('keeps expansions unresolved, as written', () => {
    // The commands inside come first: they are read before the command they are part of ends.
    expect(words('echo $A ${B:-x y} $(c d) `e f` $((1 + 2)) $1 $@ "$*"')).toEqual([
      ['c', 'd'],
      ['e', 'f'],
      ['echo', '$A', '${B:-x y}', '$(c d)', '`e f`', '$((1 + 2))', '$1', '$@', '$*'],
    ]);
    expect(words('echo a$B "x${C}y" $ end$')).toEqual([['echo', 'a$B', 'x${C}y', '$', 'end$']]);
  });

  it('marks words that are nothing but unquoted expansions', () => {
    const command = splitCommands('x $OPTS "$Q" ${R}$S a$T $(u)').at(-1);
    expect(command!.words.map((w) => [w.text, w.bareExpansion])).toEqual([
      ['x', false],
      ['$OPTS', true],
      ['$Q', false],
      ['${R}$S', true],
      ['a$T', false],
      ['$(u)', true],
    ]);
  });

  it('reads the commands inside command substitutions and process substitutions', () => {
    expect(words('id=$(docker run -d nginx) && echo "$(podman create x)"')).toEqual([
      ['docker', 'run', '-d', 'nginx'],
      ['id=$(docker run -d nginx)'],
      ['podman', 'create', 'x'],
      ['echo', '$(podman create x)'],
    ]);
    expect(words('echo $( (a) ; b )')).toEqual([['a'], ['b'], ['echo', '$( (a) ; b )']]);
    expect(words('diff <(docker run a) x')).toEqual([
      ['docker', 'run', 'a'],
      ['diff', '<(docker run a)', 'x'],
    ]);
    expect(words('x=`docker run b`')).toEqual([['docker', 'run', 'b'], ['x=`docker run b`']]);
  });

  it('reads here-document bodies as scripts of their own and skips their delimiters', () => {
    const script = [
      'ssh host <<EOF',
      'docker run a',
      "it's prose",
      'EOF',
      'cat <<-"END" > f',
      '\tdocker run b',
      '\tEND',
      'docker run c',
    ].join('\n');
    expect(words(script)).toEqual([
      ['ssh', 'host'],
      ['docker', 'run', 'a'],
      // A quote left open in a body runs to the body's end, not into the script after it.
      ['its prose\n'],
      ['cat'],
      ['docker', 'run', 'b'],
      ['docker', 'run', 'c'],
    ]);
  });

  it('gives each word the offset it starts at', () => {
    const text = 'docker run \\\n  -p "80:80" nginx';
    const [command] = splitCommands(text);
    expect(command!.words.map((w) => [w.text, w.start])).toEqual([
      ['docker', 0],
      ['run', 7],
      ['-p', 15],
      ['80:80', 18],
      ['nginx', 26],
    ]);
  });

  it('reads only the part it is given', () => {
    expect(splitCommands('a b; c d', {}, 3, 8).map((c) => c.words.map((w) => w.text))).toEqual([['c', 'd']]);
  });

  it('takes what an unclosed quote or substitution holds up to the end', () => {
    expect(words('echo "a b\nc')).toEqual([['echo', 'a b\nc']]);
    expect(words("echo 'a")).toEqual([['echo', 'a']]);
    expect(words('echo $(docker run x')).toEqual([
      ['docker', 'run', 'x'],
      ['echo', '$(docker run x'],
    ]);
    expect(words('echo ${a')).toEqual([['echo', '${a']]);
    expect(words('echo \\')).toEqual([['echo', '']]);
  });

  describe('make dialect', () => {
    it('keeps make references and reads $$ as the shell dollar', () => {
      expect(words('docker run $(FLAGS) -v $(CURDIR):/src ${IMG} $@ $$HOME', { make: true })).toEqual([
        ['docker', 'run', '$(FLAGS)', '-v', '$(CURDIR):/src', '${IMG}', '$@', '$HOME'],
      ]);
    });

    it('reads $$(…) as a command substitution', () => {
      expect(words('id=$$(docker run -d x)', { make: true })).toEqual([
        ['docker', 'run', '-d', 'x'],
        ['id=$(docker run -d x)'],
      ]);
    });
  });

  it('is not fooled by deep nesting', () => {
    const deep = `${'$('.repeat(200)}docker run x${')'.repeat(200)}`;
    expect(() => splitCommands(deep)).not.toThrow();
    const heredocs = Array.from({ length: 200 }, (_, i) => `a${i} <<E${i}`).join('\n');
    expect(() => splitCommands(heredocs)).not.toThrow();
  });
});
