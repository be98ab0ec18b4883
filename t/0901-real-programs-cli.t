#!/usr/bin/perl
# 0901 (command-line tools): coreutils, grep, sed, tar, gzip, find, make,
# curl and env from Debian's packages, each run without and with the
# library: same exit status and stdout, every stderr line in exactly one
# event, each event at the level a careful person gives it (FATAL: the
# process cannot continue; ERROR: an operation failed; WARN: a problem,
# but it goes on; INFO: normal and significant; the conventions of
# t/corpus/README.md for the ambiguous cases).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;
use RealProgs;

my $dir = tmpdir() . '/cli';
mkdir $dir;
chdir $dir or die "$dir: $!";
sub put { open(my $fh, '>', $_[0]) or die "$_[0]: $!"; print $fh $_[1]; close $fh }
put('f.txt', "alpha\nbeta\n");
mkdir 'existing';

my @cases = (
	{ name => 'ls of a missing path', cmd => [ 'ls', '/nonexistent' ], status => 2,
	  events => [ [ qr/^cannot access '\/nonexistent': No such file or directory$/, 'ERROR' ] ] },
	{ name => 'ls with an unknown option', cmd => [ 'ls', '--bogus' ], status => 2,
	  lines_todo => "getopt's message goes through glibc's internal __fxprintf, which no hook sees",
	  events => [
	    [ qr/unrecognized option '--bogus'/, 'ERROR',
	      "getopt's message is not captured (internal __fxprintf)" ],
	    [ qr/^Try 'ls --help' for more information\.$/, 'INFO' ] ] },
	{ name => 'cp from a missing file', cmd => [ 'cp', '/nonexistent', 'copy' ], status => 1,
	  events => [ [ qr/^cannot stat '\/nonexistent': No such file or directory$/, 'ERROR' ] ] },
	{ name => 'cat of a present and a missing file', cmd => [ 'cat', 'f.txt', '/nonexistent' ],
	  status => 1,
	  events => [ [ qr/^\/nonexistent: No such file or directory$/, 'ERROR' ] ] },
	{ name => 'mkdir of an existing directory', cmd => [ 'mkdir', 'existing' ], status => 1,
	  events => [ [ qr/^cannot create directory .existing.: File exists$/, 'ERROR' ] ] },
	{ name => 'chmod of a missing file', cmd => [ 'chmod', '644', '/nonexistent' ], status => 1,
	  events => [ [ qr/^cannot access '\/nonexistent': No such file or directory$/, 'ERROR' ] ] },
	{ name => 'rm of a missing file', cmd => [ 'rm', '/nonexistent' ], status => 1,
	  events => [ [ qr/^cannot remove '\/nonexistent': No such file or directory$/, 'ERROR' ] ] },
	{ name => 'sort of a missing file', cmd => [ 'sort', '/nonexistent' ], status => 2,
	  events => [ [ qr/^cannot read: \/nonexistent: No such file or directory$/, 'ERROR' ] ] },
	{ name => 'dd copying one block', cmd => [ 'dd', 'if=/dev/zero', 'of=/dev/null', 'count=1' ],
	  status => 0, mask => sub { $_[0] =~ s/copied, .*/copied/r },
	  events => [ [ qr/^1\+0 records in$/, 'INFO' ], [ qr/^1\+0 records out$/, 'INFO' ],
	    [ qr/^512 bytes copied, /, 'INFO' ] ] },
	{ name => 'env running a missing command', cmd => [ 'env', 'nosuchcommand' ], status => 127,
	  events => [ [ qr/nosuchcommand.: No such file or directory$/, 'ERROR' ] ] },
	{ name => 'grep in a missing file', cmd => [ 'grep', 'alpha', 'f.txt', '/nonexistent' ],
	  status => 2,
	  events => [ [ qr/^\/nonexistent: No such file or directory$/, 'ERROR' ] ] },
	{ name => 'grep with a bad pattern', cmd => [ 'grep', '[', 'f.txt' ], status => 2,
	  events => [ [ qr/Unmatched \[|Invalid regular expression/, 'ERROR' ] ] },
	{ name => 'sed with a bad script', cmd => [ 'sed', '-e', 'xyz', 'f.txt' ], status => 1,
	  events => [ [ qr/^sed: -e expression #1, char 2: extra characters after command$/, 'ERROR' ] ] },
	{ name => 'tar extracting a missing archive', cmd => [ 'tar', '-xf', '/nonexistent.tar' ],
	  status => 2,
	  events => [ [ qr/^\/nonexistent.tar: Cannot open: No such file or directory$/, 'ERROR' ],
	    [ qr/^Error is not recoverable: exiting now$/, 'ERROR' ] ] },
	{ name => 'tar archiving an absolute path', cmd => [ 'tar', '-cf', '/dev/null', "$dir/f.txt" ],
	  status => 0,
	  events => [ [ qr/^Removing leading `\/' from member names$/, 'NOTICE',
	    'the classifier gives INFO; the corpus conventions (10) make this NOTICE' ] ] },
	{ name => 'gzip of a file without the .gz suffix', cmd => [ 'gzip', '-d', 'f.txt' ],
	  status => 2,
	  events => [ [ qr/^gzip: f.txt: unknown suffix -- ignored$/, 'WARN' ] ] },
	{ name => 'gzip -v reporting its ratio', cmd => [ 'gzip', '-v', '-c', 'f.txt' ],
	  status => 0,
	  events => [ [ qr/^f.txt:\s+-?[\d.]+% -- replaced with stdout$/, 'INFO' ] ] },
	{ name => 'find of a missing directory', cmd => [ 'find', '/nonexistent' ], status => 1,
	  events => [ [ qr/.\/nonexistent.: No such file or directory$/, 'ERROR' ] ] },
	{ name => 'make without a rule', cmd => [ 'make', '-f', '/dev/null', 'nosuch' ], status => 2,
	  # Not the make that runs the tests: no jobserver, no level.
	  env => { MAKEFLAGS => '', MFLAGS => '', MAKELEVEL => '' },
	  events => [ [ qr/^make(?:\[\d+\])?: \*\*\* No rule to make target 'nosuch'\.  Stop\.$/, 'ERROR' ] ] },
	{ name => 'curl to a closed loopback port', cmd => [ 'curl', '-sS', 'http://127.0.0.1:1/' ],
	  status => 7, mask => sub { $_[0] =~ s/after \d+ ms/after N ms/r },
	  events => [ [ qr/^curl: \(7\) Failed to connect to 127\.0\.0\.1 port 1 /, 'ERROR' ] ] },
);

my $n = 0;
$n += tests_for($_) for @cases;
plan tests => $n;
check_program($_) for @cases;
chdir '/';
