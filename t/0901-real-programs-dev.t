#!/usr/bin/perl
# 0901 (developer tools and interpreters): gcc, git, python3 (warnings,
# logging at each level, an uncaught traceback, sys.exit), perl (warn,
# die, -w), bash (command not found, a read -p prompt on a terminal) and
# a C++ program using iostreams, each run without and with the library:
# same exit status and stdout, every stderr line in exactly one event,
# each event at the level a careful person gives it (conventions:
# t/corpus/README.md).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;
use RealProgs;

my $dir = tmpdir() . '/dev';
mkdir $dir;
chdir $dir or die "$dir: $!";
sub put { open(my $fh, '>', $_[0]) or die "$_[0]: $!"; print $fh $_[1]; close $fh }

put('bad.c', "int main(void)\n{\n\tint unused;\n\treturn undefined_thing;\n}\n");
put('warn.py', <<'PY');
import warnings
warnings.warn("the old API is deprecated", DeprecationWarning)
warnings.warn("careful with that")
print("done")
PY
put('log.py', <<'PY');
import logging
logging.basicConfig(level=logging.DEBUG)
logging.debug("cache warmed")
logging.info("listening on port 8080")
logging.warning("disk almost full")
logging.error("cannot open database")
logging.critical("out of memory, shutting down")
PY
put('tb.py', <<'PY');
def parse(s):
    return int(s)
print("start")
parse("x1")
PY
mkdir 'repo';
system('git', '-C', 'repo', 'init', '-q') == 0 or die 'git init failed';
mkdir 'notrepo';

my $py = '/usr/bin/python3';
my %git = (GIT_CEILING_DIRECTORIES => $dir, HOME => $dir);
my $prompt_err = "$dir/prompt.err";

my @cases = (
	{ name => 'gcc with an error and a warning',
	  cmd => [ 'gcc', '-Wall', '-c', 'bad.c', '-o', 'bad.o' ], status => 1,
	  skip_san => { asan => "ASan's runtime, loaded after libc into gcc, crashes in its own start-up" },
	  events => [
	    [ qr/^bad\.c: In function .main.:\nbad\.c:4:\d+: error: .undefined_thing. undeclared/, 'ERROR' ],
	    [ qr/^ +4 \| +return undefined_thing;$/, 'ERROR' ],
	    [ qr/^ +\| +\^~+$/, 'ERROR' ],
	    [ qr/^bad\.c:4:\d+: note: each undeclared identifier/, 'INFO' ],
	    [ qr/^bad\.c:3:\d+: warning: unused variable .unused./, 'WARN' ],
	    [ qr/^ +3 \| +int unused;$/, 'WARN' ],
	    [ qr/^ +\| +\^~+$/, 'WARN' ] ] },
	{ name => 'git outside a repository', cmd => [ 'git', '-C', 'notrepo', 'status' ],
	  env => \%git, status => 128,
	  events => [ [ qr/^fatal: not a git repository/, 'ERROR' ] ] },
	{ name => 'git checkout of a missing path', cmd => [ 'git', '-C', 'repo', 'checkout', 'nosuch' ],
	  env => \%git, status => 1,
	  events => [ [ qr/^error: pathspec 'nosuch' did not match any file\(s\) known to git$/, 'ERROR' ] ] },
	{ name => 'git rev-parse of an unknown revision',
	  cmd => [ 'git', '-C', 'repo', 'rev-parse', 'nosuchref' ], env => \%git, status => 128,
	  events => [
	    [ qr/^fatal: ambiguous argument 'nosuchref': unknown revision/, 'ERROR' ],
	    [ qr/^Use '--' to separate paths from revisions, like this:$/, 'INFO' ],
	    [ qr/^'git <command> \[<revision>\.\.\.\] -- \[<file>\.\.\.\]'$/, 'INFO' ] ] },
	{ name => 'python3 warnings module', cmd => [ $py, '-W', 'always', 'warn.py' ], status => 0,
	  events => [
	    [ qr/warn\.py:2: DeprecationWarning: the old API is deprecated$/, 'WARN' ],
	    [ qr/^  warnings\.warn\("the old API/, 'WARN' ],
	    [ qr/warn\.py:3: UserWarning: careful with that$/, 'WARN' ],
	    [ qr/^  warnings\.warn\("careful with that"\)$/, 'WARN' ] ] },
	{ name => 'python3 logging module at each level', cmd => [ $py, 'log.py' ], status => 0,
	  events => [
	    [ qr/^DEBUG:root:cache warmed$/, 'DEBUG' ],
	    [ qr/^INFO:root:listening on port 8080$/, 'INFO' ],
	    [ qr/^WARNING:root:disk almost full$/, 'WARN' ],
	    [ qr/^ERROR:root:cannot open database$/, 'ERROR' ],
	    [ qr/^CRITICAL:root:out of memory, shutting down$/, 'FATAL' ] ] },
	{ name => 'python3 uncaught exception', cmd => [ $py, 'tb.py' ], status => 1,
	  events => [ [ qr/^Traceback \(most recent call last\):\n.*\nValueError: invalid literal for int\(\) with base 10: 'x1'$/s,
	    'FATAL' ] ] },
	{ name => 'python3 sys.exit with a message',
	  cmd => [ $py, '-c', 'import sys; sys.exit("fatal: no configuration file")' ], status => 1,
	  events => [ [ qr/^fatal: no configuration file$/, 'ERROR' ] ] },
	{ name => 'perl warn, -w and die',
	  cmd => [ 'perl', '-we', 'my $x; my $y = "a" . $x; print "ok\n"; warn "low on disk"; die "cannot open /etc/app.conf: No such file or directory"' ],
	  status => 255,
	  events => [
	    [ qr/^Use of uninitialized value \$x in concatenation/, 'WARN' ],
	    [ qr/^low on disk at -e line 1\.$/, 'WARN' ],
	    [ qr/^cannot open \/etc\/app\.conf: No such file or directory at -e line 1\.$/, 'FATAL',
	      'the classifier gives ERROR; a die that ends the program is FATAL (convention 1)' ] ] },
	{ name => 'bash running a missing command',
	  cmd => [ 'bash', '-c', 'nosuchcommand_xyz; echo "after $?"' ], status => 0,
	  events => [ [ qr/^bash: line 1: nosuchcommand_xyz: command not found$/, 'ERROR' ] ] },
	# bash prompts only when its input is a terminal: script(1) gives it
	# one.  The prompt goes to the file the read's redirection names.
	{ name => 'bash read -p prompting on a terminal',
	  cmd => [ 'script', '-qec',
	    "bash -c 'read -p \"Name: \" n 2>$prompt_err; echo \"hello \$n\" >&2'", '/dev/null' ],
	  stdin => "bob\n", stderr_file => $prompt_err, status => 0,
	  events => [ [ qr/^Name: $/, 'INFO' ] ] },
	{ name => 'a C++ program writing to std::cerr and std::clog', cmd => [ prog('cxxlog') ],
	  status => 3,
	  events => [
	    [ qr/^cxxlog: loading configuration from \/etc\/cxxlog\.conf$/, 'INFO' ],
	    [ qr/^cxxlog: warning: cache size 0 is too small, using 64$/, 'WARN' ],
	    [ qr/^cxxlog: error: cannot open \/var\/lib\/cxxlog\/state\.db: No such file or directory$/,
	      'ERROR' ] ] },
);

my $n = 0;
$n += tests_for($_) for @cases;
plan tests => $n;
check_program($_) for @cases;
chdir '/';
